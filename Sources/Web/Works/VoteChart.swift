import CouncilWork
import Foundation

/// The result of a ballot per group, as an SVG bar chart drawn by the server: one stacked bar per group
/// (for, against, abstention, not taking part), with a text alternative; colours are paired with patterns-free
/// labels in the table beside it, so nothing depends on colour alone.
enum VoteChart {
    struct Row {
        let label: String
        let counts: VoteCounts
    }

    /// Characters of a group's name on one line beside its bar (12-pixel text in the label column); longer names wrap.
    static let labelCharacters = 26

    static func svg(rows: [Row], title: String, legend: [String], id: String) -> String {
        let barWidth = 420.0, labelWidth = 190.0, lineHeight = 14.0, top = 30.0
        let labels = rows.map { wrap($0.label, width: labelCharacters) }
        let rowHeights = labels.map { max(26.0, Double($0.count) * lineHeight + 10) }
        let height = top + rowHeights.reduce(0, +) + 10
        let width = labelWidth + barWidth + 20
        let colours = ["#1b7a3a", "#b3261e", "#6b6b6b", "#d9d9d9"]
        var svg = ""
        svg.reserveCapacity(1024 + 512 * rows.count)
        svg += """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-labelledby="\(id)" class="vote-chart">
            <title id="\(id)">\(escape(title))</title>
            """
        // Legend.
        var x = 0.0
        for (index, name) in legend.enumerated() {
            svg += "<rect x=\"\(fmt(x))\" y=\"4\" width=\"12\" height=\"12\" fill=\"\(colours[index])\"/>"
            svg += "<text x=\"\(fmt(x + 16))\" y=\"14\" font-size=\"12\">\(escape(name))</text>"
            x += 16 + Double(name.count) * 7 + 14
        }
        var y = top
        for (index, row) in rows.enumerated() {
            let rowHeight = rowHeights[index]
            // The name, wrapped, right-aligned against its bar and centred on it.
            let firstLine = y + (rowHeight - Double(labels[index].count) * lineHeight) / 2 + 11
            svg += "<text x=\"\(fmt(labelWidth - 6))\" y=\"\(fmt(firstLine))\" font-size=\"12\" text-anchor=\"end\">"
            for (line, text) in labels[index].enumerated() {
                svg += "<tspan x=\"\(fmt(labelWidth - 6))\" dy=\"\(line == 0 ? "0" : fmt(lineHeight))\">\(escape(text))</tspan>"
            }
            svg += "</text>"
            let total = max(1, row.counts.eligible)
            var offset = labelWidth
            let barTop = y + (rowHeight - 18) / 2
            for (value, colour) in zip([row.counts.pour, row.counts.contre, row.counts.abstention, row.counts.notTakingPart], colours) where value > 0 {
                let w = barWidth * Double(value) / Double(total)
                svg += "<rect x=\"\(fmt(offset))\" y=\"\(fmt(barTop))\" width=\"\(fmt(w))\" height=\"18.0\" fill=\"\(colour)\"><title>\(value)</title></rect>"
                offset += w
            }
            y += rowHeight
        }
        return svg + "</svg>"
    }

    /// Words in lines of at most `width` characters (a longer word is cut); the lines joined with spaces give the
    /// text back.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        // Characters are counted once per word, not again for every comparison.
        var lineCount = 0
        for piece in text.split(separator: " ") {
            var word = piece
            var count = word.count
            while count > width {
                if !line.isEmpty { lines.append(line); line = ""; lineCount = 0 }
                lines.append(String(word.prefix(width)))
                word = word.dropFirst(width)
                count -= width
            }
            if line.isEmpty {
                line = String(word)
                lineCount = count
            } else if lineCount + 1 + count <= width {
                line += " "
                line += word
                lineCount += 1 + count
            } else {
                lines.append(line)
                line = String(word)
                lineCount = count
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// A coordinate with one decimal, as `%.1f` writes it (without going through Foundation's formatter).
    static func fmt(_ value: Double) -> String {
        let tenths = Int((abs(value) * 10).rounded())
        return "\(value < 0 && tenths > 0 ? "-" : "")\(tenths / 10).\(tenths % 10)"
    }

    static func escape(_ text: String) -> String { XMLText.escape(text) }
}

/// Text and attribute values written into XML and SVG.
enum XMLText {
    static func escape(_ text: String) -> String { HTMLEscaping.escape(text, apostrophe: false) }
}
