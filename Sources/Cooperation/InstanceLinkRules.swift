import HemicycleDomain

/// Who does what with the partner instances (other Hemicycle servers, each council possibly running its own): the
/// instance's administrators link and revoke them; a council's secretariat shares its items with a council there;
/// the council's members, bureau and secretariat read what partners delivered to it.
public enum InstanceLinkRules {
    public static func mayManageLinks(_ actor: CouncilActor) -> Decision {
        actor.isInstanceAdministrator ? .allowed : .forbidden("federation_links_refused")
    }

    public static func mayShare(_ actor: CouncilActor) -> Decision {
        actor.isSecretariat ? .allowed : .forbidden("federation_share_refused")
    }

    /// Those who hold a seat in the council other than a citizen's, and the instance's administrators.
    public static func mayRead(_ actor: CouncilActor) -> Decision {
        actor.isSecretariat || (actor.role.map { $0 != .citizen } ?? false) ? .allowed : .forbidden("federation_read_refused")
    }

    /// The first thing wrong with a link an administrator enters, as the key of its sentence.
    /// `allowsPlainHTTP` in development only: elsewhere the partner is reached over TLS, since the signature keeps what
    /// is shared intact but not private.
    public static func problem(name: String, address: String, hasKey: Bool, allowsPlainHTTP: Bool) -> String? {
        if name.isEmpty || name.count > 200 { return "federation_error_name" }
        if !isInstanceAddress(address) { return "federation_error_address" }
        if !allowsPlainHTTP, !address.lowercased().hasPrefix("https://") { return "federation_error_https" }
        if !hasKey { return "federation_error_key" }
        return nil
    }

    /// An instance's public address: `http` or `https`, a host, no query, fragment or credentials, no trailing slash.
    public static func isInstanceAddress(_ text: String) -> Bool {
        guard text.count <= 300, !text.hasSuffix("/"), !text.contains("?"), !text.contains("#"), !text.contains("@"),
              !text.contains(where: { $0.isWhitespace })
        else { return false }
        let lower = text.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return false }
        let rest = lower.drop(while: { $0 != ":" }).dropFirst(3)
        let host = rest.prefix { $0 != "/" && $0 != ":" }
        return !host.isEmpty
    }
}
