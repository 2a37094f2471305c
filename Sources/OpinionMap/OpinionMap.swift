import Foundation

/// Everything the engine computes for a conversation (the Polis "math blob", in our words).
public struct OpinionMap: Sendable {
    /// Participants in order of the vote matrix rows.
    public let participants: [String]
    public let statements: [Statement]
    public let pca: PrincipalComponents
    /// 2-D position of every participant (Polis sparsity-aware projection).
    public let positions: [Point]
    /// Rows included in the clustering (Polis `in-conv`).
    public let inConversation: [Int]
    /// Base clusters over the included rows; members are row indexes.
    public let baseClusters: [Cluster]
    /// Opinion groups; members are row indexes.
    public let groups: [Cluster]
    /// Group of every row, or nil when the row is not clustered.
    public let groupOfRow: [Int?]
    /// Silhouette of each tried k.
    public let silhouettes: [Int: Double]
    public let representative: [[RepresentativeStatement]]
    public let consensus: Consensus
    /// Group-informed consensus per statement column.
    public let groupInformedConsensus: [Double]
    /// Statement columns sorted from most to least divisive between groups.
    public let divisive: [DivisiveStatement]
    /// Priority of each statement column for choosing what to show next.
    public let priorities: [Double]
    /// The state to warm-start the next update from.
    public let state: OpinionMapState
}

/// What carries from one update to the next: warm starts, sticky inclusion, k smoothing.
public struct OpinionMapState: Sendable {
    public var components: [[Double]]?
    /// The base clusters of the last update: identifiers and members (rows of `participants`).
    public var baseClusters: StoredClustering?
    /// The participants, in the row order the base cluster members refer to.
    public var participants: [String] = []
    /// The last clustering of the base clusters for each k; members are base-cluster identifiers.
    public var groupClusterings: [Int: StoredClustering] = [:]
    /// Participants included in the clustering while they had fewer than `minimumVotes` votes (inclusion is sticky;
    /// anyone with that many votes is included anyway).
    public var included: Set<String> = []
    /// The displayed number of groups, and the candidate that must win `kBuffer` updates in a row.
    public var displayedK: Int?
    public var candidateK: Int?
    public var candidateWins = 0
    /// Group votes of the previous update, which Polis uses for priorities.
    public var previousGroupVotes: [[StatementTally]]?

    public init() {}
}

/// A clustering kept for the next warm start: cluster identifiers and the members of each.
public struct StoredClustering: Sendable, Hashable {
    public var ids: [Int]
    public var members: [[Int]]

    public init(ids: [Int], members: [[Int]]) {
        self.ids = ids
        self.members = members
    }
}

/// Counts of one statement among some participants.
public struct StatementTally: Sendable, Hashable {
    public var agree = 0
    public var disagree = 0
    /// Votes cast (agree, disagree and pass).
    public var seen = 0

    public init(agree: Int = 0, disagree: Int = 0, seen: Int = 0) {
        self.agree = agree
        self.disagree = disagree
        self.seen = seen
    }
}

/// Parameters of the method, with Polis's defaults.
public struct OpinionMapParameters: Sendable {
    public var minimumVotes = 7
    public var minimumParticipants = 15
    public var baseK = 100
    public var maxK = 5
    public var baseIterations = 100
    public var groupIterations = 20
    /// Updates a new best k must win in a row before it is displayed.
    public var kBuffer = 4
    public var seed: UInt64 = 0x48656D69
    /// Threads the base clustering of large conversations may use; the result is the same for any number.
    public var threads = ProcessInfo.processInfo.activeProcessorCount

    public init() {}
}
