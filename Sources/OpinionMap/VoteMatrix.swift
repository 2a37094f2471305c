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

        // Group the votes by participant (one array each), then keep the latest vote per statement.
        var rowOf: [String: Int] = [:]
        var names: [String] = []
        var cells: [[(column: Int32, vote: Vote, time: Int64, order: Int32)]] = []
        var firstSeen: [Int64] = []
        for (order, vote) in votes.enumerated() {
            let row: Int
            if let known = rowOf[vote.participant] {
                row = known
            } else {
                row = names.count
                rowOf[vote.participant] = row
                names.append(vote.participant)
                cells.append([])
                firstSeen.append(.max)
            }
            firstSeen[row] = min(firstSeen[row], vote.timestamp)
            cells[row].append((column[vote.statement]!, vote.vote, vote.timestamp, Int32(truncatingIfNeeded: order)))
        }
        let order = names.indices.sorted { a, b in
            if firstSeen[a] != firstSeen[b] { return firstSeen[a] < firstSeen[b] }
            return switch (Int(names[a]), Int(names[b])) {
            case let (x?, y?): x < y
            case (_?, nil): true
            case (nil, _?): false
            case (nil, nil): names[a] < names[b]
            }
        }
        self.participants = order.map { names[$0] }
        self.statements = ordered
        self.rows = order.map { row in
            // Latest vote wins; equal timestamps keep the one given last.
            let sorted = cells[row].sorted { ($0.column, $0.time, $0.order) < ($1.column, $1.time, $1.order) }
            var result: [(column: Int32, vote: Vote)] = []
            result.reserveCapacity(sorted.count)
            for cell in sorted {
                if let last = result.last, last.column == cell.column {
                    result[result.count - 1] = (cell.column, cell.vote)
                } else {
                    result.append((cell.column, cell.vote))
                }
            }
            return result
        }
    }

    /// Votes cast per row (passes count), as Polis `user-vote-counts`.
    public var voteCounts: [Int] { rows.map(\.count) }
}
