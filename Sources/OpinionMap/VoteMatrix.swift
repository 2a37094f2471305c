/// The latest vote of every participant on every statement, stored sparsely in compressed rows
/// (four bytes of column and one byte of vote per cell).
///
/// Rows are participants in order of their first vote (as Polis adds rows while votes arrive; ties
/// by numeric id); columns are statements sorted by id.
public struct VoteMatrix: Sendable {
    public internal(set) var participants: [String]
    public let statements: [Statement]
    /// Cells of row r are `rowStart[r] ..< rowEnd[r]`, sorted by column. Rows need not follow one another in the cell
    /// arrays: an export read row by row keeps its own order of rows, and an update writes the rows it changes after
    /// the others (see `OpinionMapUpdater`).
    public internal(set) var rowStart: [Int]
    public internal(set) var rowEnd: [Int]
    public internal(set) var cellColumns: [Int32]
    /// Votes in the export convention (agree = +1), as `Vote` raw values.
    public internal(set) var cellVotes: [Int8]

    public var participantCount: Int { participants.count }
    public var statementCount: Int { statements.count }
    /// Cells in use (an updated matrix may also hold the old copies of rows it changed).
    public internal(set) var voteCount: Int

    /// Columns excluded from the map (moderated out or meta).
    public var excludedColumns: Set<Int> {
        Set(statements.indices.filter { statements[$0].isModeratedOut || statements[$0].isMeta })
    }

    /// One flag per column: at least one vote. Polis's matrix only has columns for statements voted on, so its
    /// statement count (for the inclusion threshold and the projection's scale) counts these.
    var votedColumns: [Bool]

    /// One flag per column: moderated out or meta.
    var exclusionMask: [Bool] { statements.map { $0.isModeratedOut || $0.isMeta } }

    /// Rows anywhere in the cell arrays: row r is `rowStart[r] ..< rowEnd[r]`; every cell is in use.
    init(participants: [String], statements: [Statement], rowStart: [Int], rowEnd: [Int], cellColumns: [Int32],
         cellVotes: [Int8]) {
        var voted = [Bool](repeating: false, count: statements.count)
        for column in cellColumns { voted[Int(column)] = true }
        votedColumns = voted
        self.participants = participants
        self.statements = statements
        self.rowStart = rowStart
        self.rowEnd = rowEnd
        voteCount = cellColumns.count
        self.cellColumns = cellColumns
        self.cellVotes = cellVotes
    }

    /// Rows stored one after the other: row r is `rowBoundaries[r] ..< rowBoundaries[r + 1]`.
    init(participants: [String], statements: [Statement], rowBoundaries: [Int], cellColumns: [Int32], cellVotes: [Int8]) {
        self.init(participants: participants, statements: statements, rowStart: Array(rowBoundaries.dropLast()),
                  rowEnd: Array(rowBoundaries.dropFirst()), cellColumns: cellColumns, cellVotes: cellVotes)
    }

    public init(statements: [Statement], votes: [VoteRecord]) {
        var direct = VoteMatrixBuilder(statements: statements)
        if let matrix = direct.matrix(ofVotesInOrder: votes) {
            self = matrix
            return
        }
        var builder = VoteMatrixBuilder(statements: statements, expectedVotes: votes.count)
        builder.append(contentsOf: votes)
        self = builder.build()
    }

    /// The cells of a row.
    public func cells(ofRow row: Int) -> Range<Int> { rowStart[row]..<rowEnd[row] }

    /// The (column, vote) pairs of a row, in column order.
    public func votes(inRow row: Int) -> [(column: Int, vote: Vote)] {
        cells(ofRow: row).map { (Int(cellColumns[$0]), Vote(rawValue: cellVotes[$0])!) }
    }

    /// Votes cast per row (passes count), as Polis `user-vote-counts`.
    public var voteCounts: [Int] { (0..<participantCount).map { rowEnd[$0] - rowStart[$0] } }
}
