/// A criterion's values in the pool beside the population, as an SVG bar chart drawn by the server: for each value,
/// its share of the population (grey) and of the pool (blue), each labelled with its percentage, so nothing depends
/// on colour alone; the table beside it gives the same figures. Drawn left to right in every language (the labels,
/// Arabic ones included, keep their own direction inside their line).
enum PoolChart {
    struct Row {
        let label: String
        let populationShare: Double
        let poolShare: Double
        let populationText: String
        let poolText: String
    }

    static let colours = (population: "#8a8a8a", pool: "#1f5fa8")

    static func svg(rows: [Row], title: String, legend: (population: String, pool: String), id: String) -> String {
        let labelWidth = 190.0, barWidth = 330.0, textWidth = 70.0, lineHeight = 14.0, top = 30.0
        let wrapped = rows.map { VoteChart.wrap($0.label, width: VoteChart.labelCharacters) }
        let heights = wrapped.map { max(38.0, Double($0.count) * lineHeight + 12) }
        let height = top + heights.reduce(0, +) + 8
        // The longest share sets the scale, so small shares stay visible.
        let scale = max(0.05, rows.map { max($0.populationShare, $0.poolShare) }.max() ?? 0)
        var svg = SVGWriter(capacity: 1024 + 700 * rows.count)
        svg.openChart(width: Int(labelWidth + barWidth + textWidth + 10), height: Int(height), id: id, title: title, className: "pool-chart",
                      attributes: "direction=\"ltr\" ")
        svg.legend([(legend.population, colours.population), (legend.pool, colours.pool)])
        var y = top
        for (index, row) in rows.enumerated() {
            let lines = wrapped[index], rowHeight = heights[index]
            svg.label(lines, x: labelWidth - 6, y: y + (rowHeight - Double(lines.count) * lineHeight) / 2 + 11, lineHeight: lineHeight)
            let barsTop = y + (rowHeight - 30) / 2
            for (offset, share, text, colour) in [(0.0, row.populationShare, row.populationText, colours.population),
                                                  (16.0, row.poolShare, row.poolText, colours.pool)] {
                svg.bar(x: labelWidth, y: barsTop + offset, width: barWidth * min(1, share / scale), colour: colour, text: text)
            }
            y += rowHeight
        }
        svg.write("</svg>")
        return svg.text
    }
}
