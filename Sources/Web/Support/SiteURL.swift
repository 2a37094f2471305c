import Foundation

/// Helpers for links: where to return after a form, query encoding, notices. The paths themselves are declared
/// once per capability (`WorkPaths`, `AccountPaths`...), for the router and for links.
enum SiteURL {
    /// A local path to return to, or `/`: never another site (no open redirect). Accepted only when it parses as a
    /// path of this site: it starts with one `/`, holds no control character, space or backslash (browsers read
    /// `/\t/x` and `/\\x` as `//x`, another host), and has neither scheme nor authority.
    static func safeNext(_ raw: String?) -> String {
        guard let raw, raw.hasPrefix("/"), !raw.hasPrefix("//"),
              !raw.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F || $0 == "\\" || $0.properties.isWhitespace }),
              let components = URLComponents(string: raw), components.scheme == nil, components.host == nil,
              components.path.hasPrefix("/"), !components.path.hasPrefix("//")
        else { return HomePaths.home.url }
        return raw
    }

    static func encodeQuery(_ value: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=?+#")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "/"
    }

    static func with(_ path: String, notice: String) -> String {
        path + (path.utf8.contains(UInt8(ascii: "?")) ? "&" : "?") + "notice=\(notice)"
    }
}
