/// The council's quorum: more than half of the body's voters must take part (in the room or from afar), and, where the
/// rule says so, a member represented by a proxy counts as taking part.
public struct QuorumRule: Sendable, Equatable {
    public var countsProxies: Bool

    public init(countsProxies: Bool) { self.countsProxies = countsProxies }

    /// Members taking part, not represented, as most councils' rules have it.
    public static let standard = QuorumRule(countsProxies: false)

    /// How many must take part among `voters`: a majority of them (one, when there are none, so that an empty body
    /// never holds a valid vote).
    public func required(voters: Int) -> Int { voters / 2 + 1 }
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
