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

    static func svg(rows: [Row], title: String, legend: [String], id: String) -> String {
        let barWidth = 420.0, labelWidth = 150.0, rowHeight = 26.0, top = 30.0
        let height = top + Double(rows.count) * rowHeight + 10
        let width = labelWidth + barWidth + 20
        let colours = ["#1b7a3a", "#b3261e", "#6b6b6b", "#d9d9d9"]
        var svg = """
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
        for (index, row) in rows.enumerated() {
            let y = top + Double(index) * rowHeight
            let total = max(1, row.counts.eligible)
            svg += "<text x=\"\(fmt(labelWidth - 6))\" y=\"\(fmt(y + 15))\" font-size=\"12\" text-anchor=\"end\">\(escape(row.label))</text>"
            var offset = labelWidth
            for (value, colour) in zip([row.counts.pour, row.counts.contre, row.counts.abstention, row.counts.notTakingPart], colours) where value > 0 {
                let w = barWidth * Double(value) / Double(total)
                svg += "<rect x=\"\(fmt(offset))\" y=\"\(fmt(y + 2))\" width=\"\(fmt(w))\" height=\"\(fmt(rowHeight - 8))\" fill=\"\(colour)\"><title>\(value)</title></rect>"
                offset += w
            }
        }
        return svg + "</svg>"
    }

    static func fmt(_ value: Double) -> String { String(format: "%.1f", value) }

    static func escape(_ text: String) -> String { XMLText.escape(text) }
}

/// Text and attribute values written into XML and SVG.
enum XMLText {
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
