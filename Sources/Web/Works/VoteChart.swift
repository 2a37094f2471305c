import CouncilWork
import Foundation

/// The result of a ballot per group, as an SVG bar chart drawn by the server: one stacked bar per group
/// (for, against, abstention, not taking part), with a text alternative; colours are paired with patterns-free
/// labels in the table beside it, so nothing depends on colour alone.
enum VoteChart {
    struct Row {
        /// The group's name in lines (`wrap`): a page wraps each group's name once for all its ballots.
        let lines: [String]
        let counts: VoteCounts

        init(lines: [String], counts: VoteCounts) {
            self.lines = lines
            self.counts = counts
        }

        init(label: String, counts: VoteCounts) {
            self.init(lines: VoteChart.wrap(label, width: VoteChart.labelCharacters), counts: counts)
        }
    }

    /// Characters of a group's name on one line beside its bar (12-pixel text in the label column); longer names wrap.
    static let labelCharacters = 26

    static let colours = ["#1b7a3a", "#b3261e", "#6b6b6b", "#d9d9d9"]

    /// The chart's SVG, written as bytes into one buffer (a page draws one per ballot).
    static func svg(rows: [Row], title: String, legend: [String], id: String) -> String {
        let barWidth = 420.0, labelWidth = 190.0, lineHeight = 14.0, top = 30.0
        let rowHeights = rows.map { max(26.0, Double($0.lines.count) * lineHeight + 10) }
        let height = top + rowHeights.reduce(0, +) + 10
        let width = labelWidth + barWidth + 20
        var svg = SVGWriter(capacity: 1024 + 640 * rows.count)
        svg.openChart(width: Int(width), height: Int(height), id: id, title: title, className: "vote-chart")
        svg.legend(legend.enumerated().map { ($1, colours[$0]) })
        var y = top
        for (index, row) in rows.enumerated() {
            let rowHeight = rowHeights[index]
            // The name, wrapped, right-aligned against its bar and centred on it.
            let firstLine = y + (rowHeight - Double(row.lines.count) * lineHeight) / 2 + 11
            svg.label(row.lines, x: labelWidth - 6, y: firstLine, lineHeight: lineHeight)
            let total = max(1, row.counts.eligible)
            var offset = labelWidth
            let barTop = y + (rowHeight - 18) / 2
            for (value, colour) in zip([row.counts.pour, row.counts.contre, row.counts.abstention, row.counts.notTakingPart], colours) where value > 0 {
                let w = barWidth * Double(value) / Double(total)
                svg.write("<rect x=\"")
                svg.write(tenths: offset)
                svg.write("\" y=\"")
                svg.write(tenths: barTop)
                svg.write("\" width=\"")
                svg.write(tenths: w)
                svg.write("\" height=\"18.0\" fill=\"")
                svg.write(colour)
                svg.write("\"><title>")
                svg.write(value)
                svg.write("</title></rect>")
                offset += w
            }
            y += rowHeight
        }
        svg.write("</svg>")
        return svg.text
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
        var writer = SVGWriter(capacity: 8)
        writer.write(tenths: value)
        return writer.text
    }
}

/// The bytes of an SVG drawing: literal markup, integers, coordinates with one decimal, and escaped text.
struct SVGWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func write(_ markup: StaticString) {
        markup.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ markup: String) { bytes.append(contentsOf: markup.utf8) }

    mutating func write(escaping text: String) { HTMLEscaping.append(escaping: text, to: &bytes, apostrophe: false) }

    mutating func write(_ number: Int) {
        if number < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = number.magnitude
        var divisor: UInt = 1
        while divisor <= magnitude / 10 { divisor *= 10 }
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude / divisor % 10))
            divisor /= 10
        } while divisor > 0
    }

    /// `value` with one decimal, as `%.1f` writes it ("-0.0" is written "0.0").
    mutating func write(tenths value: Double) {
        let tenths = Int((abs(value) * 10).rounded())
        if value < 0 && tenths > 0 { bytes.append(UInt8(ascii: "-")) }
        write(tenths / 10)
        bytes.append(UInt8(ascii: "."))
        bytes.append(UInt8(ascii: "0") + UInt8(tenths % 10))
    }
}

/// Text and attribute values written into XML and SVG.
enum XMLText {
    static func escape(_ text: String) -> String { HTMLEscaping.escape(text, apostrophe: false) }
}
