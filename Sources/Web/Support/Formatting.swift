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

    /// How each locale of the site separates thousands, asked of the locale once (what 1,000 writes between its
    /// first digit and the rest); nil for a locale that groups otherwise (then its formatter writes every number).
    static let thousands: [String: String] = {
        var separators: [String: String] = [:]
        for (identifier, digits) in Formatting.digits {
            let written = 1_000.formatted(.number.locale(Locale(identifier: identifier)))
            let one = digits[1], zeros = String(repeating: digits[0], count: 3)
            guard written.hasPrefix(one), written.hasSuffix(zeros) else { continue }
            separators[identifier] = String(written.dropFirst(one.count).dropLast(zeros.count))
        }
        return separators
    }()

    /// A count as the locale writes it: digit by digit from the locale's own digits, grouped by threes with its own
    /// separator (both asked of the locale once; the tests compare the result with the locale's formatting). A page
    /// of a national consultation writes thousands of counts: the formatter's cost would be most of it.
    public func number(_ value: Int) -> String {
        guard value >= 0, let digits = Self.digits[localeIdentifier] else { return value.formatted(.number.locale(locale)) }
        if value < 10 { return digits[value] }
        let decimal = Array(String(value).utf8)
        let separator = decimal.count > 3 ? Self.thousands[localeIdentifier] : ""
        guard let separator else { return value.formatted(.number.locale(locale)) }
        var text = ""
        for (index, byte) in decimal.enumerated() {
            if index > 0, (decimal.count - index) % 3 == 0 { text += separator }
            text += digits[Int(byte) - 48]
        }
        return text
    }

    /// Text typed by someone (a search's words) set inside a sentence of another direction: isolated (U+2068 … U+2069,
    /// as `<bdi>` would in HTML) so that an Arabic query does not reorder a French sentence, nor a French one an Arabic.
    public static func isolated(_ text: String) -> String {
        "\u{2068}" + text + "\u{2069}"
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

    /// An amount in cents in `currency`, as the locale writes money ("1 234,56 €", "€1,234.56", "1.234,56 د.م.");
    /// computed in `Decimal`, never in floating point.
    public func money(cents: Int64, currency: String) -> String {
        (Decimal(cents) / 100).formatted(.currency(code: currency).precision(.fractionLength(2)).locale(locale))
    }

    public func dateTime(_ date: Date) -> String {
        date.formatted(Date.FormatStyle(date: .abbreviated, time: .shortened, locale: locale, timeZone: timeZone))
    }

    /// A time of day, without the day ("14:30").
    public func time(_ date: Date) -> String {
        date.formatted(Date.FormatStyle(date: .omitted, time: .shortened, locale: locale, timeZone: timeZone))
    }

    /// A day, without the time ("3 déc. 2026").
    public func date(_ date: Date) -> String {
        date.formatted(Date.FormatStyle(date: .abbreviated, time: .omitted, locale: locale, timeZone: timeZone))
    }
}
