import Foundation
import HemicycleDomain

/// Every user-facing string, loaded from `Resources/locales/{fr,ar,en}.json`. An entry is a sentence, or, for a
/// sentence with a count, an object with one sentence per plural category of the language (`PluralRules`).
public struct Localizer: Sendable {
    public let tables: [Language: [String: String]]
    public let plurals: [Language: [String: [PluralCategory: String]]]
    /// Each language's strings as the templates read them (`{{t.key}}`), built once.
    let templateTables: [Language: TemplateValue]

    /// One entry of a locale file.
    enum Entry: Decodable {
        case text(String)
        case plural([PluralCategory: String])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self = .text(text)
                return
            }
            let forms = try container.decode([String: String].self)
            var plural: [PluralCategory: String] = [:]
            for (name, text) in forms {
                guard let category = PluralCategory(rawValue: name) else {
                    throw DecodingError.dataCorruptedError(in: container, debugDescription: "Unknown plural category \(name)")
                }
                plural[category] = text
            }
            self = .plural(plural)
        }
    }

    public struct MissingResource: Error, CustomStringConvertible {
        public let description: String
    }

    public init(tables: [Language: [String: String]], plurals: [Language: [String: [PluralCategory: String]]] = [:]) {
        self.tables = tables
        self.plurals = plurals
        templateTables = tables.mapValues { TemplateValue(strings: $0) }
    }

    /// Loads the three locale files from the module's resources; fails loudly when one is missing.
    public static func bundled() throws -> Localizer {
        var tables: [Language: [String: String]] = [:]
        var plurals: [Language: [String: [PluralCategory: String]]] = [:]
        for language in Language.allCases {
            guard let url = Bundle.module.url(forResource: language.rawValue, withExtension: "json", subdirectory: "Resources/locales")
            else { throw MissingResource(description: "Missing locale file Resources/locales/\(language.rawValue).json") }
            let data = try Data(contentsOf: url)
            let entries = try JSONDecoder().decode([String: Entry].self, from: data)
            for (key, entry) in entries {
                switch entry {
                case .text(let text): tables[language, default: [:]][key] = text
                case .plural(let forms): plurals[language, default: [:]][key] = forms
                }
            }
        }
        return Localizer(tables: tables, plurals: plurals)
    }

    /// The string for `key`, with `{name}` placeholders replaced. A missing key shows itself, never nothing.
    public func text(_ key: String, _ language: Language, _ arguments: [String: String] = [:]) -> String {
        Self.fill(tables[language]?[key] ?? tables[.fr]?[key] ?? key, arguments)
    }

    /// The sentence for `count` things: the form of the count's plural category in `language`, with `{count}` replaced
    /// by `number` (the count as the reader's locale writes it). A missing entry shows its key, never nothing.
    public func plural(_ key: String, count: Int, number: String, _ language: Language, _ arguments: [String: String] = [:]) -> String {
        let (forms, formsLanguage) = plurals[language]?[key].map { ($0, language) } ?? (plurals[.fr]?[key] ?? [:], .fr)
        let category = PluralRules.category(of: count, in: formsLanguage)
        return Self.fill(forms[category] ?? forms[.other] ?? key, arguments.merging(["count": number], uniquingKeysWith: { $1 }))
    }

    /// Replaces each `{name}` of `template` in one pass: a value that itself contains `{other}` (a person's chosen
    /// name) is written as it is, never filled in turn.
    static func fill(_ template: String, _ arguments: [String: String]) -> String {
        guard !arguments.isEmpty, template.utf8.contains(UInt8(ascii: "{")) else { return template }
        // Braces are ASCII, so the scan reads UTF-8 bytes; what lies between them is copied as it is.
        let utf8 = template.utf8
        var result: [UInt8] = []
        result.reserveCapacity(utf8.count + 32)
        var rest = utf8.startIndex
        while let open = utf8[rest...].firstIndex(of: UInt8(ascii: "{")) {
            result.append(contentsOf: utf8[rest..<open])
            let afterOpen = utf8.index(after: open)
            if let close = utf8[afterOpen...].firstIndex(of: UInt8(ascii: "}")),
               let value = arguments[String(decoding: utf8[afterOpen..<close], as: UTF8.self)] {
                result.append(contentsOf: value.utf8)
                rest = utf8.index(after: close)
            } else {
                result.append(UInt8(ascii: "{"))
                rest = afterOpen
            }
        }
        result.append(contentsOf: utf8[rest...])
        return String(decoding: result, as: UTF8.self)
    }

    public func has(_ key: String) -> Bool { tables[.fr]?[key] != nil }
    public func hasPlural(_ key: String) -> Bool { plurals[.fr]?[key] != nil }

    /// All strings of a language, for templates (`{{t.key}}`).
    public func table(_ language: Language) -> [String: String] { tables[language] ?? [:] }

    /// All strings of a language as a template value.
    func templateTable(_ language: Language) -> TemplateValue { templateTables[language] ?? .object([:]) }
}
