/// Renders parsed templates over `TemplateValue`s into UTF-8 bytes: one buffer for the whole page, names looked up
/// through the stack of values sections opened, values escaped for HTML as they are written.
struct TemplateRenderer {
    let templates: [String: Template]
    private(set) var output: [UInt8] = []
    private var stack: [TemplateValue] = []

    struct MissingPartial: Error, CustomStringConvertible {
        let name: String
        var description: String { "Template \(name).mustache is missing (named by a partial or a parent)" }
    }

    init(templates: [String: Template], capacity: Int) {
        self.templates = templates
        output.reserveCapacity(capacity)
    }

    mutating func render(_ template: Template, _ value: TemplateValue) throws(MissingPartial) {
        stack = [value]
        try render(template.nodes, blocks: [:], indentation: [])
    }

    private mutating func render(_ nodes: [TemplateNode], blocks: [String: [TemplateNode]], indentation: [UInt8]) throws(MissingPartial) {
        if indentation.isEmpty {
            for node in nodes { try render(node, blocks: blocks, indentation: indentation) }
            return
        }
        // Inside an indented partial, a node that writes at the start of a line is indented.
        let start = output.count
        for node in nodes {
            let before = output.count
            try render(node, blocks: blocks, indentation: indentation)
            if output.count > before, before > start, output[before - 1] == UInt8(ascii: "\n") {
                output.insert(contentsOf: indentation, at: before)
            }
        }
    }

    private mutating func render(_ node: TemplateNode, blocks: [String: [TemplateNode]], indentation: [UInt8]) throws(MissingPartial) {
        switch node {
        case .text(let text):
            output.append(contentsOf: text)
        case .variable(let path, let escaped):
            guard let text = lookUp(path)?.text else { return }
            if escaped { HTMLEscaping.append(escaping: text, to: &output) } else { output.append(contentsOf: text.utf8) }
        case .section(let path, let inverted, let body):
            let value = lookUp(path)
            if inverted {
                if !(value?.opensSection ?? false) { try render(body, blocks: blocks, indentation: indentation) }
                return
            }
            guard let value, value.opensSection else { return }
            switch value {
            case .bool:
                try render(body, blocks: blocks, indentation: indentation)
            case .list(let items):
                for item in items {
                    stack.append(item)
                    try render(body, blocks: blocks, indentation: indentation)
                    stack.removeLast()
                }
            default:
                stack.append(value)
                try render(body, blocks: blocks, indentation: indentation)
                stack.removeLast()
            }
        case .partial(let name, let partialIndentation):
            guard let template = templates[name] else { throw MissingPartial(name: name) }
            output.append(contentsOf: partialIndentation)
            try render(template.nodes, blocks: blocks, indentation: indentation + partialIndentation)
        case .parent(let name, let parentIndentation, let filled):
            guard let template = templates[name] else { throw MissingPartial(name: name) }
            output.append(contentsOf: parentIndentation)
            // A block filled by an outer template keeps that filling.
            let merged = blocks.isEmpty ? filled : blocks.merging(filled) { outer, _ in outer }
            try render(template.nodes, blocks: merged, indentation: indentation + parentIndentation)
        case .block(let name, let blockIndentation, let fallback):
            output.append(contentsOf: blockIndentation)
            try render(blocks[name] ?? fallback, blocks: blocks, indentation: indentation + blockIndentation)
        }
    }

    /// The value `path` names: its first name in the innermost value that has it, the others read from there.
    private func lookUp(_ path: TemplatePath) -> TemplateValue? {
        guard let first = path.names.first else { return stack.last }
        for value in stack.reversed() {
            guard var found = value.member(first) else { continue }
            for name in path.names.dropFirst() {
                guard let next = found.member(name) else { return nil }
                found = next
            }
            return found
        }
        return nil
    }
}
