/// What the server's bar charts share: the opening with its accessible title, the legend along the top, and a label
/// wrapped in lines beside its bars.
extension SVGWriter {
    /// `<svg …>` sized `width` × `height`, an image named by its `<title>`; `attributes` go before the view box.
    mutating func openChart(width: Int, height: Int, id: String, title: String, className: StaticString,
                            attributes: StaticString = "") {
        write("<svg xmlns=\"http://www.w3.org/2000/svg\" ")
        write(attributes)
        write("viewBox=\"0 0 ")
        write(width)
        write(" ")
        write(height)
        write("\" role=\"img\" aria-labelledby=\"")
        write(escaping: id)
        write("\" class=\"")
        write(className)
        write("\">\n<title id=\"")
        write(escaping: id)
        write("\">")
        write(escaping: title)
        write("</title>")
    }

    /// Coloured squares with their names, left to right along the top.
    mutating func legend(_ items: [(name: String, colour: String)]) {
        var x = 0.0
        for (name, colour) in items {
            write("<rect x=\"")
            write(tenths: x)
            write("\" y=\"4\" width=\"12\" height=\"12\" fill=\"")
            write(colour)
            write("\"/><text x=\"")
            write(tenths: x + 16)
            write("\" y=\"14\" font-size=\"12\">")
            write(escaping: name)
            write("</text>")
            x += 16 + Double(name.count) * 7 + 14
        }
    }

    /// A label in `lines`, its end at `x`, the first line's baseline at `y`.
    mutating func label(_ lines: [String], x: Double, y: Double, lineHeight: Double) {
        write("<text x=\"")
        write(tenths: x)
        write("\" y=\"")
        write(tenths: y)
        write("\" font-size=\"12\" text-anchor=\"end\">")
        for (line, text) in lines.enumerated() {
            write("<tspan x=\"")
            write(tenths: x)
            write("\" dy=\"")
            if line == 0 { write("0") } else { write(tenths: lineHeight) }
            write("\">")
            write(escaping: text)
            write("</tspan>")
        }
        write("</text>")
    }

    /// A bar 13 high from `x`, `width` long, in `colour`, its value written just past its end.
    mutating func bar(x: Double, y: Double, width: Double, colour: String, text: String) {
        write("<rect x=\"")
        write(tenths: x)
        write("\" y=\"")
        write(tenths: y)
        write("\" width=\"")
        write(tenths: width)
        write("\" height=\"13.0\" fill=\"")
        write(colour)
        write("\"/><text x=\"")
        write(tenths: x + width + 4)
        write("\" y=\"")
        write(tenths: y + 11)
        write("\" font-size=\"11\">")
        write(escaping: text)
        write("</text>")
    }
}
