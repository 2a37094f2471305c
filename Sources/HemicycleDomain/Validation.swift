import Foundation

/// A rule broken by some input; `key` names the localized message.
public struct ValidationFailure: Error, Sendable, Hashable {
    public let field: String
    public let key: String

    public init(field: String, key: String) {
        self.field = field
        self.key = key
    }
}

public enum Validate {
    public static let minimumPasswordLength = 10
    public static let maximumPasswordLength = 72  // bcrypt reads at most 72 bytes
    public static let maximumNameLength = 200

    /// A lower-cased, trimmed e-mail address, or a failure. No white space, control character (CR and LF would
    /// inject SMTP commands or headers) or angle bracket gets through.
    public static func email(_ raw: String?) throws(ValidationFailure) -> String {
        let value = (raw ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        guard !value.isEmpty else { throw ValidationFailure(field: "email", key: "error_email_required") }
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              value.utf8.count <= 254, isMailboxSafe(value)
        else { throw ValidationFailure(field: "email", key: "error_email_invalid") }
        return value
    }

    /// Whether an address can be written into an SMTP command or header as it is.
    public static func isMailboxSafe(_ address: String) -> Bool {
        !address.unicodeScalars.contains { $0.value < 0x21 || $0.value == 0x7F || $0.properties.isWhitespace || "<>\",;:()[]\\".unicodeScalars.contains($0) }
    }

    /// A link given by a user, kept only when it is an absolute http(s) address with a host (no `javascript:`,
    /// `data:` or relative link gets stored and later shown as a link).
    public static func link(_ raw: String, field: String) throws(ValidationFailure) -> String {
        let value = raw.trimmingCharacters(in: .whitespaces)
        guard value.count <= 2_000, !value.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F }),
              let url = URL(string: value), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
              let host = url.host, !host.isEmpty
        else { throw ValidationFailure(field: field, key: "error_link_not_web") }
        return value
    }

    public static func password(_ raw: String?) throws(ValidationFailure) -> String {
        let value = raw ?? ""
        guard value.count >= minimumPasswordLength else {
            throw ValidationFailure(field: "password", key: "error_password_too_short")
        }
        guard value.utf8.count <= maximumPasswordLength else {
            throw ValidationFailure(field: "password", key: "error_password_too_long")
        }
        return value
    }

    public static func displayName(_ raw: String?) throws(ValidationFailure) -> String {
        let value = (raw ?? "").trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty else { throw ValidationFailure(field: "display_name", key: "error_name_required") }
        guard value.count <= maximumNameLength else {
            throw ValidationFailure(field: "display_name", key: "error_name_too_long")
        }
        return value
    }

    /// A text as it can be stored: NUL (which PostgreSQL refuses in text) becomes U+FFFD, as a decoder would show it.
    public static func storable(_ text: String) -> String {
        text.utf8.contains(0) ? text.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") : text
    }

    /// A name written in up to three languages; at least one is required. The length is counted in Unicode scalars
    /// before trimming, as the API's JSON Schema (`maxLength`) counts it.
    public static func localizedName(_ text: LocalizedText, field: String = "name") throws(ValidationFailure) -> LocalizedText {
        var trimmed: [Language: String] = [:]
        for (language, value) in text.values {
            guard value.unicodeScalars.count <= maximumNameLength else { throw ValidationFailure(field: field, key: "error_name_too_long") }
            let value = trimmingBlank(storable(value))
            if !value.isEmpty { trimmed[language] = value }
        }
        guard !trimmed.isEmpty else { throw ValidationFailure(field: field, key: "error_name_required") }
        return LocalizedText(trimmed)
    }

    /// White space as the API's JSON Schema (`pattern: "\\S"`, read by Python's `re`) understands it.
    static let blank: Set<Unicode.Scalar> = Set(
        [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000]
            .compactMap(Unicode.Scalar.init) + (0x2000...0x200A).compactMap(Unicode.Scalar.init))

    /// The text without blank scalars at either end.
    static func trimmingBlank(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.firstIndex(where: { !blank.contains($0) }), let last = scalars.lastIndex(where: { !blank.contains($0) }) else {
            return ""
        }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[first...last])
        return String(result)
    }

    /// First path segments of the instance's own pages, which no council slug may take.
    public static let reservedSlugs: Set<String> = [
        "api", "static", "signin", "signup", "signout", "account", "password", "verify", "admin", "lang", "healthz",
        "councils", "invitation", "networks", "practices", "federation", "oparl",
    ]

    /// A council slug: lower-case letters, digits and dashes, 2 to 40 characters, not a reserved segment.
    public static func slug(_ raw: String) throws(ValidationFailure) -> String {
        let allowed = raw.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" }
        guard allowed, (2...40).contains(raw.count), !raw.hasPrefix("-"), !raw.hasSuffix("-") else {
            throw ValidationFailure(field: "slug", key: "error_slug_invalid")
        }
        guard !reservedSlugs.contains(raw) else { throw ValidationFailure(field: "slug", key: "error_slug_reserved") }
        return raw
    }

    /// Whether a membership of `role` may have `groupID`: sitting roles need exactly one group, others none.
    public static func membership(role: Role, hasGroup: Bool) throws(ValidationFailure) {
        if role.sitsInAssembly && !hasGroup {
            throw ValidationFailure(field: "group", key: "error_group_required")
        }
        if !role.sitsInAssembly && hasGroup {
            throw ValidationFailure(field: "group", key: "error_group_not_allowed")
        }
    }
}
