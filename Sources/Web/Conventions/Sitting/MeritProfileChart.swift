/// A majority-judgment result as Balinski and Laraki draw it: one bar of the voters' grades from the best (left) to the
/// worst (right), each grade's share its length, and a line at the middle: the grade it crosses is the majority grade.
/// The legend names the grades and the table beside it gives the figures, so nothing depends on colour alone. Drawn
/// left to right in every language.
enum MeritProfileChart {
    static let colours = ["#1b5e20", "#388e3c", "#7cb342", "#a68a00", "#d84315", "#8e1b1b"]

    static func svg(counts: [Int], names: [String], majorityGrade: Int?, title: String, id: String) -> String {
        let width = 640.0, barTop = 64.0, barHeight = 28.0
        let total = max(1, counts.reduce(0, +))
        var svg = SVGWriter(capacity: 2048)
        svg.openChart(width: Int(width), height: Int(barTop + barHeight + 30), id: id, title: title, className: "merit-chart",
                      attributes: "direction=\"ltr\" ")
        // The legend on two rows of three grades.
        for (index, name) in names.enumerated() {
            let x = Double(index % 3) * 210, y = Double(index / 3) * 20 + 4
            svg.write("<rect x=\"")
            svg.write(tenths: x)
            svg.write("\" y=\"")
            svg.write(tenths: y)
            svg.write("\" width=\"12\" height=\"12\" fill=\"")
            svg.write(colours[index % colours.count])
            svg.write("\"/><text x=\"")
            svg.write(tenths: x + 16)
            svg.write("\" y=\"")
            svg.write(tenths: y + 10)
            svg.write("\" font-size=\"12\">")
            svg.write(escaping: name)
            svg.write("</text>")
        }
        var offset = 0.0
        for (index, count) in counts.enumerated() where count > 0 {
            let w = width * Double(count) / Double(total)
            svg.write("<rect x=\"")
            svg.write(tenths: offset)
            svg.write("\" y=\"")
            svg.write(tenths: barTop)
            svg.write("\" width=\"")
            svg.write(tenths: w)
            svg.write("\" height=\"")
            svg.write(tenths: barHeight)
            svg.write("\" fill=\"")
            svg.write(colours[index % colours.count])
            svg.write("\"><title>")
            svg.write(escaping: names.indices.contains(index) ? names[index] : "")
            svg.write(": ")
            svg.write(count)
            svg.write("</title></rect>")
            offset += w
        }
        // The middle: half of the voters on each side.
        svg.write("<line x1=\"")
        svg.write(tenths: width / 2)
        svg.write("\" x2=\"")
        svg.write(tenths: width / 2)
        svg.write("\" y1=\"")
        svg.write(tenths: barTop - 8)
        svg.write("\" y2=\"")
        svg.write(tenths: barTop + barHeight + 8)
        svg.write("\" stroke=\"#000\" stroke-width=\"2\" stroke-dasharray=\"4 2\"/>")
        if let majorityGrade, names.indices.contains(majorityGrade) {
            svg.write("<text x=\"")
            svg.write(tenths: width / 2)
            svg.write("\" y=\"")
            svg.write(tenths: barTop + barHeight + 24)
            svg.write("\" font-size=\"12\" text-anchor=\"middle\" font-weight=\"bold\">")
            svg.write(escaping: names[majorityGrade])
            svg.write("</text>")
        }
        svg.write("</svg>")
        return svg.text
    }
}
