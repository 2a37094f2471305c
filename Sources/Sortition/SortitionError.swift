/// A quota change that would make a panel possible.
public struct QuotaRelaxation: Sendable, Equatable, CustomStringConvertible {
    public let category: String
    public let value: String
    public let min: (from: Int, to: Int)
    public let max: (from: Int, to: Int)

    public static func == (a: QuotaRelaxation, b: QuotaRelaxation) -> Bool {
        a.category == b.category && a.value == b.value && a.min == b.min && a.max == b.max
    }

    public var description: String {
        var changes: [String] = []
        if min.from != min.to { changes.append("minimum \(min.from) → \(min.to)") }
        if max.from != max.to { changes.append("maximum \(max.from) → \(max.to)") }
        return "\(category)=\(value): " + changes.joined(separator: ", ")
    }
}

public enum SortitionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No panel meets the quotas; `categories` cannot be met together; `relaxation` is the smallest change
    /// (fewest places moved in total, within the flex bounds) that makes a panel possible.
    case infeasibleQuotas(categories: [String], relaxation: [QuotaRelaxation])
    /// No panel is possible even with the quotas relaxed as far as their flex bounds allow.
    case impossible(String)
    case invalidInstance(String)
    case solver(String)

    public var description: String {
        switch self {
        case let .infeasibleQuotas(categories, relaxation):
            "No panel can meet the quotas: "
                + (categories.count == 1 ? "the quotas of \(categories[0]) cannot all be met. "
                    : "the quotas of \(categories.joined(separator: " and ")) cannot be met together. ")
                + "The smallest relaxation that makes a panel possible: " + relaxation.map(\.description).joined(separator: "; ") + "."
        case .impossible(let reason): "No panel is possible: \(reason)"
        case .invalidInstance(let reason): reason
        case .solver(let reason): "The solver failed: \(reason)"
        }
    }
}
