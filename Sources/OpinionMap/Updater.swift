/// A live conversation's map kept up to date as votes arrive: `update(with:)` touches only the participants who
/// voted, then warm-starts the PCA and the clusterings from the previous map, as Polis does between updates.
///
/// What it keeps between updates: the vote matrix with the time of each cell (so a late-arriving older vote does not
/// overwrite a newer one), the pair statistics the PCA is computed from (for each participant who voted, only the
/// pairs of statements that involve a changed vote are taken out and put back; nobody else's row is read), and the
/// state of the previous map (components, clusters, sticky inclusion, k smoothing). A change of moderation, or a vote
/// on a statement not seen before, rebuilds the statistics once.
public struct OpinionMapUpdater: Sendable {
    public private(set) var map: OpinionMap
    public let parameters: OpinionMapParameters
    private var matrix: VoteMatrix
    private var times: [Int64]
    private var statistics: CovarianceStatistics
    private var rowOf: [String: Int]
    /// The previous matrix's cell arrays, kept to be refilled by the next update (no fresh pages to fault in).
    private var spareColumns: [Int32] = []
    private var spareVotes: [Int8] = []
    private var spareTimes: [Int64] = []

    public init(statements: [Statement], votes: [VoteRecord], parameters: OpinionMapParameters = .init(),
                previous: OpinionMapState? = nil) {
        var builder = VoteMatrixBuilder(statements: statements, expectedVotes: votes.count)
        for vote in votes { builder.append(vote) }
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
        let pca = PrincipalComponentAnalysis.compute(statistics, start: previous?.components, seed: parameters.seed)
        map = OpinionMapEngine.compute(matrix: matrix, pca: pca, parameters: parameters, previous: previous)
    }

    /// The pair statistics kept (for tests: they must equal those of the matrix built afresh).
    var pairStatistics: CovarianceStatistics { statistics }

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
        // New votes by row, in arrival order; participants never seen get rows after everyone else, by first vote.
        var changes: [Int: [(column: Int32, vote: Int8, time: Int64)]] = [:]
        var newcomers: [String: (first: Int64, order: Int)] = [:]
        var pending: [String: [(column: Int32, vote: Int8, time: Int64)]] = [:]
        for (order, vote) in votes.enumerated() {
            let cell = (column: Int32(known[vote.statement]!), vote: vote.vote.rawValue, time: vote.timestamp)
            if let row = rowOf[vote.participant] {
                changes[row, default: []].append(cell)
            } else {
                let seen = newcomers[vote.participant]
                newcomers[vote.participant] = (min(seen?.first ?? .max, vote.timestamp), seen?.order ?? order)
                pending[vote.participant, default: []].append(cell)
            }
        }
        let arrivals = newcomers.keys.sorted { a, b in
            let x = newcomers[a]!, y = newcomers[b]!
            return x.first != y.first ? x.first < y.first : x.order < y.order
        }
        var participants = matrix.participants
        for name in arrivals {
            rowOf[name] = participants.count
            changes[participants.count] = pending[name]
            participants.append(name)
        }

        // The new matrix: unchanged rows copied as they are, changed rows merged; statistics follow the changed rows.
        let excluded = statistics.excluded
        var rowStart = [0]
        rowStart.reserveCapacity(participants.count + 1)
        var columns = spareColumns, values = spareVotes, cellTimes = spareTimes
        (spareColumns, spareVotes, spareTimes) = ([], [], [])
        columns.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        cellTimes.removeAll(keepingCapacity: true)
        var voted = matrix.votedColumns
        for vote in votes { voted[known[vote.statement]!] = true }
        // Room for this update and the next few, so the kept arrays are refilled rather than reallocated each time.
        let expected = matrix.voteCount + votes.count
        if columns.capacity < expected { columns.reserveCapacity(expected + expected / 8) }
        if values.capacity < expected { values.reserveCapacity(expected + expected / 8) }
        if cellTimes.capacity < expected { cellTimes.reserveCapacity(expected + expected / 8) }
        var oldColumns: [Int32] = [], oldValues: [Int8] = [], newColumns: [Int32] = [], newValues: [Int8] = []
        var copyFrom = 0
        func copyUnchanged(upTo end: Int) {
            guard end > copyFrom else { return }
            let cells = matrix.rowStart[copyFrom]..<matrix.rowStart[end]
            let shift = columns.count - cells.lowerBound
            columns.append(contentsOf: matrix.cellColumns[cells])
            values.append(contentsOf: matrix.cellVotes[cells])
            cellTimes.append(contentsOf: times[cells])
            for row in (copyFrom + 1)...end { rowStart.append(matrix.rowStart[row] + shift) }
            copyFrom = end
        }
        for row in changes.keys.sorted() {
            copyUnchanged(upTo: min(row, matrix.participantCount))
            var merged: [Int32: (vote: Int8, time: Int64)] = [:]
            var before: [Int32: Int8] = [:]
            if row < matrix.participantCount {
                for cell in matrix.cells(ofRow: row) {
                    merged[matrix.cellColumns[cell]] = (matrix.cellVotes[cell], times[cell])
                    before[matrix.cellColumns[cell]] = matrix.cellVotes[cell]
                }
                copyFrom = row + 1
            }
            for change in changes[row]! where merged[change.column].map({ change.time >= $0.time }) ?? true {
                merged[change.column] = (change.vote, change.time)
            }
            // Only the pairs that involve a changed cell move: out with their old values, in with the new ones.
            oldColumns.removeAll(keepingCapacity: true)
            oldValues.removeAll(keepingCapacity: true)
            newColumns.removeAll(keepingCapacity: true)
            newValues.removeAll(keepingCapacity: true)
            var oldChanged: [Bool] = [], newChanged: [Bool] = []
            for column in merged.keys.sorted() {
                let cell = merged[column]!
                columns.append(column)
                values.append(cell.vote)
                cellTimes.append(cell.time)
                guard !excluded[Int(column)] else { continue }
                let previous = before[column]
                let changed = previous != cell.vote
                if let previous {
                    oldColumns.append(column)
                    oldValues.append(-previous)
                    oldChanged.append(changed)
                }
                newColumns.append(column)
                newValues.append(-cell.vote)
                newChanged.append(changed)
            }
            statistics.remove(columns: oldColumns, values: oldValues, touching: oldChanged)
            statistics.add(columns: newColumns, values: newValues, touching: newChanged)
            rowStart.append(columns.count)
        }
        copyUnchanged(upTo: matrix.participantCount)
        let old = (matrix, times)
        matrix = VoteMatrix(participants: participants, statements: matrix.statements, rowStart: rowStart,
                            cellColumns: columns, cellVotes: values, votedColumns: voted)
        times = cellTimes
        (spareColumns, spareVotes, spareTimes) = (old.0.cellColumns, old.0.cellVotes, old.1)
        let pca = PrincipalComponentAnalysis.compute(statistics, start: map.state.components, seed: parameters.seed,
                                                     progress: progress)
        map = OpinionMapEngine.compute(matrix: matrix, pca: pca, parameters: parameters, previous: map.state, progress: progress)
        return map
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
        for vote in votes { builder.append(vote) }
        self = OpinionMapUpdater(builder: builder, parameters: parameters, previous: map.state)
    }
}
