import HemicycleDomain
import PublicSite
import Storage

extension NewsStatus {
    /// The stored statuses a change may start from: those in which the rule allows it.
    static func starts(for action: NewsAction, by actor: NewsActor) -> Set<NewsStoredStatus> {
        Set(NewsStatus.allCases.filter { NewsRules.decide(action, by: actor, status: $0).isAllowed }.compactMap { NewsStoredStatus(rawValue: $0.rawValue) })
    }
}
