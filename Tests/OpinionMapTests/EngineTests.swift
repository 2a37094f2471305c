@testable import OpinionMap
import Testing

@Suite struct EngineTests {
    /// Two camps of 20 people who answer 12 statements oppositely, and 4 statements everyone agrees with.
    static func twoCamps(seed: UInt64 = 1) -> (statements: [Statement], votes: [VoteRecord]) {
        var generator = SplitMix64(seed: seed)
        let statements = (0..<16).map { Statement(id: $0) }
        var votes: [VoteRecord] = []
        var time: Int64 = 0
        for person in 0..<40 {
            let camp = person < 20
            for statement in 0..<16 {
                time += 1
                if Int.random(in: 0..<10, using: &generator) == 0 { continue }  // some statements not seen
                let vote: Vote = statement >= 12 ? .agree : ((statement % 2 == 0) == camp ? .agree : .disagree)
                votes.append(VoteRecord(participant: "p\(person)", statement: statement, vote: vote, timestamp: time))
            }
        }
        return (statements, votes)
    }

    @Test func findsTwoCampsAndWhatUnitesThem() {
        let (statements, votes) = Self.twoCamps()
        let map = OpinionMapEngine.compute(statements: statements, votes: votes)
        #expect(map.groups.count == 2)
        let camp = Dictionary(uniqueKeysWithValues: map.participants.enumerated().map { ($1, map.groupOfRow[$0]) })
        let first = camp["p0"]!
        for person in 0..<40 { #expect((camp["p\(person)"]! == first) == (person < 20), "p\(person)") }
        #expect(Set(map.consensus.agree.map { map.statements[$0].id }).isSubset(of: [12, 13, 14, 15]))
        #expect(!map.consensus.agree.isEmpty)
        #expect(map.divisive.first.map { $0.column < 12 } == true)
        #expect(map.divisive.first!.spread > 0.5)
        for group in map.representative { #expect(!group.isEmpty) }
    }

    @Test func theOrderOfTheInputDoesNotMatter() {
        let (statements, votes) = Self.twoCamps()
        let a = OpinionMapEngine.compute(statements: statements, votes: votes)
        var generator = SplitMix64(seed: 99)
        let b = OpinionMapEngine.compute(statements: statements.shuffled(using: &generator), votes: votes.shuffled(using: &generator))
        #expect(a.participants == b.participants)
        #expect(a.groupOfRow == b.groupOfRow)
        #expect(a.consensus == b.consensus)
    }

    @Test func oneThreadOrTwoGiveTheSameMap() {
        // Large enough for every stage that may use two threads to do so.
        let (statements, votes) = SyntheticConversation.make(participants: 3_000, statements: 400, votes: 90_000, seed: 8)
        var one = OpinionMapParameters(), two = OpinionMapParameters()
        one.threads = 1
        two.threads = 2
        let a = OpinionMapEngine.compute(statements: statements, votes: votes, parameters: one)
        let b = OpinionMapEngine.compute(statements: statements, votes: votes, parameters: two)
        #expect(a.pca.components == b.pca.components)
        #expect(a.positions == b.positions)
        #expect(a.groupOfRow == b.groupOfRow)
        #expect(a.consensus == b.consensus)
        #expect(a.representative.map { $0.map(\.column) } == b.representative.map { $0.map(\.column) })
        // And an update of it, through the pair statistics.
        var first = OpinionMapUpdater(statements: statements, votes: Array(votes.prefix(80_000)), parameters: one)
        var second = OpinionMapUpdater(statements: statements, votes: Array(votes.prefix(80_000)), parameters: two)
        #expect(first.update(with: Array(votes.dropFirst(80_000))).positions == second.update(with: Array(votes.dropFirst(80_000))).positions)
    }

    @Test func recastingTheSameVoteChangesNothing() {
        let (statements, votes) = Self.twoCamps()
        let a = OpinionMapEngine.compute(statements: statements, votes: votes)
        let recast = votes + votes.prefix(30).map {
            VoteRecord(participant: $0.participant, statement: $0.statement, vote: $0.vote, timestamp: $0.timestamp + 1_000_000)
        }
        let b = OpinionMapEngine.compute(statements: statements, votes: recast)
        #expect(a.groupOfRow == b.groupOfRow)
        #expect(a.positions == b.positions)
    }

    @Test func votesAlreadyInMatrixOrderGiveTheSameMatrixWithoutSorting() {
        // Row by row, statements increasing: the direct path, whatever the order of the participants (here reversed);
        // one vote out of place (a participant seen before, statements not increasing) is refused. Both must agree.
        let (statements, votes) = Self.twoCamps()
        let sorted = VoteMatrix(statements: statements, votes: votes)
        var inOrder: [VoteRecord] = []
        for row in (0..<sorted.participantCount).reversed() {
            for (column, vote) in sorted.votes(inRow: row) {
                inOrder.append(VoteRecord(participant: sorted.participants[row], statement: sorted.statements[column].id,
                                          vote: vote, timestamp: Int64(row)))
            }
        }
        var direct = VoteMatrixBuilder(statements: statements)
        let fast = direct.matrix(ofVotesInOrder: inOrder)
        #expect(fast != nil)
        var builder = VoteMatrixBuilder(statements: statements)
        builder.append(contentsOf: inOrder)
        let built = builder.build()
        #expect(fast?.participants == built.participants)
        #expect(fast?.voteCounts == built.voteCounts)
        #expect(fast?.votedColumns == built.votedColumns)
        for row in 0..<built.participantCount {
            #expect(fast?.votes(inRow: row).map(\.column) == built.votes(inRow: row).map(\.column))
            #expect(fast?.votes(inRow: row).map(\.vote) == built.votes(inRow: row).map(\.vote))
        }
        for misplaced in [inOrder + [inOrder[0]], [inOrder[1], inOrder[0]] + inOrder.dropFirst(2)] {
            var again = VoteMatrixBuilder(statements: statements)
            #expect(again.matrix(ofVotesInOrder: misplaced) == nil)
        }
    }

    @Test func theLatestVoteWins() {
        let matrix = VoteMatrix(statements: [Statement(id: 1)], votes: [
            VoteRecord(participant: "a", statement: 1, vote: .disagree, timestamp: 20),
            VoteRecord(participant: "a", statement: 1, vote: .agree, timestamp: 10),
        ])
        #expect(matrix.votes(inRow: 0).map(\.vote) == [.disagree])
    }

    @Test func theDisplayedNumberOfGroupsChangesAfterFourWinsInARow() {
        var state = OpinionMapState()
        #expect(OpinionMapEngine.smoothedK(best: 2, state: &state, buffer: 4) == 2)
        for _ in 0..<3 { #expect(OpinionMapEngine.smoothedK(best: 3, state: &state, buffer: 4) == 2) }
        #expect(OpinionMapEngine.smoothedK(best: 3, state: &state, buffer: 4) == 3)
        #expect(OpinionMapEngine.smoothedK(best: 2, state: &state, buffer: 4) == 3)
        #expect(OpinionMapEngine.smoothedK(best: 3, state: &state, buffer: 4) == 3)
    }

    @Test func adjustedRandIndexOfKnownLabelings() {
        #expect(adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0]) == 1)
        #expect(abs(adjustedRandIndex([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]) - 0.2424) < 0.001)
    }
}

@Suite("Nearest centre search")
struct NearestCenterTests {
    @Test("the sorted search finds the same centre as a full scan, ties included", arguments: 0..<50)
    func sameAsFullScan(seed: Int) {
        var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 40 % 1000) / 100   // coarse values: many equal x and exact ties
        }
        let centers = (0..<(1 + seed % 40)).map { _ in Point(next(), next()) }
        let search = KMeans.NearestCenter(centers)
        for _ in 0..<200 {
            let point = Point(next(), next())
            var best = 0
            for c in centers.indices where point.squaredDistance(to: centers[c]) < point.squaredDistance(to: centers[best]) { best = c }
            #expect(search.index(of: point) == best)
        }
    }
}

@Suite("k-means through a tree of boxes or with bounds")
struct KMeansTreeTests {
    /// Plain Lloyd iterations with a full scan, Polis's rules (a countdown from maxIterations that stops after the step
    /// taken at zero, sorted centres compared): the reference both faster ways must equal.
    static func reference(points: [Point], weights: [Double]?, k: Int, maxIterations: Int) -> [Cluster] {
        var centers: [Point] = []
        for point in points where centers.count < k && !centers.contains(point) { centers.append(point) }
        var clusters: [Cluster] = []
        func sorted(_ list: [Point]) -> [Point] { list.sorted { $0.x != $1.x ? $0.x < $1.x : $0.y < $1.y } }
        for _ in 0...maxIterations {
            var members = [[Int]](repeating: [], count: centers.count)
            for (index, point) in points.enumerated() {
                var best = 0
                for c in centers.indices where point.squaredDistance(to: centers[c]) < point.squaredDistance(to: centers[best]) { best = c }
                members[best].append(index)
            }
            var next: [Cluster] = []
            for (c, list) in members.enumerated() where !list.isEmpty {
                var sx = 0.0, sy = 0.0, sw = 0.0
                for i in list { let w = weights?[i] ?? 1; sx += points[i].x * w; sy += points[i].y * w; sw += w }
                next.append(Cluster(center: sw > 0 ? Point(sx / sw, sy / sw) : centers[c], members: list))
            }
            let converged = zip(sorted(next.map(\.center)), sorted(centers)).allSatisfy { $0.distance(to: $1) < 0.01 }
            clusters = next
            centers = next.map(\.center)
            if converged { break }
        }
        return clusters
    }

    @Test("both ways of assigning give the clusters of plain Lloyd iterations", arguments: 0..<50)
    func sameAsLloyd(seed: Int) {
        var generator = SplitMix64(seed: UInt64(seed))
        let camps = [Point(-2, 0), Point(2, 1), Point(0, -2)]
        let points = (0..<(200 + seed * 20)).map { index -> Point in
            let camp = camps[index % 3]
            // From seed 30 on, points on a coarse grid: many identical points and centres at equal distances (ties).
            if seed >= 30 {
                return Point(camp.x + Double(Int.random(in: -3...3, using: &generator)) / 2,
                             camp.y + Double(Int.random(in: -3...3, using: &generator)) / 2)
            }
            return Point(camp.x + Double.random(in: -1.5...1.5, using: &generator), camp.y + Double.random(in: -1.5...1.5, using: &generator))
        }
        let weights: [Double]? = seed % 2 == 0 ? nil : points.indices.map { Double($0 % 5 + 1) }
        let k = [2, 5, 20, 100][seed % 4]
        let reference = Self.reference(points: points, weights: weights, k: k, maxIterations: 100)
        for useTree in [true, false] {
            let found = KMeans.run(points: points, weights: weights, k: k, maxIterations: 100, useTree: useTree).clusters
            // The same members exactly; the centres up to the order in which their sums were added.
            #expect(found.map(\.members) == reference.map(\.members), "tree: \(useTree)")
            #expect(found.count == reference.count)
            for (a, b) in zip(found, reference) { #expect(a.center.distance(to: b.center) < 1e-9) }
        }
    }
}

extension KMeansTreeTests {
    @Test("a large clustering is the same on one thread and on several")
    func theSameOnAnyNumberOfThreads() {
        var generator = SplitMix64(seed: 3)
        let points = (0..<(PointTree.parallelSize + 5_000)).map { _ in
            Point(Double.random(in: -4...4, using: &generator), Double.random(in: -3...3, using: &generator))
        }
        let one = KMeans.run(points: points, k: 100, maxIterations: 30, threads: 1)
        let two = KMeans.run(points: points, k: 100, maxIterations: 30, threads: 2)
        let four = KMeans.run(points: points, k: 100, maxIterations: 30, threads: 4)
        #expect(one.clusters == two.clusters)
        #expect(one.clusters == four.clusters)
        #expect(one.ids == two.ids)
        // With bounds instead of the tree, too (the points in two halves).
        let small = Array(points.prefix(3_000))
        let bounded = KMeans.run(points: small, k: 100, maxIterations: 30, threads: 1, useTree: false)
        #expect(bounded.clusters == KMeans.run(points: small, k: 100, maxIterations: 30, threads: 2, useTree: false).clusters)
        // And the members are those of plain Lloyd iterations.
        let reference = KMeansTreeTests.reference(points: points, weights: nil, k: 100, maxIterations: 30)
        #expect(one.clusters.map(\.members) == reference.map(\.members))
    }
}

@Suite("k-means warm start (Polis clean-start-clusters)")
struct KMeansWarmStartTests {
    @Test func previousMembersAreRecentredAndTheMostDistalPointsSplitOff() {
        // Two tight pairs and a far point; the previous clustering knew only the first pair and one absent member.
        let points = [Point(0, 0), Point(0, 1), Point(10, 0), Point(10, 1), Point(50, 50)]
        let start = KMeans.Start(ids: [7, 9], members: [[0, 1], []])
        let (centers, ids) = KMeans.cleanStart(points: points, weights: nil, k: 3, start: start)
        // Cluster 9 had no member left and is dropped; the far point (50, 50) splits off first as cluster 10,
        // then the pair at x = 10 (its second point, the later of two equally distant ones) as cluster 11.
        #expect(ids == [7, 10, 11])
        #expect(centers == [Point(0, 0.5), Point(50, 50), Point(10, 1)])
    }

    @Test func identicalCentresMergeUnderTheLargerCluster() {
        let points = [Point(1, 1), Point(1, 1), Point(1, 1), Point(5, 5)]
        let start = KMeans.Start(ids: [3, 4], members: [[0], [1, 2]])
        let (centers, ids) = KMeans.cleanStart(points: points, weights: nil, k: 2, start: start)
        #expect(ids == [4, 5])
        #expect(centers == [Point(1, 1), Point(5, 5)])
    }

    @Test func aWarmStartKeepsIdentifiersAndConvergesToTheSameClusters() {
        var generator = SplitMix64(seed: 3)
        let points = (0..<300).map { i in Point(Double(i % 3) * 10 + Double.random(in: -1...1, using: &generator), Double.random(in: -1...1, using: &generator)) }
        let cold = KMeans.run(points: points, k: 3, maxIterations: 100)
        let warm = KMeans.run(points: points, k: 3, maxIterations: 100,
                              start: KMeans.Start(ids: [5, 6, 7], members: cold.clusters.map(\.members)))
        #expect(warm.ids == [5, 6, 7])
        #expect(warm.clusters.map(\.members) == cold.clusters.map(\.members))
    }
}

@Suite("Silhouette of a clustering")
struct SilhouetteTests {
    @Test func twoTightGroupsFarApartAndASingleton() {
        let points = [Point(0, 0), Point(0, 1), Point(10, 0), Point(10, 1), Point(5, 20)]
        let distances = KMeans.PairwiseDistances(points)
        #expect(distances[0, 3] == 101.0.squareRoot())
        #expect(distances[2, 2] == 0)
        let two = [Cluster(center: Point(0, 0.5), members: [0, 1]), Cluster(center: Point(10, 0.5), members: [2, 3])]
        // Each point: a = 1 (its neighbour), b = (10 + √101) / 2 (the other pair); s = (b − a) / b.
        let b = (10 + 101.0.squareRoot()) / 2
        #expect(abs(KMeans.silhouette(distances: KMeans.PairwiseDistances(Array(points.prefix(4))), clusters: two) - (b - 1) / b) < 1e-12)
        // A singleton counts, scoring 0 (the others' nearest other cluster is still the other pair).
        let three = two + [Cluster(center: points[4], members: [4])]
        #expect(abs(KMeans.silhouette(distances: distances, clusters: three) - 0.8 * (b - 1) / b) < 1e-12)
        #expect(KMeans.silhouette(distances: distances, clusters: [Cluster(center: Point(5, 4), members: [0, 1, 2, 3, 4])]) == 0)
    }
}
