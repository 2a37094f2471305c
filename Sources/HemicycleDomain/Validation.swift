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

    /// A lower-cased, trimmed e-mail address, or a failure.
    public static func email(_ raw: String?) throws(ValidationFailure) -> String {
        let value = (raw ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        guard !value.isEmpty else { throw ValidationFailure(field: "email", key: "error_email_required") }
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              value.count <= 254, !value.contains(" ")
        else { throw ValidationFailure(field: "email", key: "error_email_invalid") }
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

    /// A name written in up to three languages; at least one is required.
    public static func localizedName(_ text: LocalizedText, field: String = "name") throws(ValidationFailure) -> LocalizedText {
        var trimmed: [Language: String] = [:]
        for (language, value) in text.values {
            let value = value.trimmingCharacters(in: .whitespaces)
            guard value.count <= maximumNameLength else { throw ValidationFailure(field: field, key: "error_name_too_long") }
            if !value.isEmpty { trimmed[language] = value }
        }
        guard !trimmed.isEmpty else { throw ValidationFailure(field: field, key: "error_name_required") }
        return LocalizedText(trimmed)
    }

    /// First path segments of the instance's own pages, which no council slug may take.
    public static let reservedSlugs: Set<String> = [
        "api", "static", "signin", "signup", "signout", "account", "password", "verify", "admin", "lang", "healthz",
        "councils",
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
