/// A budget year's execution by programme, as an SVG bar chart drawn by the server: for each programme, its credits
/// (grey), what is committed (amber) and what is paid (blue), each bar labelled with its amount so nothing depends
/// on colour alone; the table below gives the same figures. Drawn left to right in every language (the labels keep
/// their own direction inside their line).
enum BudgetChart {
    struct Row {
        let label: String
        let allocation: Int64
        let committed: Int64
        let paid: Int64
        let texts: (allocation: String, committed: String, paid: String)
    }

    static let colours = (allocation: "#767676", committed: "#8a5a00", paid: "#1f5fa8")

    static func svg(rows: [Row], title: String, legend: (allocation: String, committed: String, paid: String), id: String) -> String {
        let labelWidth = 190.0, barWidth = 300.0, textWidth = 130.0, lineHeight = 14.0, top = 30.0
        let wrapped = rows.map { VoteChart.wrap($0.label, width: VoteChart.labelCharacters) }
        let heights = wrapped.map { max(54.0, Double($0.count) * lineHeight + 12) }
        let height = top + heights.reduce(0, +) + 8
        // The largest amount sets the scale; integers all the way to the ratio.
        let scale = max(1, rows.map { max($0.allocation, $0.committed, $0.paid) }.max() ?? 1)
        var svg = SVGWriter(capacity: 1024 + 900 * rows.count)
        svg.openChart(width: Int(labelWidth + barWidth + textWidth + 10), height: Int(height), id: id, title: title, className: "budget-chart",
                      attributes: "direction=\"ltr\" ")
        svg.legend([(legend.allocation, colours.allocation), (legend.committed, colours.committed), (legend.paid, colours.paid)])
        var y = top
        for (index, row) in rows.enumerated() {
            let lines = wrapped[index], rowHeight = heights[index]
            svg.label(lines, x: labelWidth - 6, y: y + (rowHeight - Double(lines.count) * lineHeight) / 2 + 11, lineHeight: lineHeight)
            let barsTop = y + (rowHeight - 46) / 2
            for (offset, amount, text, colour) in [(0.0, row.allocation, row.texts.allocation, colours.allocation),
                                                   (16.0, row.committed, row.texts.committed, colours.committed),
                                                   (32.0, row.paid, row.texts.paid, colours.paid)] {
                svg.bar(x: labelWidth, y: barsTop + offset, width: barWidth * Double(max(0, amount)) / Double(scale), colour: colour, text: text)
            }
            y += rowHeight
        }
        svg.write("</svg>")
        return svg.text
    }
}
