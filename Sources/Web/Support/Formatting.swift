import Foundation
import HemicycleDomain
import Storage

/// Numbers and dates written the way readers of a language (and of a council's country) expect, dates in the
/// council's time zone.
public struct Formatting: Sendable {
    public let language: Language
    public let country: String?
    public let timeZone: TimeZone

    public init(language: Language, country: String? = nil, timeZone: TimeZone = TimeZone(identifier: "UTC")!) {
        self.language = language
        self.country = country
        self.timeZone = timeZone
    }

    public init(language: Language, council: Council) {
        self.init(language: language, country: council.country, timeZone: council.zone)
    }

    /// `ar_MA` writes Latin digits as Morocco does; plain `ar` uses Arabic-Indic digits.
    var localeIdentifier: String {
        if let country, language == .ar, Self.latinDigitCountries.contains(country) { return "ar_\(country)" }
        return language.localeIdentifier
    }

    var locale: Locale { Locale(identifier: localeIdentifier) }

    static let latinDigitCountries: Set<String> = ["MA", "DZ", "TN"]

    /// The ten digits as each locale of the site writes them, asked of the locale once.
    static let digits: [String: [String]] = {
        let identifiers = Language.allCases.map(\.localeIdentifier) + latinDigitCountries.map { "ar_\($0)" }
        return Dictionary(uniqueKeysWithValues: identifiers.map { identifier in
            (identifier, (0...9).map { $0.formatted(.number.locale(Locale(identifier: identifier))) })
        })
    }()

    /// A count as the locale writes it. Below 1,000 (no grouping), digit by digit from the locale's own digits, which
    /// the tests compare with the locale's formatting; larger numbers through the locale's formatter.
    public func number(_ value: Int) -> String {
        if value >= 0, value < 1_000, let digits = Self.digits[localeIdentifier] {
            if value < 10 { return digits[value] }
            var text = ""
            for scalar in String(value).unicodeScalars { text += digits[Int(scalar.value) - 48] }
            return text
        }
        return value.formatted(.number.locale(locale))
    }

    /// `items` in the order a reader of the language expects for `key` (its alphabet and collation, case ignored):
    /// groups listed by their Arabic names for an Arabic reader, by their French names for a French one.
    public func sorted<Item>(_ items: [Item], by key: (Item) -> String) -> [Item] {
        let collation = Locale(identifier: language.localeIdentifier)
        return items.map { (key($0), $0) }
            .sorted { $0.0.compare($1.0, options: [.caseInsensitive, .diacriticInsensitive], range: nil, locale: collation) == .orderedAscending }
            .map(\.1)
    }

    /// Named things (groups, commissions) in the reader's order of their names in the reader's language.
    public func sorted<Item>(_ items: [Item], byName name: (Item) -> LocalizedText, councilDefault: Language) -> [Item] {
        sorted(items) { name($0).resolved(for: language, councilDefault: councilDefault)?.text ?? "" }
    }

    /// Names joined as the language joins a list ("A, B et C", "A وB وC", "A, B, and C").
    public func list(_ items: [String]) -> String {
        items.formatted(.list(type: .and).locale(locale))
    }

    /// A file's size as the reader's language writes it ("1,2 Mo", "1.2 MB").
    public func byteCount(_ bytes: Int64) -> String {
        bytes.formatted(.byteCount(style: .file).locale(locale))
    }

    /// A number with up to `digits` decimals, as the locale writes it ("77,4", "77.4").
    public func decimal(_ value: Double, digits: Int = 1) -> String {
        value.formatted(.number.precision(.fractionLength(0...digits)).locale(locale))
    }

    /// A share (0.516) as a percentage with up to one decimal ("51,6 %", "51.6%").
    public func percent(_ share: Double, digits: Int = 1) -> String {
        share.formatted(.percent.precision(.fractionLength(0...digits)).locale(locale))
    }

    public func dateTime(_ date: Date) -> String {
        date.formatted(Date.FormatStyle(date: .abbreviated, time: .shortened, locale: locale, timeZone: timeZone))
    }
}
