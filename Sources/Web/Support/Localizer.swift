import Foundation
import HemicycleDomain

/// Every user-facing string, loaded from `Resources/locales/{fr,ar,en}.json`.
public struct Localizer: Sendable {
    public let tables: [Language: [String: String]]

    public struct MissingResource: Error, CustomStringConvertible {
        public let description: String
    }

    public init(tables: [Language: [String: String]]) {
        self.tables = tables
    }

    /// Loads the three locale files from the module's resources; fails loudly when one is missing.
    public static func bundled() throws -> Localizer {
        var tables: [Language: [String: String]] = [:]
        for language in Language.allCases {
            guard let url = Bundle.module.url(forResource: language.rawValue, withExtension: "json", subdirectory: "Resources/locales")
            else { throw MissingResource(description: "Missing locale file Resources/locales/\(language.rawValue).json") }
            let data = try Data(contentsOf: url)
            tables[language] = try JSONDecoder().decode([String: String].self, from: data)
        }
        return Localizer(tables: tables)
    }

    /// The string for `key`, with `{name}` placeholders replaced. A missing key shows itself, never nothing.
    public func text(_ key: String, _ language: Language, _ arguments: [String: String] = [:]) -> String {
        var value = tables[language]?[key] ?? tables[.fr]?[key] ?? key
        for (name, replacement) in arguments {
            value = value.replacingOccurrences(of: "{\(name)}", with: replacement)
        }
        return value
    }

    public func has(_ key: String) -> Bool { tables[.fr]?[key] != nil }

    /// All strings of a language, for templates (`{{t.key}}`).
    public func table(_ language: Language) -> [String: String] { tables[language] ?? [:] }
}
