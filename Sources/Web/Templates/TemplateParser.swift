/// Reads a template's source into nodes in three steps: pieces (text within one line, and tags), the Mustache rule
/// for standalone tags (a section, comment, partial or block tag alone on its line takes the line with it), then the
/// tree of sections and blocks.
struct TemplateParser {
    let name: String
    let bytes: [UInt8]

    init(name: String, source: String) {
        self.name = name
        bytes = Array(source.utf8)
    }

    enum TagKind: Equatable {
        case variable, unescaped, section, inverted, close, comment, partial, parent, block, pragma

        /// Tags that vanish with their line when alone on it.
        var canStandAlone: Bool { self != .variable && self != .unescaped }
    }

    struct Tag {
        let kind: TagKind
        let name: String
        let line: Int
        let column: Int
        var indentation: [UInt8] = []
    }

    enum Piece {
        case text(ArraySlice<UInt8>, endsLine: Bool)
        case tag(Tag)
    }

    mutating func parse() throws(TemplateSyntaxError) -> [TemplateNode] {
        try tree(standalone(pieces()))
    }

    // MARK: Pieces

    private func pieces() throws(TemplateSyntaxError) -> [Piece] {
        var pieces: [Piece] = []
        var index = 0, line = 1, lineStart = 0, textStart = 0
        let open: [UInt8] = Array("{{".utf8)
        func flushText(upTo end: Int, endsLine: Bool) {
            if end > textStart { pieces.append(.text(bytes[textStart..<end], endsLine: endsLine)) }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                flushText(upTo: index + 1, endsLine: true)
                index += 1
                line += 1
                lineStart = index
                textStart = index
                continue
            }
            guard byte == open[0], index + 1 < bytes.count, bytes[index + 1] == open[1] else {
                index += 1
                continue
            }
            flushText(upTo: index, endsLine: false)
            // Columns count characters, not bytes: an Arabic line's columns are where an editor shows them.
            let tagLine = line, tagColumn = bytes[lineStart..<index].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
            var cursor = index + 2
            let triple = cursor < bytes.count && bytes[cursor] == UInt8(ascii: "{")
            if triple { cursor += 1 }
            let closing: [UInt8] = triple ? Array("}}}".utf8) : Array("}}".utf8)
            guard let end = find(closing, from: cursor) else {
                throw TemplateSyntaxError(template: name, line: tagLine, column: tagColumn, reason: "the tag is not closed")
            }
            for position in cursor..<end where bytes[position] == UInt8(ascii: "\n") {
                line += 1
                lineStart = position + 1
            }
            var content = Substring(decoding: bytes[cursor..<end], as: UTF8.self)
            var kind = TagKind.variable
            if triple {
                kind = .unescaped
            } else if let sigil = content.first {
                switch sigil {
                case "#": kind = .section
                case "^": kind = .inverted
                case "/": kind = .close
                case "!": kind = .comment
                case ">": kind = .partial
                case "<": kind = .parent
                case "$": kind = .block
                case "&": kind = .unescaped
                case "%": kind = .pragma
                case "=":
                    throw TemplateSyntaxError(template: name, line: tagLine, column: tagColumn, reason: "set delimiters are not supported")
                default: break
                }
                if kind != .variable && !(triple) { content = content.dropFirst() }
            }
            let tagName = content.trimmingWhitespace()
            if kind != .comment && kind != .pragma {
                guard !tagName.isEmpty, !tagName.contains(where: { $0 == "(" || $0 == ")" || $0 == " " }) else {
                    throw TemplateSyntaxError(template: name, line: tagLine, column: tagColumn, reason: "“\(tagName)” is not a name")
                }
            }
            pieces.append(.tag(Tag(kind: kind, name: tagName, line: tagLine, column: tagColumn)))
            index = end + closing.count
            textStart = index
        }
        flushText(upTo: bytes.count, endsLine: false)
        return pieces
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0], bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    // MARK: Standalone lines

    /// Drops the whitespace and line break around a tag that can stand alone and is the only thing on its line; the
    /// whitespace before it becomes its indentation. As in swift-mustache, what follows a parent's opening tag starts a
    /// line, and after a section's closing tag the line is as its opening tag left it.
    private func standalone(_ pieces: [Piece]) -> [Piece] {
        var result: [Piece] = []
        result.reserveCapacity(pieces.count)
        // Whether the line so far holds only blanks, from `blankStart` in `result`.
        var blankLine = true, blankStart = 0
        var openStandalone: [Bool] = []
        var index = 0
        while index < pieces.count {
            switch pieces[index] {
            case .text(let text, let endsLine):
                result.append(pieces[index])
                if !text.allSatisfy(Self.isBlank) { blankLine = false }
                if endsLine {
                    blankLine = true
                    blankStart = result.count
                }
            case .tag(var tag):
                var lineEnd: Int?
                if tag.kind.canStandAlone, blankLine { lineEnd = restOfLineIsBlank(pieces, after: index) }
                if let lineEnd {
                    for piece in result[blankStart...] {
                        if case .text(let text, _) = piece { tag.indentation.append(contentsOf: text) }
                    }
                    result.removeSubrange(blankStart...)
                    result.append(.tag(tag))
                    index = lineEnd
                    blankLine = true
                    blankStart = result.count
                } else {
                    result.append(.tag(tag))
                    blankLine = false
                }
                switch tag.kind {
                case .section, .inverted, .block:
                    openStandalone.append(lineEnd != nil)
                case .parent:
                    openStandalone.append(lineEnd != nil)
                    blankLine = true
                    blankStart = result.count
                case .close where lineEnd == nil:
                    blankLine = openStandalone.popLast() ?? false
                    blankStart = result.count
                case .close:
                    _ = openStandalone.popLast()
                default: break
                }
            }
            index += 1
        }
        return result
    }

    /// The index of the last piece of the line after `index` when the rest of the line is blank (the end of the
    /// template ends a line too); nil when it holds anything else.
    private func restOfLineIsBlank(_ pieces: [Piece], after index: Int) -> Int? {
        var next = index + 1
        while next < pieces.count {
            guard case .text(let text, let endsLine) = pieces[next], text.allSatisfy(Self.isBlank) else { return nil }
            if endsLine { return next }
            next += 1
        }
        return pieces.count - 1
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    // MARK: Tree

    private struct Frame {
        let tag: Tag?
        var nodes: [TemplateNode] = []
    }

    private func tree(_ pieces: [Piece]) throws(TemplateSyntaxError) -> [TemplateNode] {
        var frames = [Frame(tag: nil)]
        for piece in pieces {
            switch piece {
            case .text(let text, _):
                frames[frames.count - 1].nodes.append(.text(Array(text)))
            case .tag(let tag):
                switch tag.kind {
                case .variable, .unescaped:
                    frames[frames.count - 1].nodes.append(.variable(TemplatePath(tag.name), escaped: tag.kind == .variable))
                case .section, .inverted, .parent, .block:
                    frames.append(Frame(tag: tag))
                case .partial:
                    frames[frames.count - 1].nodes.append(.partial(tag.name, indentation: tag.indentation))
                case .comment:
                    break
                case .pragma:
                    guard tag.name == "CONTENT_TYPE:HTML" else {
                        throw TemplateSyntaxError(template: name, line: tag.line, column: tag.column, reason: "unknown pragma “\(tag.name)”")
                    }
                case .close:
                    guard frames.count > 1, let open = frames.last?.tag, open.name == tag.name else {
                        throw TemplateSyntaxError(template: name, line: tag.line, column: tag.column,
                                                  reason: "“\(tag.name)” closes a section that is not open")
                    }
                    let frame = frames.removeLast()
                    let node = try node(closing: open, frame.nodes)
                    frames[frames.count - 1].nodes.append(node)
                }
            }
        }
        if frames.count > 1, let open = frames.last?.tag {
            throw TemplateSyntaxError(template: name, line: open.line, column: open.column, reason: "“\(open.name)” is never closed")
        }
        return frames[0].nodes
    }

    private func node(closing open: Tag, _ nodes: [TemplateNode]) throws(TemplateSyntaxError) -> TemplateNode {
        switch open.kind {
        case .section, .inverted:
            return .section(TemplatePath(open.name), inverted: open.kind == .inverted, nodes)
        case .block:
            return .block(open.name, indentation: open.indentation, nodes)
        default:
            // A parent holds block definitions, and whitespace between them.
            var blocks: [String: [TemplateNode]] = [:]
            for node in nodes {
                switch node {
                case .block(let name, _, let body): blocks[name] = body
                case .text(let text) where text.allSatisfy(Self.isBlank): break
                default:
                    throw TemplateSyntaxError(template: name, line: open.line, column: open.column,
                                              reason: "“\(open.name)” may only hold blocks")
                }
            }
            return .parent(open.name, indentation: open.indentation, blocks: blocks)
        }
    }
}

extension Substring {
    func trimmingWhitespace() -> String {
        String(drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).reversed()
            .drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).reversed())
    }
}
