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
    var locale: Locale {
        if let country, language == .ar, ["MA", "DZ", "TN"].contains(country) {
            return Locale(identifier: "ar_\(country)")
        }
        return Locale(identifier: language.localeIdentifier)
    }

    public func number(_ value: Int) -> String {
        value.formatted(.number.locale(locale))
    }

    public func dateTime(_ date: Date) -> String {
        date.formatted(Date.FormatStyle(date: .abbreviated, time: .shortened, locale: locale, timeZone: timeZone))
    }
}
