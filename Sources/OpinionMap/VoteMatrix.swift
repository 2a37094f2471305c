/// The latest vote of every participant on every statement, stored sparsely (one byte a vote).
///
/// Rows are participants in order of their first vote (as Polis adds rows while votes arrive; ties
/// by numeric id); columns are statements sorted by id.
public struct VoteMatrix: Sendable {
    public let participants: [String]
    public let statements: [Statement]
    /// For each row, the (column, vote) pairs it voted, sorted by column.
    public let rows: [[(column: Int32, vote: Vote)]]

    public var participantCount: Int { participants.count }
    public var statementCount: Int { statements.count }

    /// Columns excluded from the map (moderated out or meta).
    public var excludedColumns: Set<Int> {
        Set(statements.indices.filter { statements[$0].isModeratedOut || statements[$0].isMeta })
    }

    public init(statements: [Statement], votes: [VoteRecord]) {
        var known = Dictionary(statements.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for vote in votes where known[vote.statement] == nil { known[vote.statement] = Statement(id: vote.statement) }
        let ordered = known.values.sorted { $0.id < $1.id }
        let column = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($1.id, Int32($0)) })

        var latest: [String: [Int32: (Vote, Int64)]] = [:]
        var firstSeen: [String: Int64] = [:]
        for vote in votes {
            firstSeen[vote.participant] = min(firstSeen[vote.participant] ?? .max, vote.timestamp)
            let col = column[vote.statement]!
            if let previous = latest[vote.participant]?[col], previous.1 > vote.timestamp { continue }
            latest[vote.participant, default: [:]][col] = (vote.vote, vote.timestamp)
        }
        let people = latest.keys.sorted { a, b in
            if firstSeen[a]! != firstSeen[b]! { return firstSeen[a]! < firstSeen[b]! }
            return switch (Int(a), Int(b)) {
            case let (x?, y?): x < y
            case (_?, nil): true
            case (nil, _?): false
            case (nil, nil): a < b
            }
        }
        self.participants = people
        self.statements = ordered
        self.rows = people.map { person in
            latest[person]!.map { (column: $0.key, vote: $0.value.0) }.sorted { $0.column < $1.column }
        }
    }

    /// Votes cast per row (passes count), as Polis `user-vote-counts`.
    public var voteCounts: [Int] { rows.map(\.count) }
}
