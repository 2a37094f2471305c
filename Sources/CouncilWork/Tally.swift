/// A member's vote on one ballot. Not taking part is not a choice: it is the absence of a vote.
public enum VoteChoice: String, Codable, Sendable, CaseIterable {
    case pour = "for", contre = "against", abstention = "abstain"
}

public struct VoteCounts: Sendable, Equatable, Codable {
    public var pour = 0
    public var contre = 0
    public var abstention = 0
    /// Eligible members who cast no vote.
    public var notTakingPart = 0

    public init() {}

    /// Votes cast, abstentions included.
    public var cast: Int { pour + contre + abstention }
    public var eligible: Int { cast + notTakingPart }

    /// Adds `count` members who made `choice` (nil: took no part).
    public mutating func add(_ choice: VoteChoice?, count: Int) {
        switch choice {
        case .pour: pour += count
        case .contre: contre += count
        case .abstention: abstention += count
        case nil: notTakingPart += count
        }
    }

    mutating func add(_ choice: VoteChoice?) {
        switch choice {
        case .pour: pour += 1
        case .contre: contre += 1
        case .abstention: abstention += 1
        case nil: notTakingPart += 1
        }
    }
}

/// Where a group stands, from its members' votes.
public enum GroupPosition: String, Sendable, Codable {
    case pour = "for", contre = "against", abstention = "abstain", divided, absent
}

/// When a ballot carries: the majority required and, optionally, a quorum.
public struct AdoptionRule: Codable, Sendable, Equatable {
    public enum Majority: String, Codable, Sendable, CaseIterable {
        /// For votes exceed half of the votes cast, abstentions included (the French CESE's rule).
        case forExceedsHalfOfVotesCast = "for_exceeds_half_of_votes_cast"
        /// For votes exceed against votes; abstentions do not count.
        case forExceedsAgainst = "for_exceeds_against"
        /// At least two thirds of the votes cast, abstentions included.
        case twoThirdsOfVotesCast = "two_thirds_of_votes_cast"
    }

    public var majority: Majority
    /// Share of the eligible members who must take part (cast a vote, abstention included); nil for none.
    public var quorum: Double?

    public init(majority: Majority, quorum: Double? = nil) {
        self.majority = majority
        self.quorum = quorum
    }

    public static let frenchCESE = AdoptionRule(majority: .forExceedsHalfOfVotesCast)
}

public struct GroupResult: Sendable, Equatable {
    public let group: String
    public let counts: VoteCounts
    public let position: GroupPosition
}

public struct TallyResult: Sendable, Equatable {
    public let overall: VoteCounts
    /// One per group: from `Tally.count`, in the order the groups were first met among the eligible members; from
    /// `Tally.result`, in the order given.
    public let groups: [GroupResult]
    public let quorumMet: Bool
    public let adopted: Bool
}

/// Counts a ballot from the individual votes; the result can always be recomputed from them.
public enum Tally {
    /// `eligible`: member → group (nil for members without group); `votes`: member → choice. Votes of people who
    /// are not eligible are ignored (the caller refuses them before they are stored).
    public static func count(eligible: [(member: String, group: String?)], votes: [String: VoteChoice], rule: AdoptionRule) -> TallyResult {
        var overall = VoteCounts()
        var order: [String] = []
        var byGroup: [String: VoteCounts] = [:]
        for (member, group) in eligible {
            let choice = votes[member]
            overall.add(choice)
            if let group {
                if byGroup[group] == nil { order.append(group) }
                byGroup[group, default: VoteCounts()].add(choice)
            }
        }
        return result(overall: overall, groups: order.map { ($0, byGroup[$0]!) }, rule: rule)
    }

    /// The result from counts already made (by the database): `overall` over every eligible member, `groups` in the
    /// order they are to be shown.
    public static func result(overall: VoteCounts, groups: [(group: String, counts: VoteCounts)], rule: AdoptionRule) -> TallyResult {
        let quorumMet = rule.quorum.map { Double(overall.cast) >= $0 * Double(overall.eligible) } ?? true
        return TallyResult(overall: overall, groups: groups.map { GroupResult(group: $0.group, counts: $0.counts, position: position($0.counts)) },
                           quorumMet: quorumMet, adopted: quorumMet && carries(overall, rule.majority))
    }

    static func carries(_ counts: VoteCounts, _ majority: AdoptionRule.Majority) -> Bool {
        switch majority {
        case .forExceedsHalfOfVotesCast: 2 * counts.pour > counts.cast
        case .forExceedsAgainst: counts.pour > counts.contre
        case .twoThirdsOfVotesCast: counts.cast > 0 && 3 * counts.pour >= 2 * counts.cast
        }
    }

    /// The choice most of the group's voters made; `divided` on a tie, `absent` when nobody voted.
    public static func position(_ counts: VoteCounts) -> GroupPosition {
        guard counts.cast > 0 else { return .absent }
        let ranked: [(GroupPosition, Int)] = [(.pour, counts.pour), (.contre, counts.contre), (.abstention, counts.abstention)]
        let top = ranked.map(\.1).max()!
        let leaders = ranked.filter { $0.1 == top }
        return leaders.count == 1 ? leaders[0].0 : .divided
    }
}
