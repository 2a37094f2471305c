/// A live conversation's map kept up to date as votes arrive: `update(with:)` touches only the participants who
/// voted, then warm-starts the PCA and the clusterings from the previous map, as Polis does between updates.
///
/// What it keeps between updates: the vote matrix with the time of each cell (so a late-arriving older vote does not
/// overwrite a newer one), the pair statistics the PCA is computed from (for each participant who voted, only the
/// pairs of statements that involve a changed vote move from their old values to the new; nobody else's row is read), and the
/// state of the previous map (components, clusters, sticky inclusion, k smoothing). A change of moderation, or a vote
/// on a statement not seen before, rebuilds the statistics once.
public struct OpinionMapUpdater: Sendable {
    public private(set) var map: OpinionMap
    public let parameters: OpinionMapParameters
    private var matrix: VoteMatrix
    private var times: [Int64]
    private var statistics: CovarianceStatistics
    private var rowOf: [String: Int]
    /// Cell arrays kept from the last compaction, to be refilled by the next one (no fresh pages to fault in).
    private var spareColumns: [Int32] = []
    private var spareVotes: [Int8] = []
    private var spareTimes: [Int64] = []

    public init(statements: [Statement], votes: [VoteRecord], parameters: OpinionMapParameters = .init(),
                previous: OpinionMapState? = nil) {
        var builder = VoteMatrixBuilder(statements: statements, expectedVotes: votes.count)
        builder.append(contentsOf: votes)
        self.init(builder: builder, parameters: parameters, previous: previous)
    }

    /// From a builder already fed (large conversations stream their votes into it).
    public init(builder: VoteMatrixBuilder, parameters: OpinionMapParameters = .init(), previous: OpinionMapState? = nil) {
        let (matrix, times) = builder.build(keepingTimes: true)
        let statistics = CovarianceStatistics(matrix)
        self.parameters = parameters
        self.matrix = matrix
        self.times = times
        self.statistics = statistics
        rowOf = Dictionary(uniqueKeysWithValues: matrix.participants.enumerated().map { ($1, $0) })
        let pca = PrincipalComponentAnalysis.compute(statistics, start: previous?.components, seed: parameters.seed,
                                                     threads: parameters.threads)
        map = OpinionMapEngine.compute(matrix: matrix, pca: pca, parameters: parameters, previous: previous)
    }

    /// The pair statistics kept (for tests: they must equal those of the matrix built afresh).
    var pairStatistics: CovarianceStatistics { statistics }

    /// Votes in the matrix: each participant's latest on each statement.
    public var voteCount: Int { matrix.voteCount }

    /// Each statement's agree, disagree and all votes (passes included), by statement id, from every participant's
    /// latest vote: one pass over the matrix.
    public func tallies() -> [Int: StatementTally] {
        var counts = [StatementTally](repeating: StatementTally(), count: matrix.statementCount)
        for row in 0..<matrix.participantCount {
            for cell in matrix.cells(ofRow: row) {
                let column = Int(matrix.cellColumns[cell])
                counts[column].seen += 1
                switch matrix.cellVotes[cell] {
                case 1: counts[column].agree += 1
                case -1: counts[column].disagree += 1
                default: break
                }
            }
        }
        return Dictionary(uniqueKeysWithValues: matrix.statements.enumerated().map { ($1.id, counts[$0]) })
    }

    /// The vote matrix kept (for tests).
    var voteMatrix: VoteMatrix { matrix }

    /// Adds the votes (the latest vote of a participant on a statement wins, by timestamp) and recomputes the map.
    /// `statements`, when given, replaces the list of statements (new statements, moderation, meta flags).
    @discardableResult
    public mutating func update(with votes: [VoteRecord], statements: [Statement]? = nil,
                                progress: OpinionMapProgress? = nil) -> OpinionMap {
        let known = Dictionary(matrix.statements.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let sameStatements = statements.map { Set($0) == Set(matrix.statements) } ?? true
        guard sameStatements, votes.allSatisfy({ known[$0.statement] != nil }) else {
            rebuild(adding: votes, statements: statements ?? matrix.statements)
            return map
        }
        // Participants never seen get rows after everyone else, in order of their first vote (then of arrival).
        var newcomers: [String: (first: Int64, order: Int)] = [:]
        for (order, vote) in votes.enumerated() where rowOf[vote.participant] == nil {
            let seen = newcomers[vote.participant]
            newcomers[vote.participant] = (min(seen?.first ?? .max, vote.timestamp), seen?.order ?? order)
        }
        let arrivals = newcomers.sorted { x, y in
            x.value.first != y.value.first ? x.value.first < y.value.first : x.value.order < y.value.order
        }
        for (name, _) in arrivals {
            rowOf[name] = matrix.participantCount
            matrix.participants.append(name)
            matrix.rowStart.append(0)
            matrix.rowEnd.append(0)
        }
        // The new votes by row, then column, then arrival.
        let incoming = votes.enumerated().map { order, vote in
            (row: rowOf[vote.participant]!, column: Int32(known[vote.statement]!), order: order, vote: vote.vote.rawValue,
             time: vote.timestamp)
        }.sorted { ($0.row, $0.column, $0.order) < ($1.row, $1.column, $1.order) }
        var rewritten = incoming.count
        for (index, vote) in incoming.enumerated() {
            matrix.votedColumns[Int(vote.column)] = true
            if index == 0 || incoming[index - 1].row != vote.row { rewritten += matrix.cells(ofRow: vote.row).count }
        }
        makeRoom(for: rewritten)

        // Each changed row is merged (latest timestamp wins; on a tie, the later arrival) and written after the other
        // rows; its old cells stay where they were until the arrays are compacted. The pair statistics follow.
        let excluded = statistics.excluded
        var rowColumns: [Int32] = [], oldValues: [Int8] = [], newValues: [Int8] = [], changed: [Bool] = []
        var next = 0
        while next < incoming.count {
            let row = incoming[next].row
            var end = next
            while end < incoming.count, incoming[end].row == row { end += 1 }
            let old = matrix.cells(ofRow: row)
            let start = matrix.cellColumns.count
            rowColumns.removeAll(keepingCapacity: true); oldValues.removeAll(keepingCapacity: true)
            newValues.removeAll(keepingCapacity: true); changed.removeAll(keepingCapacity: true)
            var cell = old.lowerBound
            var change = next
            while cell < old.upperBound || change < end {
                let oldColumn = cell < old.upperBound ? matrix.cellColumns[cell] : .max
                let column = min(oldColumn, change < end ? incoming[change].column : .max)
                var vote: Int8 = 0, time = Int64.min, present = false
                var previous: Int8?
                if oldColumn == column {
                    (vote, time, present) = (matrix.cellVotes[cell], times[cell], true)
                    previous = vote
                    cell += 1
                }
                while change < end, incoming[change].column == column {
                    if !present || incoming[change].time >= time {
                        (vote, time, present) = (incoming[change].vote, incoming[change].time, true)
                    }
                    change += 1
                }
                matrix.cellColumns.append(column)
                matrix.cellVotes.append(vote)
                times.append(time)
                guard !excluded[Int(column)] else { continue }
                // Only the pairs that involve a changed cell move: from their old values to the new ones.
                rowColumns.append(column)
                oldValues.append(previous.map { -$0 } ?? CovarianceStatistics.absent)
                newValues.append(-vote)
                changed.append(previous != vote)
            }
            statistics.replace(columns: rowColumns, old: oldValues, new: newValues, changed: changed)
            matrix.rowStart[row] = start
            matrix.rowEnd[row] = matrix.cellColumns.count
            matrix.voteCount += matrix.cellColumns.count - start - old.count
            next = end
        }
        let pca = PrincipalComponentAnalysis.compute(statistics, start: map.state.components, seed: parameters.seed,
                                                     threads: parameters.threads, progress: progress)
        map = OpinionMapEngine.compute(matrix: matrix, pca: pca, parameters: parameters, previous: map.state, progress: progress)
        return map
    }

    /// Room at the end of the cell arrays for `rewritten` more cells: when they would have to grow, the rows are first
    /// copied in order into the spare arrays (leaving out the old copies of rewritten rows), which then have room for
    /// half as many votes again.
    private mutating func makeRoom(for rewritten: Int) {
        guard matrix.cellColumns.count + rewritten > min(matrix.cellColumns.capacity, matrix.cellVotes.capacity,
                                                         times.capacity) else { return }
        var columns = spareColumns, votes = spareVotes, cellTimes = spareTimes
        (spareColumns, spareVotes, spareTimes) = ([], [], [])
        columns.removeAll(keepingCapacity: true)
        votes.removeAll(keepingCapacity: true)
        cellTimes.removeAll(keepingCapacity: true)
        let capacity = matrix.voteCount + matrix.voteCount / 2 + 4 * rewritten
        columns.reserveCapacity(capacity)
        votes.reserveCapacity(capacity)
        cellTimes.reserveCapacity(capacity)
        // Runs of rows that follow one another in the arrays are copied at once.
        var row = 0
        while row < matrix.participantCount {
            var last = row
            while last + 1 < matrix.participantCount, matrix.rowStart[last + 1] == matrix.rowEnd[last] { last += 1 }
            let cells = matrix.rowStart[row]..<matrix.rowEnd[last]
            let shift = columns.count - cells.lowerBound
            columns.append(contentsOf: matrix.cellColumns[cells])
            votes.append(contentsOf: matrix.cellVotes[cells])
            cellTimes.append(contentsOf: times[cells])
            for moved in row...last {
                matrix.rowStart[moved] += shift
                matrix.rowEnd[moved] += shift
            }
            row = last + 1
        }
        swap(&columns, &matrix.cellColumns)
        swap(&votes, &matrix.cellVotes)
        swap(&cellTimes, &times)
        (spareColumns, spareVotes, spareTimes) = (columns, votes, cellTimes)
    }

    /// Everything again from the cells kept and the new votes, warm-started from the previous map.
    private mutating func rebuild(adding votes: [VoteRecord], statements: [Statement]) {
        var builder = VoteMatrixBuilder(statements: statements, expectedVotes: matrix.voteCount + votes.count)
        for row in 0..<matrix.participantCount {
            for cell in matrix.cells(ofRow: row) {
                builder.append(participant: matrix.participants[row], statement: matrix.statements[Int(matrix.cellColumns[cell])].id,
                               vote: Vote(rawValue: matrix.cellVotes[cell])!, timestamp: times[cell])
            }
        }
        builder.append(contentsOf: votes)
        self = OpinionMapUpdater(builder: builder, parameters: parameters, previous: map.state)
    }
}
