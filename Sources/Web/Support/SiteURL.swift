import Foundation

/// Builds every internal link, so routes and links cannot drift apart.
enum SiteURL {
    static let home = "/"
    static let signIn = "/signin"
    static let signUp = "/signup"
    static let signOut = "/signout"
    static let account = "/account"
    static let forgotPassword = "/password/forgot"
    static let resetPassword = "/password/reset"
    static let verifyEmail = "/verify"
    static let outbox = "/admin/outbox"
    static let invitation = "/invitation"

    static func council(_ slug: String) -> String { "/\(slug)" }
    static func members(_ slug: String) -> String { "/\(slug)/members" }
    static func commissions(_ slug: String) -> String { "/\(slug)/commissions" }
    static func commission(_ slug: String, _ id: Int64) -> String { "/\(slug)/commissions/\(id)" }
    static func admin(_ slug: String) -> String { "/\(slug)/admin" }
    static func works(_ slug: String) -> String { "/\(slug)/works" }
    static func work(_ slug: String, _ id: Int64) -> String { "/\(slug)/works/\(id)" }
    static func adminGroups(_ slug: String) -> String { "/\(slug)/admin/groups" }
    static func adminGroup(_ slug: String, _ id: Int64) -> String { "/\(slug)/admin/groups/\(id)" }
    static func adminCommissions(_ slug: String) -> String { "/\(slug)/admin/commissions" }
    static func adminCommission(_ slug: String, _ id: Int64) -> String { "/\(slug)/admin/commissions/\(id)" }
    static func adminMembers(_ slug: String) -> String { "/\(slug)/admin/members" }
    static func adminMember(_ slug: String, _ id: Int64) -> String { "/\(slug)/admin/members/\(id)" }

    /// A local path to return to, or `/`: never another site (no open redirect). Accepted only when it parses as a
    /// path of this site: it starts with one `/`, holds no control character, space or backslash (browsers read
    /// `/\t/x` and `/\\x` as `//x`, another host), and has neither scheme nor authority.
    static func safeNext(_ raw: String?) -> String {
        guard let raw, raw.hasPrefix("/"), !raw.hasPrefix("//"),
              !raw.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F || $0 == "\\" || $0.properties.isWhitespace }),
              let components = URLComponents(string: raw), components.scheme == nil, components.host == nil,
              components.path.hasPrefix("/"), !components.path.hasPrefix("//")
        else { return home }
        return raw
    }

    static func encodeQuery(_ value: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=?+#")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "/"
    }

    static func with(_ path: String, notice: String) -> String {
        path + (path.contains("?") ? "&" : "?") + "notice=\(notice)"
    }
}
