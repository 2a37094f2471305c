import Foundation

/// An interface and content language of Hemicycle.
public enum Language: String, CaseIterable, Sendable, Codable, Comparable {
    case fr
    case ar
    case en

    /// French is the default language of the platform.
    public static let `default`: Language = .fr

    /// Text direction for `<html dir>`.
    public var direction: String { self == .ar ? "rtl" : "ltr" }

    public var isRightToLeft: Bool { self == .ar }

    /// The language's own name, as shown in the language switcher.
    public var endonym: String {
        switch self {
        case .fr: "Français"
        case .ar: "العربية"
        case .en: "English"
        }
    }

    /// Foundation locale identifier used for numbers and dates.
    public var localeIdentifier: String {
        switch self {
        case .fr: "fr_FR"
        case .ar: "ar@numbers=arab"  // Arabic-Indic digits; Maghreb councils use Latin digits (see Formatting)
        case .en: "en_GB"
        }
    }

    public static func < (lhs: Language, rhs: Language) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Parses a language tag such as `ar-MA` or `fr`; `nil` when it is not one of ours.
    public init?(tag: String) {
        let primary = tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init)?.lowercased()
        guard let primary, let language = Language(rawValue: primary) else { return nil }
        self = language
    }

    /// Chooses the best supported language from an `Accept-Language` header (RFC 9110 quality values).
    public static func negotiate(acceptLanguage header: String?) -> Language? {
        guard let header, !header.isEmpty else { return nil }
        var best: (language: Language, quality: Double, order: Int)?
        for (order, item) in header.split(separator: ",").enumerated() {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first, let language = Language(tag: tag) else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            guard quality > 0 else { continue }
            if best == nil || quality > best!.quality {
                best = (language, quality, order)
            }
        }
        return best?.language
    }
}

