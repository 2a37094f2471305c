/// The volunteers' selection probabilities as an SVG histogram drawn by the server: how many volunteers had each
/// chance, in twenty bands from zero to the largest, each bar labelled with its count so nothing depends on colour;
/// the page gives the smallest, median and largest beside it. Drawn left to right in every language.
enum ProbabilityChart {
    static let bands = 20
    static let colour = "#1f5fa8"

    static func svg(probabilities: [Double], title: String, id: String, percent: (Double) -> String, count: (Int) -> String) -> String {
        let left = 10.0, bottom = 24.0, top = 34.0, plotHeight = 160.0, bandWidth = 30.0
        let width = left * 2 + bandWidth * Double(bands), height = top + plotHeight + bottom
        let largest = max(probabilities.max() ?? 0, 1e-9)
        var counts = [Int](repeating: 0, count: bands)
        for probability in probabilities { counts[min(bands - 1, Int(probability / largest * Double(bands)))] += 1 }
        let highest = max(1, counts.max() ?? 1)
        var svg = SVGWriter(capacity: 2048 + 200 * bands)
        svg.openChart(width: Int(width), height: Int(height), id: id, title: title, className: "probability-chart",
                      attributes: "direction=\"ltr\" ")
        for (band, n) in counts.enumerated() where n > 0 {
            let barHeight = max(1, plotHeight * Double(n) / Double(highest))
            let x = left + bandWidth * Double(band)
            svg.write("<rect x=\"")
            svg.write(tenths: x + 2)
            svg.write("\" y=\"")
            svg.write(tenths: top + plotHeight - barHeight)
            svg.write("\" width=\"")
            svg.write(tenths: bandWidth - 4)
            svg.write("\" height=\"")
            svg.write(tenths: barHeight)
            svg.write("\" fill=\"")
            svg.write(colour)
            svg.write("\"/><text x=\"")
            svg.write(tenths: x + bandWidth / 2)
            svg.write("\" y=\"")
            svg.write(tenths: top + plotHeight - barHeight - 4)
            svg.write("\" font-size=\"10\" text-anchor=\"middle\">")
            svg.write(escaping: count(n))
            svg.write("</text>")
        }
        // The axis: zero, the middle and the largest probability.
        svg.write("<line x1=\"")
        svg.write(tenths: left)
        svg.write("\" y1=\"")
        svg.write(tenths: top + plotHeight)
        svg.write("\" x2=\"")
        svg.write(tenths: width - left)
        svg.write("\" y2=\"")
        svg.write(tenths: top + plotHeight)
        svg.write("\" stroke=\"#555\"/>")
        for (fraction, anchor) in [(0.0, "start"), (0.5, "middle"), (1.0, "end")] {
            svg.write("<text x=\"")
            svg.write(tenths: left + (width - 2 * left) * fraction)
            svg.write("\" y=\"")
            svg.write(tenths: top + plotHeight + 16)
            svg.write("\" font-size=\"11\" text-anchor=\"")
            svg.write(anchor)
            svg.write("\">")
            svg.write(escaping: percent(largest * fraction))
            svg.write("</text>")
        }
        svg.write("</svg>")
        return svg.text
    }
}
