/// A participant's answer to a statement, in the Polis export convention (agree = +1).
public enum Vote: Int8, Sendable, Hashable, Codable {
    case agree = 1
    case pass = 0
    case disagree = -1
}

/// A statement (Polis "comment") of a conversation.
public struct Statement: Sendable, Hashable {
    public let id: Int
    /// Moderated out (Polis `moderated = -1`): excluded from the map and from the lists.
    public var isModeratedOut: Bool
    /// A meta statement (about the conversation itself): excluded like a moderated-out one.
    public var isMeta: Bool

    public init(id: Int, isModeratedOut: Bool = false, isMeta: Bool = false) {
        self.id = id
        self.isModeratedOut = isModeratedOut
        self.isMeta = isMeta
    }
}

/// One vote as recorded; when a participant votes again on a statement, the latest vote wins.
public struct VoteRecord: Sendable, Hashable {
    public let participant: String
    public let statement: Int
    public let vote: Vote
    /// Milliseconds since the epoch; orders re-votes and replays.
    public let timestamp: Int64

    public init(participant: String, statement: Int, vote: Vote, timestamp: Int64) {
        self.participant = participant
        self.statement = statement
        self.vote = vote
        self.timestamp = timestamp
    }
}
