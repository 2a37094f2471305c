/// A value a template reads: what a typed page model becomes (`TemplateEncoder`), looked up by name without casts.
enum TemplateValue: Sendable {
    case null
    case bool(Bool)
    case string(String)
    case int(Int)
    case double(Double)
    case list([TemplateValue])
    case object([String: TemplateValue])

    /// The member `name` of an object; nothing for any other value.
    @inline(__always)
    func member(_ name: String) -> TemplateValue? {
        if case .object(let members) = self { return members[name] }
        return nil
    }

    /// Whether a section over this value renders: `nil`, `false` and an empty list do not (as in Mustache, an empty
    /// string or a zero still does).
    var opensSection: Bool {
        switch self {
        case .null: false
        case .bool(let value): value
        case .list(let items): !items.isEmpty
        default: true
        }
    }

    /// The value written as text (before escaping); a list or an object writes nothing.
    var text: String? {
        switch self {
        case .string(let text): text
        case .int(let number): String(number)
        case .double(let number): String(number)
        case .bool(let value): value ? "true" : "false"
        case .null, .list, .object: nil
        }
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByDictionaryLiteral, ExpressibleByArrayLiteral
{
    init(stringLiteral value: String) { self = .string(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(integerLiteral value: Int) { self = .int(value) }
    init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }

    /// A table of strings (a language's sentences) as an object.
    init(strings: [String: String]) { self = .object(strings.mapValues { .string($0) }) }
}
