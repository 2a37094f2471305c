/// A parsed Mustache template: text, variables, sections, partials, and the inheritance the pages use (a page names
/// its layout with `{{<layout}}` and fills its blocks with `{{$main}}…{{/main}}`). Set delimiters, lambdas and
/// transforms are not supported: a template using them is refused when it loads.
struct Template: Sendable {
    let name: String
    let nodes: [TemplateNode]

    init(name: String, source: String) throws(TemplateSyntaxError) {
        self.name = name
        var parser = TemplateParser(name: name, source: source)
        nodes = try parser.parse()
    }
}

/// A name a template looks up: `.` is the current value; `a.b` finds `a` in the innermost value that has it, then
/// reads `b` from it.
struct TemplatePath: Sendable, Equatable {
    let names: [String]

    init(_ text: String) {
        names = text == "." ? [] : text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }
}

indirect enum TemplateNode: Sendable {
    case text([UInt8])
    case variable(TemplatePath, escaped: Bool)
    case section(TemplatePath, inverted: Bool, [TemplateNode])
    /// `{{>name}}`; `indentation` is the whitespace before a partial alone on its line, repeated on its lines.
    case partial(String, indentation: [UInt8])
    /// `{{<name}}…{{/name}}`: the template `name` rendered with these blocks filled.
    case parent(String, indentation: [UInt8], blocks: [String: [TemplateNode]])
    /// `{{$name}}default{{/name}}`: the block a child template fills, or its default.
    case block(String, indentation: [UInt8], [TemplateNode])
}

/// Why a template does not parse, with its line and column.
struct TemplateSyntaxError: Error, CustomStringConvertible {
    let template: String
    let line: Int
    let column: Int
    let reason: String

    var description: String { "Template \(template).mustache, line \(line), column \(column): \(reason)" }
}
