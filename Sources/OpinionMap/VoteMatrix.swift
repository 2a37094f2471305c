/// The latest vote of every participant on every statement, stored sparsely in compressed rows
/// (four bytes of column and one byte of vote per cell).
///
/// Rows are participants in order of their first vote (as Polis adds rows while votes arrive; ties
/// by numeric id); columns are statements sorted by id.
public struct VoteMatrix: Sendable {
    public let participants: [String]
    public let statements: [Statement]
    /// Cells of row r are `rowStart[r] ..< rowStart[r + 1]`, sorted by column.
    public let rowStart: [Int]
    public let cellColumns: [Int32]
    /// Votes in the export convention (agree = +1), as `Vote` raw values.
    public let cellVotes: [Int8]

    public var participantCount: Int { participants.count }
    public var statementCount: Int { statements.count }
    public var voteCount: Int { cellColumns.count }

    /// Columns excluded from the map (moderated out or meta).
    public var excludedColumns: Set<Int> {
        Set(statements.indices.filter { statements[$0].isModeratedOut || statements[$0].isMeta })
    }

    /// One flag per column: at least one vote. Polis's matrix only has columns for statements voted on, so its
    /// statement count (for the inclusion threshold and the projection's scale) counts these.
    let votedColumns: [Bool]

    /// One flag per column: moderated out or meta.
    var exclusionMask: [Bool] { statements.map { $0.isModeratedOut || $0.isMeta } }

    init(participants: [String], statements: [Statement], rowStart: [Int], cellColumns: [Int32], cellVotes: [Int8],
         votedColumns: [Bool]? = nil) {
        self.votedColumns = votedColumns ?? {
            var voted = [Bool](repeating: false, count: statements.count)
            for column in cellColumns { voted[Int(column)] = true }
            return voted
        }()
        self.participants = participants
        self.statements = statements
        self.rowStart = rowStart
        self.cellColumns = cellColumns
        self.cellVotes = cellVotes
    }

    public init(statements: [Statement], votes: [VoteRecord]) {
        var builder = VoteMatrixBuilder(statements: statements, expectedVotes: votes.count)
        for vote in votes { builder.append(vote) }
        self = builder.build()
    }

    /// The cells of a row.
    public func cells(ofRow row: Int) -> Range<Int> { rowStart[row]..<rowStart[row + 1] }

    /// The (column, vote) pairs of a row, in column order.
    public func votes(inRow row: Int) -> [(column: Int, vote: Vote)] {
        cells(ofRow: row).map { (Int(cellColumns[$0]), Vote(rawValue: cellVotes[$0])!) }
    }

    /// Votes cast per row (passes count), as Polis `user-vote-counts`.
    public var voteCounts: [Int] { (0..<participantCount).map { rowStart[$0 + 1] - rowStart[$0] } }
}
