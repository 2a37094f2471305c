/// How many of a body's voters must take part for it to deliberate.
public enum QuorumThreshold: String, Sendable, CaseIterable {
    /// More than half, as most councils' rules have it.
    case majority
    /// At least one third.
    case third
    /// At least two thirds.
    case twoThirds = "two_thirds"

    /// How many must take part among `voters` (at least one, so that an empty body never holds a valid vote).
    public func required(voters: Int) -> Int {
        switch self {
        case .majority: return voters / 2 + 1
        case .third: return max(1, (voters + 2) / 3)
        case .twoThirds: return max(1, (2 * voters + 2) / 3)
        }
    }
}

/// The council's quorum: a share of the body's voters must take part (in the room or from afar), and, where the rule
/// says so, a member represented by a proxy counts as taking part.
public struct QuorumRule: Sendable, Equatable {
    public var threshold: QuorumThreshold
    public var countsProxies: Bool

    public init(threshold: QuorumThreshold = .majority, countsProxies: Bool) {
        self.threshold = threshold
        self.countsProxies = countsProxies
    }

    /// A majority of members taking part, not represented, as most councils' rules have it.
    public static let standard = QuorumRule(threshold: .majority, countsProxies: false)

    /// How many must take part among `voters`.
    public func required(voters: Int) -> Int { threshold.required(voters: voters) }
}

/// Where a sitting stands against its quorum.
public struct QuorumCount: Sendable, Equatable {
    /// The body's voters.
    public let voters: Int
    /// Those recorded present or remote.
    public let takingPart: Int
    /// Those away who gave their vote to someone taking part (for the whole sitting).
    public let represented: Int
    public let required: Int
    public let isMet: Bool

    public init(voters: Set<Int64>, attendance: [Int64: Attendance], proxies: [Proxy], rule: QuorumRule) {
        self.voters = voters.count
        takingPart = voters.filter { attendance[$0]?.takesPart == true }.count
        let holding = Set(voters.filter { attendance[$0]?.takesPart == true })
        represented = Set(proxies.filter { $0.ballotID == nil && voters.contains($0.giver) && attendance[$0.giver]?.takesPart != true
            && holding.contains($0.holder) }.map(\.giver)).count
        required = rule.required(voters: voters.count)
        isMet = takingPart + (rule.countsProxies ? represented : 0) >= required
    }
}
