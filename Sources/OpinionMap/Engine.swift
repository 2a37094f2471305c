import Foundation

/// Computes the opinion map of a conversation, following the Polis method step by step.
public enum OpinionMapEngine {
    /// A full computation, warm-started from `previous` when given (what an update does).
    public static func compute(statements: [Statement], votes: [VoteRecord], parameters: OpinionMapParameters = .init(),
                               previous: OpinionMapState? = nil) -> OpinionMap {
        let matrix = VoteMatrix(statements: statements, votes: votes)
        return compute(matrix: matrix, parameters: parameters, previous: previous)
    }

    public static func compute(matrix: VoteMatrix, parameters: OpinionMapParameters = .init(),
                               previous: OpinionMapState? = nil, progress: OpinionMapProgress? = nil) -> OpinionMap {
        let pca = PrincipalComponentAnalysis.prefersStatistics(matrix)
            ? PrincipalComponentAnalysis.compute(CovarianceStatistics(matrix, progress: progress), start: previous?.components,
                                                 seed: parameters.seed, threads: parameters.threads, progress: progress)
            : PrincipalComponentAnalysis.compute(matrix, start: previous?.components, seed: parameters.seed,
                                                 threads: parameters.threads, progress: progress)
        return compute(matrix: matrix, pca: pca, parameters: parameters, previous: previous, progress: progress)
    }

    /// The map from the matrix and its principal components (which an update finds from the statistics it keeps).
    static func compute(matrix: VoteMatrix, pca: PrincipalComponents, parameters: OpinionMapParameters,
                        previous: OpinionMapState?, progress: OpinionMapProgress? = nil) -> OpinionMap {
        var state = previous ?? OpinionMapState()
        let columns = matrix.statementCount
        let excluded = matrix.excludedColumns

        // 1. Who is clustered: enough votes, at least 15 people, and once in, always in. Anyone with
        // `minimumVotes` votes is in anyway (votes are never taken away), so only the others are remembered.
        let counts = matrix.voteCounts
        let voted = matrix.votedColumns
        let votedCount = voted.reduce(0) { $0 + ($1 ? 1 : 0) }
        let threshold = min(parameters.minimumVotes, votedCount)
        var isIncluded = counts.map { $0 >= threshold }
        if !state.included.isEmpty {
            for row in 0..<matrix.participantCount where !isIncluded[row] && state.included.contains(matrix.participants[row]) {
                isIncluded[row] = true
            }
        }
        var includedCount = isIncluded.reduce(0) { $0 + ($1 ? 1 : 0) }
        if includedCount < parameters.minimumParticipants {
            let byVotes = matrix.participants.indices.sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
            for row in byVotes where includedCount < parameters.minimumParticipants && counts[row] > 0 && !isIncluded[row] {
                isIncluded[row] = true
                includedCount += 1
            }
        }
        let inConversation = isIncluded.indices.filter { isIncluded[$0] }
        for row in inConversation where counts[row] < parameters.minimumVotes { state.included.insert(matrix.participants[row]) }

        // 2. PCA (computed by the caller, warm-started from the previous components).
        state.components = pca.components

        // 3. Sparsity-aware projection of every participant.
        progress?("projection", 0)
        let positions = project(matrix, pca: pca, excluded: excluded, voted: voted, votedCount: votedCount,
                                threads: parameters.threads)

        // 4. Base clusters on the included participants, then groups on the base centres.
        let points = inConversation.map { positions[$0] }
        let start = baseStart(state: state, matrix: matrix, inConversation: inConversation)
        let (found, baseIDs) = KMeans.run(points: points, k: parameters.baseK, maxIterations: parameters.baseIterations,
                                          start: start, threads: parameters.threads,
                                          progress: progress.map { report in { report("base clusters", $0) } })
        let base = found.map { Cluster(center: $0.center, members: $0.members.map { inConversation[$0] }) }
        state.baseClusters = StoredClustering(ids: baseIDs, members: base.map(\.members))
        state.participants = matrix.participants

        progress?("opinion groups", 0)
        let centers = base.map(\.center)
        let weights = base.map { Double($0.members.count) }
        let indexOfBase = Dictionary(uniqueKeysWithValues: baseIDs.enumerated().map { ($1, $0) })
        var candidates: [Int: [Cluster]] = [:]
        var silhouettes: [Int: Double] = [:]
        let maxK = min(parameters.maxK, 2 + base.count / 12)
        let distances = KMeans.PairwiseDistances(centers)
        if base.count >= 2 {
            for k in 2...max(2, maxK) where k <= base.count {
                // Warm start from the last clustering with this k, its members being base-cluster identifiers.
                let previous = state.groupClusterings[k].map { stored in
                    KMeans.Start(ids: stored.ids, members: stored.members.map { $0.compactMap { indexOfBase[$0] } })
                }
                let (clusters, ids) = KMeans.run(points: centers, weights: weights, k: k, maxIterations: parameters.groupIterations,
                                                 start: previous)
                candidates[k] = clusters
                state.groupClusterings[k] = StoredClustering(ids: ids, members: clusters.map { $0.members.map { baseIDs[$0] } })
                silhouettes[k] = KMeans.silhouette(distances: distances, clusters: clusters)
            }
        }
        // The best silhouette; on a tie the larger k (Polis's max-key keeps the last of 2...5).
        let best = silhouettes.max { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }?.key
        let k = smoothedK(best: best, state: &state, buffer: parameters.kBuffer)
        // Each group's participants in row order, from the base clusters it holds (one pass over the rows, no sort).
        var groupOfRow = [Int?](repeating: nil, count: matrix.participantCount)
        let groupClusters: [Cluster]
        if let chosen = k.flatMap({ candidates[$0] }) {
            var sizes = [Int](repeating: 0, count: chosen.count)
            for (g, group) in chosen.enumerated() {
                for b in group.members {
                    for row in base[b].members { groupOfRow[row] = g }
                    sizes[g] += base[b].members.count
                }
            }
            var members = sizes.map { size -> [Int] in
                var list: [Int] = []
                list.reserveCapacity(size)
                return list
            }
            for (row, g) in groupOfRow.enumerated() { if let g { members[g].append(row) } }
            groupClusters = zip(chosen, members).map { Cluster(center: $0.center, members: $1) }
        } else {
            groupClusters = base.isEmpty ? [] : [Cluster(center: Point(0, 0), members: inConversation)]
            for group in groupClusters { for row in group.members { groupOfRow[row] = 0 } }
        }

        progress?("statements", 0)
        // 5. Tallies per group and overall; representative and consensus statements.
        let (groupTallies, everyone) = tallies(matrix, groupOfRow: groupOfRow, groupCount: groupClusters.count,
                                               threads: parameters.threads)
        let representative = groupTallies.indices.map { g in
            selectRepresentative(group: groupTallies[g], others: groupTallies.indices.filter { $0 != g }.map { groupTallies[$0] },
                                 excluded: excluded)
        }
        let consensus = selectConsensus(everyone, excluded: excluded)
        let informed = (0..<columns).map { column in groupTallies.reduce(1.0) { $0 * agreementRate($1[column]) } }
        var divisive: [DivisiveStatement] = []
        if groupTallies.count > 1 {
            for column in 0..<columns where !excluded.contains(column) {
                let rates = groupTallies.map { agreementRate($0[column]) }
                divisive.append(DivisiveStatement(column: column, spread: rates.max()! - rates.min()!))
            }
        }
        divisive.sort { $0.spread != $1.spread ? $0.spread > $1.spread : $0.column < $1.column }

        // 6. Priorities from the previous update's group votes (as Polis does), extremity from this PCA.
        let extremity = statementExtremity(pca, columns: columns, votedCount: votedCount)
        let basis = state.previousGroupVotes ?? groupTallies
        let priorities = (0..<columns).map { column -> Double in
            if matrix.statements[column].isMeta { return 49 }
            var a = 0, d = 0, s = 0
            for group in basis where column < group.count { a += group[column].agree; d += group[column].disagree; s += group[column].seen }
            let passes = Double(s - (a + d))
            let seen = Double(s + 2)
            let notPassed: Double = 1 - (passes + 1) / seen
            let agreement: Double = Double(a + 1) / seen
            let importance: Double = notPassed * (extremity[column] + 1) * agreement
            let novelty: Double = 1 + 8 * pow(2, -Double(s) / 5)
            let priority = importance * novelty
            return priority * priority
        }
        state.previousGroupVotes = groupTallies

        return OpinionMap(
            participants: matrix.participants, statements: matrix.statements, pca: pca, positions: positions,
            inConversation: inConversation, baseClusters: base, groups: groupClusters, groupOfRow: groupOfRow,
            silhouettes: silhouettes, representative: representative, consensus: consensus,
            groupInformedConsensus: informed, divisive: divisive, priorities: priorities, state: state)
    }

    /// The previous base clusters as a warm start: their members mapped to today's clustered points (members no longer
    /// clustered are left out, as Polis's `safe-rowname-subset` does).
    static func baseStart(state: OpinionMapState, matrix: VoteMatrix, inConversation: [Int]) -> KMeans.Start? {
        guard let previous = state.baseClusters, !previous.members.isEmpty else { return nil }
        var pointOfRow = [Int](repeating: -1, count: matrix.participantCount)
        for (point, row) in inConversation.enumerated() { pointOfRow[row] = point }
        let rowOfPrevious: (Int) -> Int?
        let old = state.participants
        if old.count <= matrix.participantCount, old.elementsEqual(matrix.participants.prefix(old.count)) {
            rowOfPrevious = { $0 }   // rows only appended since (an update): the same numbering
        } else {
            let rowOf = Dictionary(matrix.participants.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            rowOfPrevious = { $0 < old.count ? rowOf[old[$0]] : nil }
        }
        return KMeans.Start(ids: previous.ids, members: previous.members.map { members in
            members.compactMap { rowOfPrevious($0).flatMap { pointOfRow[$0] >= 0 ? pointOfRow[$0] : nil } }
        })
    }

    /// (A + 1) / (S + 2): the smoothed share of agreement.
    static func agreementRate(_ tally: StatementTally) -> Double {
        Double(tally.agree + 1) / Double(tally.seen + 2)
    }

    /// The displayed k moves only when a new best k has won `buffer` updates in a row.
    static func smoothedK(best: Int?, state: inout OpinionMapState, buffer: Int) -> Int? {
        guard let best else { return state.displayedK }
        guard let displayed = state.displayedK else {
            state.displayedK = best
            return best
        }
        if best == displayed {
            state.candidateK = nil
            state.candidateWins = 0
        } else if best == state.candidateK {
            state.candidateWins += 1
        } else {
            state.candidateK = best
            state.candidateWins = 1
        }
        if state.candidateWins >= buffer, let candidate = state.candidateK {
            state.displayedK = candidate
            state.candidateK = nil
            state.candidateWins = 0
        }
        return state.displayedK
    }

    /// p_k = Σ over voted cells (x − centre)·pc_k, scaled by √(statements voted on / votes); excluded statements
    /// voted on count as (zero) votes for everyone, as in Polis.
    static func project(_ matrix: VoteMatrix, pca: PrincipalComponents, excluded: Set<Int>, voted: [Bool], votedCount: Int,
                        threads: Int = 1) -> [Point] {
        let columns = Double(votedCount)
        let excludedVoted = excluded.reduce(0) { $0 + (voted[$1] ? 1 : 0) }
        // Per column and export vote v: (−v − centre)·pc for both components (internal sign), zero when excluded.
        let mask = matrix.exclusionMask
        var weights = [SIMD2<Double>](repeating: .zero, count: matrix.statementCount * 3)
        for column in 0..<matrix.statementCount where !excluded.contains(column) {
            for vote in -1...1 {
                let value = -Double(vote) - pca.center[column]
                weights[column * 3 + vote + 1] = SIMD2(value * pca.components[0][column], value * pca.components[1][column])
            }
        }
        var positions = [Point](repeating: Point(0, 0), count: matrix.participantCount)
        weights.withUnsafeBufferPointer { weights in
            matrix.cellColumns.withUnsafeBufferPointer { columnsOf in
                matrix.cellVotes.withUnsafeBufferPointer { votes in
                    mask.withUnsafeBufferPointer { mask in
                        positions.withUnsafeMutableBufferPointer { positions in
                            let shared = SharedRows(matrix: matrix, weights: weights, columns: columnsOf, votes: votes,
                                                    mask: mask, output: SharedBuffer(base: positions.baseAddress!))
                            Halves.run(rows: matrix.participantCount, work: matrix.voteCount, threads: threads) { rows, _ in
                                for row in rows {
                                    var sum = SIMD2<Double>.zero
                                    // Excluded statements count as (zero) votes for everyone, as in Polis.
                                    var n = excludedVoted
                                    for cell in shared.matrix.cells(ofRow: row) {
                                        let column = Int(shared.columns[cell])
                                        sum += shared.weights[column * 3 + Int(shared.votes[cell]) + 1]
                                        if !shared.mask[column] { n += 1 }
                                    }
                                    let scale = (columns / Double(max(n, 1))).squareRoot()
                                    shared.output.base[row] = Point(sum.x * scale, sum.y * scale)
                                }
                            }
                        }
                    }
                }
            }
        }
        return positions
    }

    /// Distance from the origin of a virtual participant who only agreed with the statement.
    static func statementExtremity(_ pca: PrincipalComponents, columns: Int, votedCount: Int) -> [Double] {
        let scale = Double(votedCount).squareRoot()
        return (0..<columns).map { column in
            let value = -1 - pca.center[column]
            let x = value * pca.components[0][column] * scale
            let y = value * pca.components[1][column] * scale
            return (x * x + y * y).squareRoot()
        }
    }

    /// Agree, disagree and seen counts per statement for each group and for everyone, in one pass over the votes.
    static func tallies(_ matrix: VoteMatrix, groupOfRow: [Int?], groupCount: Int,
                        threads: Int = 1) -> (groups: [[StatementTally]], everyone: [StatementTally]) {
        let columns = matrix.statementCount
        // Counts as (agree, disagree, seen) per (group, or no group: the last block) × column; everyone's are the sum
        // of the blocks. Each half of the rows counts into a table of its own; the tables are added (whole numbers:
        // the same in any order).
        let size = (groupCount + 1) * columns
        var counts = [SIMD4<Int32>](repeating: .zero, count: 2 * size)
        let blockOfRow = groupOfRow.map { Int32(($0 ?? groupCount) * columns) }
        counts.withUnsafeMutableBufferPointer { counts in
            matrix.cellColumns.withUnsafeBufferPointer { columnsOf in
                matrix.cellVotes.withUnsafeBufferPointer { votes in
                    blockOfRow.withUnsafeBufferPointer { blockOfRow in
                        let shared = SharedTally(matrix: matrix, columns: columnsOf, votes: votes, blockOfRow: blockOfRow,
                                                 counts: SharedBuffer(base: counts.baseAddress!))
                        let parts = Halves.run(rows: matrix.participantCount, work: matrix.voteCount, threads: threads) { rows, part in
                            // Export votes -1, 0, 1 (disagree, pass, agree) as their (agree, disagree, seen) steps.
                            // (A table, not a branch: votes come in no predictable order.)
                            let steps: [SIMD4<Int32>] = [SIMD4(0, 1, 1, 0), SIMD4(0, 0, 1, 0), SIMD4(1, 0, 1, 0)]
                            let table = shared.counts.base + part * size
                            steps.withUnsafeBufferPointer { steps in
                                for row in rows {
                                    let block = table + Int(shared.blockOfRow[row])
                                    for cell in shared.matrix.cells(ofRow: row) {
                                        block[Int(shared.columns[cell])] &+= steps[Int(shared.votes[cell]) &+ 1]
                                    }
                                }
                            }
                        }
                        if parts == 2 { for index in 0..<size { counts[index] &+= counts[size + index] } }
                    }
                }
            }
        }
        var blocks = (0..<groupCount).map { g in
            (0..<columns).map { column in
                let c = counts[g * columns + column]
                return StatementTally(agree: Int(c.x), disagree: Int(c.y), seen: Int(c.z))
            }
        }
        blocks.append((0..<columns).map { column in
            var c = SIMD4<Int32>.zero
            for g in 0...groupCount { c &+= counts[g * columns + column] }
            return StatementTally(agree: Int(c.x), disagree: Int(c.y), seen: Int(c.z))
        })
        return (Array(blocks.prefix(groupCount)), blocks[groupCount])
    }

    /// Polis `select-rep-comments`: the statements that pass the tests, by metric, behind the group's best-agree
    /// statement (always first, even when it does not pass), five at most, agrees before disagrees; when none
    /// passes, the best-agree statement, or else the one with the strongest test.
    static func selectRepresentative(group: [StatementTally], others: [[StatementTally]], excluded: Set<Int>) -> [RepresentativeStatement] {
        var sufficient: [RepresentativeStatement] = []
        var best: Statistics.Comparison?
        var bestAgree: Statistics.Comparison?
        for column in group.indices where !excluded.contains(column) {
            var rest = StatementTally()
            for other in others { rest.agree += other[column].agree; rest.disagree += other[column].disagree; rest.seen += other[column].seen }
            let comparison = Statistics.comparison(group: group[column], rest: rest, column: column)
            if comparison.passes { sufficient.append(comparison.statement) }
            if sufficient.isEmpty, best.map({ comparison.strength > $0.strength }) ?? true { best = comparison }
            if comparison.beatsBestAgree(bestAgree) { bestAgree = comparison }
        }
        let head = bestAgree?.statement
        guard !sufficient.isEmpty else { return [head ?? best?.statement].compactMap { $0 } }
        var ordered = sufficient.filter { $0.column != head?.column }
            .sorted { $0.metric != $1.metric ? $0.metric > $1.metric : $0.column < $1.column }
        if let head { ordered.insert(head, at: 0) }
        let top = Array(ordered.prefix(5))
        return top.filter { $0.direction == .agree } + top.filter { $0.direction == .disagree }
    }

    static func selectConsensus(_ tally: [StatementTally], excluded: Set<Int>) -> Consensus {
        var agree: [(Int, Double)] = []
        var disagree: [(Int, Double)] = []
        for column in tally.indices where !excluded.contains(column) {
            let t = tally[column]
            let pa = Double(t.agree + 1) / Double(t.seen + 2)
            let pd = Double(t.disagree + 1) / Double(t.seen + 2)
            let pat = Statistics.proportionTest(t.agree, t.seen)
            let pdt = Statistics.proportionTest(t.disagree, t.seen)
            if pa > 0.5 && Statistics.significant(pat) { agree.append((column, pa * pat)) }
            if pd > 0.5 && Statistics.significant(pdt) { disagree.append((column, pd * pdt)) }
        }
        func top(_ list: [(Int, Double)]) -> [Int] {
            list.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(5).map(\.0)
        }
        return Consensus(agree: top(agree), disagree: top(disagree))
    }
}

/// The buffers of a pass over the vote matrix's rows shared by the workers of `Halves` (each writes only the output of
/// its own rows).
private struct SharedRows: @unchecked Sendable {
    let matrix: VoteMatrix
    let weights: UnsafeBufferPointer<SIMD2<Double>>
    let columns: UnsafeBufferPointer<Int32>
    let votes: UnsafeBufferPointer<Int8>
    let mask: UnsafeBufferPointer<Bool>
    let output: SharedBuffer<Point>
}

/// The buffers of the tallies shared by the workers of `Halves` (each counts into its own table).
private struct SharedTally: @unchecked Sendable {
    let matrix: VoteMatrix
    let columns: UnsafeBufferPointer<Int32>
    let votes: UnsafeBufferPointer<Int8>
    let blockOfRow: UnsafeBufferPointer<Int32>
    let counts: SharedBuffer<SIMD4<Int32>>
}
