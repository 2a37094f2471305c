import HemicycleDomain

/// The rules of the networks' directory: anyone reads it; the instance's administrators keep it.
public enum NetworkRules {
    public static func mayManage(_ actor: CouncilActor) -> Decision {
        actor.isInstanceAdministrator ? .allowed : .forbidden("network_refused")
    }
}

/// A network as a form gives it, checked before anything is stored.
public struct NetworkDraft: Sendable, Equatable {
    public var slug: String
    public var founded: Int?

    public init(slug: String, founded: Int?) {
        self.slug = slug
        self.founded = founded
    }

    /// The first refusal, as the key of its sentence; nil when the network may be stored.
    public func problem() -> String? {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
        guard (2...40).contains(slug.count), slug.allSatisfy(allowed.contains), slug.first != "-", slug.last != "-" else { return "network_error_slug" }
        if let founded, !(1900...2100).contains(founded) { return "network_error_founded" }
        return nil
    }
}

/// A member of a network's directory as a form gives it: a council hosted here, or another one named with its
/// country and languages.
public struct NetworkMemberDraft: Sendable, Equatable {
    public var isHosted: Bool
    public var name: String
    /// ISO 3166-1 alpha-2, upper case.
    public var country: String
    /// ISO 639-1 (or 639-2) codes, lower case.
    public var languages: [String]

    public init(isHosted: Bool, name: String, country: String, languages: [String]) {
        self.isHosted = isHosted
        self.name = name
        self.country = country
        self.languages = languages
    }

    public static let mostLanguages = 10

    public func problem() -> String? {
        if isHosted { return nil }
        if name.isEmpty || name.count > 200 { return "network_member_error_name" }
        let upper = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), lower = Set("abcdefghijklmnopqrstuvwxyz")
        guard country.count == 2, country.allSatisfy(upper.contains) else { return "network_member_error_country" }
        guard !languages.isEmpty, languages.count <= Self.mostLanguages,
              languages.allSatisfy({ (2...3).contains($0.count) && $0.allSatisfy(lower.contains) }) else { return "network_member_error_languages" }
        return nil
    }
}

/// The rules of the instance's themes of cooperation: the instance's administrators keep the list; a theme an
/// agreement names stays until no agreement does.
public enum ThemeRules {
    public static func mayManage(_ actor: CouncilActor) -> Decision {
        actor.isInstanceAdministrator ? .allowed : .forbidden("theme_refused")
    }

    /// The first refusal for a new theme's identifier, as the key of its sentence.
    public static func problem(slug: String) -> String? {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789_")
        guard (2...40).contains(slug.count), slug.allSatisfy(allowed.contains) else { return "theme_error_slug" }
        return nil
    }
}
