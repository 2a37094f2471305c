/// A value a template reads: what a typed page model becomes (`TemplateEncoder`), looked up by name without casts.
enum TemplateValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case string(String)
    case int(Int)
    case double(Double)
    case list([TemplateValue])
    case object([String: TemplateValue])
    /// An object written member by member (`TemplateFields`): built without hashing, and found by comparing names,
    /// which for a row's few short names costs less than hashing the name looked up.
    case fields([TemplateField])

    /// The member `name` of an object; nothing for any other value.
    @inline(__always)
    func member(_ name: String) -> TemplateValue? {
        switch self {
        case .object(let members): return members[name]
        case .fields(let fields):
            for field in fields where field.name == name { return field.value }
            return nil
        default: return nil
        }
    }

    /// The members of an object, whichever way it was built.
    var members: [String: TemplateValue]? {
        switch self {
        case .object(let members): members
        case .fields(let fields): Dictionary(fields.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        default: nil
        }
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
        case .null, .list, .object, .fields: nil
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

/// A named member of a `.fields` object.
struct TemplateField: Sendable, Equatable {
    let name: String
    let value: TemplateValue
}

/// Builds a `.fields` object in order; an absent value leaves its name out, as `TemplateEncoder` leaves out `nil`.
struct TemplateFields {
    private(set) var fields: [TemplateField] = []

    init(capacity: Int) { fields.reserveCapacity(capacity) }

    mutating func add(_ name: String, _ value: TemplateValue?) {
        if let value { fields.append(TemplateField(name: name, value: value)) }
    }

    var value: TemplateValue { .fields(fields) }
}
