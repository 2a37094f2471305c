/// A session of the convention as stored (times in seconds since 1970).
public struct ConventionSessionRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let conventionId: Int64
    public let number: Int
    public let title: String
    public let startsAt: Double
    public let endsAt: Double
    public let place: String
    public let programme: String

    enum CodingKeys: String, CodingKey {
        case id
        case conventionId = "convention_id"
        case number, title
        case startsAt = "starts_at"
        case endsAt = "ends_at"
        case place, programme
    }
}

/// A session as the secretariat writes it.
public struct SessionDraft: Sendable, Equatable {
    public var title: String
    public var startsAt: Double
    public var endsAt: Double
    public var place: String
    public var programme: String

    public init(title: String, startsAt: Double, endsAt: Double, place: String, programme: String) {
        self.title = title
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.place = place
        self.programme = programme
    }
}

/// A proposal as stored, with its vote's method and, once closed, its result.
public struct ProposalRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let conventionId: Int64
    public let sessionId: Int64
    public let number: Int
    public let title: String
    public let body: String
    public let draftedBy: String
    public let method: String
    public let ruleNumerator: Int?
    public let ruleDenominator: Int?
    public let ruleStrictlyMore: Bool?
    public let ruleAbstentionsInBase: Bool?
    public let adoptionGrade: Int?
    public let status: String
    public let revision: Int
    public let openedAt: Double?
    public let closedAt: Double?
    public let membersAtClose: Int?
    public let adopted: Bool?
    public let minorityHeldBy: String?
    public let minorityPosition: String?

    /// The method of its vote, as stored.
    public var storedMethod: StoredVoteMethod {
        StoredVoteMethod(method: method, ruleNumerator: ruleNumerator, ruleDenominator: ruleDenominator, ruleStrictlyMore: ruleStrictlyMore,
                         ruleAbstentionsInBase: ruleAbstentionsInBase, adoptionGrade: adoptionGrade)
    }

    enum CodingKeys: String, CodingKey {
        case id
        case conventionId = "convention_id"
        case sessionId = "session_id"
        case number, title, body
        case draftedBy = "drafted_by"
        case method
        case ruleNumerator = "rule_numerator"
        case ruleDenominator = "rule_denominator"
        case ruleStrictlyMore = "rule_strictly_more"
        case ruleAbstentionsInBase = "rule_abstentions_in_base"
        case adoptionGrade = "adoption_grade"
        case status, revision
        case openedAt = "opened_at"
        case closedAt = "closed_at"
        case membersAtClose = "members_at_close"
        case adopted
        case minorityHeldBy = "minority_held_by"
        case minorityPosition = "minority_position"
    }
}

/// A proposal as its form gives it.
public struct ProposalDraft: Sendable, Equatable {
    public var title: String
    public var body: String
    public var draftedBy: String
    public var method: StoredVoteMethod

    public init(title: String, body: String, draftedBy: String, method: StoredVoteMethod) {
        self.title = title
        self.body = body
        self.draftedBy = draftedBy
        self.method = method
    }
}

/// The convention's published report.
public struct ConventionReportRecord: Sendable, Hashable, Decodable {
    public let conventionId: Int64
    public let introduction: String
    public let publishedAt: Double

    enum CodingKeys: String, CodingKey {
        case conventionId = "convention_id"
        case introduction
        case publishedAt = "published_at"
    }
}

/// How a proposal is voted, in the columns that hold it: `yes_no` with its threshold, or `majority_judgment` with the
/// grade to reach.
public struct StoredVoteMethod: Sendable, Equatable {
    public let method: String
    public let ruleNumerator: Int?
    public let ruleDenominator: Int?
    public let ruleStrictlyMore: Bool?
    public let ruleAbstentionsInBase: Bool?
    public let adoptionGrade: Int?

    public init(method: String, ruleNumerator: Int? = nil, ruleDenominator: Int? = nil, ruleStrictlyMore: Bool? = nil,
                ruleAbstentionsInBase: Bool? = nil, adoptionGrade: Int? = nil) {
        self.method = method
        self.ruleNumerator = ruleNumerator
        self.ruleDenominator = ruleDenominator
        self.ruleStrictlyMore = ruleStrictlyMore
        self.ruleAbstentionsInBase = ruleAbstentionsInBase
        self.adoptionGrade = adoptionGrade
    }
}

/// One member's ballot on a proposal: a choice (yes, no, abstain) or a grade.
public struct StoredBallot: Sendable, Equatable {
    public let choice: String?
    public let grade: Int?

    public init(choice: String?, grade: Int?) {
        self.choice = choice
        self.grade = grade
    }
}
