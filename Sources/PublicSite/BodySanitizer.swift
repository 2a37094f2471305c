/// A post's body once cleaned: the HTML that may be shown as it is, and what was refused on the way.
public struct SanitizedBody: Sendable, Equatable {
    public let html: String
    /// Images left out because they had no alternative text (the form asks for it rather than publish them).
    public let imagesWithoutAlternative: Int
    /// Whether any text or image is left.
    public let hasContent: Bool
}

/// Cleans the HTML a writer pastes (from a word processor, a web page, anything) down to an allow-list of elements
/// and attributes, on the way in: headings, paragraphs, lists, emphasis, quotes, links and the site's own images.
/// Scripts, styles, frames, forms, inline event handlers, `style` and every URL that is not http(s), mail or a path
/// of the site are dropped, whatever their spelling (case, entities, control characters). Text is escaped again on
/// the way out, elements left open are closed, and a stray closing tag is dropped, so the result is well formed.
/// Text with no tag at all is taken as plain paragraphs (a blank line between two).
public enum BodySanitizer {
    /// Allowed elements and the attributes each may keep (besides `lang` and `dir`, which any may).
    static let allowed: [String: Set<String>] = [
        "p": [], "br": [], "h2": [], "h3": [], "h4": [], "ul": [], "ol": [], "li": [], "em": [], "strong": [], "b": [],
        "i": [], "u": [], "s": [], "sub": [], "sup": [], "blockquote": [], "q": [], "cite": [], "abbr": ["title"],
        "span": [], "figure": [], "figcaption": [], "hr": [], "a": ["href", "title", "hreflang"],
        "img": ["src", "alt", "width", "height"],
    ]
    /// The page has its own first heading: a pasted `h1` becomes a second-level one, and so on down.
    static let renamed = ["h1": "h2", "h5": "h4", "h6": "h4"]
    /// Elements dropped with everything inside them.
    static let droppedWithContent: Set<String> = [
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "template", "noscript", "noembed",
        "noframes", "textarea", "select", "option", "title", "head", "svg", "math", "xmp", "plaintext", "canvas", "audio",
        "video", "button",
    ]
    static let void: Set<String> = ["br", "img", "hr"]
    /// Opening one of these closes an open paragraph, as a browser would.
    static let blocks: Set<String> = ["p", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "figure", "figcaption", "hr"]
    static let headings: Set<String> = ["h2", "h3", "h4"]
    /// Elements open at once, beyond which deeper ones are dropped (their text kept): no page needs more, and each
    /// closing tag looks through them.
    static let maximumDepth = 32

    public static func clean(_ input: String) -> SanitizedBody {
        var cleaner = Cleaner(Array(input.unicodeScalars))
        if !input.unicodeScalars.contains("<") { return cleaner.paragraphs() }
        return cleaner.run()
    }
}

private struct Cleaner {
    let input: [Unicode.Scalar]
    var index = 0
    var output = ""
    var open: [String] = []
    var imagesWithoutAlternative = 0
    var hasContent = false

    init(_ input: [Unicode.Scalar]) { self.input = input }

    mutating func run() -> SanitizedBody {
        var text: [Unicode.Scalar] = []
        while index < input.count {
            let scalar = input[index]
            guard scalar == "<", index + 1 < input.count else {
                text.append(scalar)
                index += 1
                continue
            }
            let next = input[index + 1]
            if next == "!" || next == "?" {
                flush(&text)
                skipMarkup()
            } else if next == "/" {
                flush(&text)
                closingTag()
            } else if next.isASCIILetter {
                flush(&text)
                openingTag()
            } else {
                text.append(scalar)
                index += 1
            }
        }
        flush(&text)
        while let name = open.popLast() { output += "</\(name)>" }
        return SanitizedBody(html: output, imagesWithoutAlternative: imagesWithoutAlternative, hasContent: hasContent)
    }

    /// Text with no markup: paragraphs split on blank lines, a single line break kept as `br`.
    mutating func paragraphs() -> SanitizedBody {
        let text = String(String.UnicodeScalarView(input)).replacingLineEnds()
        var paragraphs: [String] = [], lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingWhitespace()
            if trimmed.isEmpty {
                if !lines.isEmpty { paragraphs.append(lines.joined(separator: "<br>")) }
                lines = []
            } else {
                lines.append(Entities.escape(Entities.decode(Array(trimmed.unicodeScalars))))
            }
        }
        if !lines.isEmpty { paragraphs.append(lines.joined(separator: "<br>")) }
        return SanitizedBody(html: paragraphs.map { "<p>\($0)</p>" }.joined(separator: "\n"), imagesWithoutAlternative: 0,
                             hasContent: !paragraphs.isEmpty)
    }

    mutating func flush(_ text: inout [Unicode.Scalar]) {
        guard !text.isEmpty else { return }
        let decoded = Entities.decode(text)
        if decoded.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) { hasContent = true }
        output += Entities.escape(decoded)
        text.removeAll(keepingCapacity: true)
    }

    /// `<!-- … -->`, `<!DOCTYPE …>`, `<![CDATA[ … ]]>`, `<?xml …?>`: dropped.
    mutating func skipMarkup() {
        if starts(with: "<!--", at: index) {
            index += 4
            while index < input.count, !starts(with: "-->", at: index) { index += 1 }
            index = min(input.count, index + 3)
        } else {
            while index < input.count, input[index] != ">" { index += 1 }
            index = min(input.count, index + 1)
        }
    }

    /// Closes the open elements from `position` up.
    mutating func close(from position: Int) {
        while open.count > position { output += "</\(open.removeLast())>" }
    }

    mutating func closingTag() {
        index += 2
        let name = readName()
        while index < input.count, input[index] != ">" { index += 1 }
        index = min(input.count, index + 1)
        let element = BodySanitizer.renamed[name] ?? name
        guard let position = open.lastIndex(of: element) else { return }
        close(from: position)
    }

    mutating func openingTag() {
        index += 1
        let name = readName()
        let attributes = readAttributes()
        if BodySanitizer.droppedWithContent.contains(name) {
            skipContent(of: name)
            return
        }
        let element = BodySanitizer.renamed[name] ?? name
        guard let kept = BodySanitizer.allowed[element] else { return }
        // The end tags a browser implies, so that what is stored is the tree it builds: a block closes an open
        // paragraph, a heading an open heading, a link an open link.
        if BodySanitizer.blocks.contains(element), let paragraph = open.lastIndex(of: "p") { close(from: paragraph) }
        if BodySanitizer.headings.contains(element), let heading = open.lastIndex(where: { BodySanitizer.headings.contains($0) }) {
            close(from: heading)
        }
        if element == "a", let link = open.lastIndex(of: "a") { close(from: link) }
        if element == "li", let item = open.lastIndex(of: "li"), !open[item...].contains(where: { $0 == "ul" || $0 == "ol" }) { close(from: item) }
        guard BodySanitizer.void.contains(element) || open.count < BodySanitizer.maximumDepth else { return }
        var written: [(String, String)] = []
        for (key, value) in attributes where written.allSatisfy({ $0.0 != key }) {
            if let value = Self.attribute(key, value, of: element, kept: kept) { written.append((key, value)) }
        }
        if element == "img" {
            guard let source = written.first(where: { $0.0 == "src" }), !source.1.isEmpty else { return }
            guard let alternative = written.first(where: { $0.0 == "alt" }),
                  alternative.1.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else {
                imagesWithoutAlternative += 1
                return
            }
            hasContent = true
        }
        output += "<\(element)"
        for (key, value) in written { output += " \(key)=\"\(Entities.escape(value))\"" }
        output += ">"
        if !BodySanitizer.void.contains(element) { open.append(element) }
    }

    /// The value an attribute keeps, or nil to drop it.
    static func attribute(_ key: String, _ value: String, of element: String, kept: Set<String>) -> String? {
        switch key {
        case "lang":
            let valid = !value.isEmpty && value.count <= 20 && value.unicodeScalars.allSatisfy { $0.isASCIILetter || $0 == "-" }
            return valid ? value : nil
        case "dir":
            let lowered = value.lowercased()
            return ["ltr", "rtl", "auto"].contains(lowered) ? lowered : nil
        default:
            guard kept.contains(key) else { return nil }
        }
        switch key {
        case "href": return SafeURL.link(value)
        case "src": return SafeURL.image(value)
        case "width", "height":
            return !value.isEmpty && value.count <= 4 && value.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) ? value : nil
        default: return value
        }
    }

    /// Skips past the element's closing tag, or to the end when there is none.
    mutating func skipContent(of name: String) {
        let closing = Array("</\(name)".unicodeScalars)
        while index < input.count {
            if input[index] == "<", index + closing.count <= input.count,
               zip(closing, input[index..<(index + closing.count)]).allSatisfy({ $0.0 == $0.1.lowercasedASCII }) {
                let after = index + closing.count
                if after == input.count || !input[after].isASCIILetter && !("0"..."9").contains(input[after]) {
                    index = after
                    while index < input.count, input[index] != ">" { index += 1 }
                    index = min(input.count, index + 1)
                    return
                }
            }
            index += 1
        }
    }

    mutating func readName() -> String {
        var name = ""
        while index < input.count, input[index].isASCIILetter || ("0"..."9").contains(input[index]) {
            name.unicodeScalars.append(input[index].lowercasedASCII)
            index += 1
        }
        return name
    }

    /// The tag's attributes up to its `>` (consumed), names lower-case, values with entities decoded.
    mutating func readAttributes() -> [(String, String)] {
        var attributes: [(String, String)] = []
        while index < input.count {
            let scalar = input[index]
            if scalar == ">" {
                index += 1
                return attributes
            }
            if scalar.properties.isWhitespace || scalar == "/" {
                index += 1
                continue
            }
            var name = ""
            while index < input.count, !input[index].properties.isWhitespace, !["/", ">", "="].contains(input[index]) {
                name.unicodeScalars.append(input[index].lowercasedASCII)
                index += 1
            }
            if name.isEmpty { // a lone `=`
                index += 1
                continue
            }
            skipWhitespace()
            var value: [Unicode.Scalar] = []
            if index < input.count, input[index] == "=" {
                index += 1
                skipWhitespace()
                if index < input.count, input[index] == "\"" || input[index] == "'" {
                    let quote = input[index]
                    index += 1
                    while index < input.count, input[index] != quote {
                        value.append(input[index])
                        index += 1
                    }
                    index = min(input.count, index + 1)
                } else {
                    while index < input.count, !input[index].properties.isWhitespace, input[index] != ">" {
                        value.append(input[index])
                        index += 1
                    }
                }
            }
            attributes.append((name, Entities.decode(value)))
        }
        return attributes
    }

    mutating func skipWhitespace() {
        while index < input.count, input[index].properties.isWhitespace { index += 1 }
    }

    func starts(with text: String, at position: Int) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard position + scalars.count <= input.count else { return false }
        return zip(scalars, input[position..<(position + scalars.count)]).allSatisfy { $0.0 == $0.1 }
    }
}

extension Unicode.Scalar {
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    var lowercasedASCII: Unicode.Scalar {
        ("A"..."Z").contains(self) ? Unicode.Scalar(value + 32)! : self
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> Substring {
        let text = Substring(self)
        guard let first = text.firstIndex(where: { !$0.isWhitespace }), let last = text.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return text[first...last]
    }

    func replacingLineEnds() -> String {
        var result = ""
        var previousCR = false
        for scalar in unicodeScalars {
            if scalar == "\r" {
                result += "\n"
                previousCR = true
                continue
            }
            if scalar == "\n", previousCR {
                previousCR = false
                continue
            }
            previousCR = false
            result.unicodeScalars.append(scalar)
        }
        return result
    }
}

extension BodySanitizer {
    /// The text of cleaned HTML, for search and previews: tags dropped, a block's end a line break, entities decoded.
    public static func plainText(_ html: String) -> String {
        var text = "", inTag = false, tag = ""
        for scalar in html.unicodeScalars {
            if inTag {
                if scalar == ">" {
                    inTag = false
                    let name = tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }
                    if ["p", "h2", "h3", "h4", "li", "br", "blockquote", "figcaption", "hr"].contains(String(name)) { text += "\n" }
                } else {
                    tag.unicodeScalars.append(scalar)
                }
            } else if scalar == "<" {
                inTag = true
                tag = ""
            } else {
                text.unicodeScalars.append(scalar)
            }
        }
        return Entities.decode(Array(text.unicodeScalars)).split(separator: "\n").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
            .joined(separator: "\n")
    }
}
