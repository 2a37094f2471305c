/// Counts as an SVG bar chart drawn by the server: one bar per row, labelled with its count, so nothing depends on
/// colour alone; the table beside it gives the same figures. Drawn left to right in every language.
enum CountChart {
    static let colour = "#1f5fa8"

    /// - Parameter textWidth: room after the longest bar for its figure ("21 milliers d’hectares par an" needs more than a
    ///   count does).
    static func svg(rows: [(label: String, count: Int64, text: String)], title: String, id: String, textWidth: Double = 60) -> String {
        let labelWidth = 190.0, barWidth = 300.0, lineHeight = 14.0, top = 8.0
        let wrapped = rows.map { VoteChart.wrap($0.label, width: VoteChart.labelCharacters) }
        let heights = wrapped.map { max(24.0, Double($0.count) * lineHeight + 10) }
        let height = top + heights.reduce(0, +) + 8
        let scale = max(1, rows.map(\.count).max() ?? 1)
        var svg = SVGWriter(capacity: 512 + 400 * rows.count)
        svg.openChart(width: Int(labelWidth + barWidth + textWidth + 10), height: Int(height), id: id, title: title, className: "count-chart",
                      attributes: "direction=\"ltr\" ")
        var y = top
        for (index, row) in rows.enumerated() {
            let lines = wrapped[index], rowHeight = heights[index]
            svg.label(lines, x: labelWidth - 6, y: y + (rowHeight - Double(lines.count) * lineHeight) / 2 + 11, lineHeight: lineHeight)
            svg.bar(x: labelWidth, y: y + (rowHeight - 13) / 2, width: barWidth * Double(max(0, row.count)) / Double(scale), colour: colour, text: row.text)
            y += rowHeight
        }
        svg.write("</svg>")
        return svg.text
    }
}
