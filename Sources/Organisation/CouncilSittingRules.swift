import Foundation
import HemicycleDomain

/// A council's standing rules for its sittings: how many proxies a member may hold, and its quorum. Its administrators
/// set them; every sitting of the council follows them from then on.
public struct CouncilSittingRules: Sendable, Equatable {
    public var proxy: ProxyRule
    public var quorum: QuorumRule

    /// The most proxies a council may let one member hold.
    public static let mostProxiesAllowed = 5

    /// One proxy held at most; a majority taking part, proxies not counted.
    public static let standard = CouncilSittingRules(proxy: .standard, quorum: .standard)

    public init(proxy: ProxyRule, quorum: QuorumRule) {
        self.proxy = proxy
        self.quorum = quorum
    }

    /// The rules as stored; a value no longer understood falls back to the standard one.
    public init(stored mostHeld: Int, quorum: String, countsProxies: Bool) {
        proxy = ProxyRule(mostHeld: (0...Self.mostProxiesAllowed).contains(mostHeld) ? mostHeld : ProxyRule.standard.mostHeld)
        self.quorum = QuorumRule(threshold: QuorumThreshold(rawValue: quorum) ?? .majority, countsProxies: countsProxies)
    }

    /// The rules the form gives, or the key of the first refusal's sentence with the field it concerns. `countsProxies`
    /// is a checkbox: present or absent.
    public static func read(mostHeld: String, quorum: String, countsProxies: String?) -> Result<CouncilSittingRules, ValidationFailure> {
        let text = mostHeld.trimmingCharacters(in: .whitespaces)
        guard text.count <= 2, text.allSatisfy(\.isASCII), let held = Int(text), (0...mostProxiesAllowed).contains(held) else {
            return .failure(ValidationFailure(field: "proxies_held", key: "sitting_rules_error_proxies"))
        }
        guard let threshold = QuorumThreshold(rawValue: quorum) else {
            return .failure(ValidationFailure(field: "quorum", key: "sitting_rules_error_quorum"))
        }
        let counts: Bool
        switch countsProxies {
        case nil: counts = false
        case "on", "true", "1": counts = true
        default: return .failure(ValidationFailure(field: "quorum_counts_proxies", key: "sitting_rules_error_quorum"))
        }
        // Proxies cannot count towards a quorum where none may be given.
        return .success(CouncilSittingRules(proxy: ProxyRule(mostHeld: held), quorum: QuorumRule(threshold: threshold, countsProxies: counts && held > 0)))
    }

    /// Only the council's administrators set its rules: they decide every vote's validity.
    public static func mayRecord(by actor: CouncilActor) -> Decision {
        actor.isAdministrator ? .allowed : .forbidden("sitting_rules_refused")
    }
}
