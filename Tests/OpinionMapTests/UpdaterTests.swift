@testable import OpinionMap
import Testing

@Suite struct UpdaterTests {
    /// A conversation in two halves, the second with re-votes (changed and repeated), late votes older than the
    /// stored ones, and newcomers.
    static func halves() -> (statements: [Statement], first: [VoteRecord], second: [VoteRecord]) {
        let (statements, votes) = SyntheticConversation.make(participants: 400, statements: 40, votes: 6_000, seed: 5)
        let first = Array(votes.prefix(4_000))
        var second = Array(votes.dropFirst(4_000))
        var generator = SplitMix64(seed: 11)
        for vote in first.shuffled(using: &generator).prefix(300) {
            let recast = Vote(rawValue: Int8.random(in: -1...1, using: &generator))!
            second.append(VoteRecord(participant: vote.participant, statement: vote.statement, vote: recast, timestamp: vote.timestamp + 50_000))
        }
        for vote in first.prefix(100) {   // older than what is stored: must lose
            second.append(VoteRecord(participant: vote.participant, statement: vote.statement,
                                     vote: vote.vote == .agree ? .disagree : .agree, timestamp: vote.timestamp - 1))
        }
        return (statements, first, second.shuffled(using: &generator))
    }

    @Test func anUpdateEqualsAFullRecomputeFromTheSameState() {
        let (statements, first, second) = Self.halves()
        var updater = OpinionMapUpdater(statements: statements, votes: first)
        let before = updater.map
        let updated = updater.update(with: second)
        let full = OpinionMapEngine.compute(statements: statements, votes: first + second, previous: before.state)
        #expect(updated.participants == full.participants)
        #expect(updated.groupOfRow == full.groupOfRow)
        #expect(updated.inConversation == full.inConversation)
        #expect(updated.consensus == full.consensus)
        #expect(updated.representative.map { $0.map(\.column) } == full.representative.map { $0.map(\.column) })
        for (a, b) in zip(updated.positions, full.positions) {
            #expect(abs(a.x - b.x) < 1e-7 && abs(a.y - b.y) < 1e-7)
        }
    }

    @Test func thePairStatisticsAfterAnUpdateAreThoseOfTheNewMatrix() {
        let (statements, first, second) = Self.halves()
        var updater = OpinionMapUpdater(statements: statements, votes: first)
        updater.update(with: second)
        let rebuilt = CovarianceStatistics(VoteMatrix(statements: statements, votes: first + second))
        let fresh = OpinionMapEngine.compute(statements: statements, votes: first + second)
        #expect(updater.pairStatistics.sums == rebuilt.sums)
        #expect(updater.map.pca.center == rebuilt.center)
        #expect(updater.map.participants == fresh.participants)
    }

    @Test func manySmallUpdatesKeepTheMatrixOfAllTheVotes() {
        // Forty updates: rows rewritten again and again after the others, the arrays compacted when full.
        let (statements, first, second) = Self.halves()
        var updater = OpinionMapUpdater(statements: statements, votes: first)
        var index = 0
        while index < second.count {
            updater.update(with: Array(second[index..<min(index + 60, second.count)]))
            index += 60
        }
        let fresh = VoteMatrix(statements: statements, votes: first + second)
        let kept = updater.voteMatrix
        // Rows come in order of arrival across the updates (the shuffled votes bring some participants later than a
        // single build would place them), so rows are compared by participant.
        #expect(Set(kept.participants) == Set(fresh.participants))
        #expect(kept.participantCount == fresh.participantCount)
        #expect(kept.voteCount == fresh.voteCount)
        #expect(kept.votedColumns == fresh.votedColumns)
        let freshRow = Dictionary(uniqueKeysWithValues: fresh.participants.enumerated().map { ($1, $0) })
        for row in 0..<kept.participantCount {
            let other = freshRow[kept.participants[row]] ?? 0
            #expect(kept.votes(inRow: row).map(\.column) == fresh.votes(inRow: other).map(\.column), "row \(row)")
            #expect(kept.votes(inRow: row).map(\.vote) == fresh.votes(inRow: other).map(\.vote), "row \(row)")
        }
        #expect(updater.pairStatistics.sums == CovarianceStatistics(fresh).sums)
    }

    @Test func moderationAndNewStatementsRebuildTheMap() {
        let (statements, first, second) = Self.halves()
        var updater = OpinionMapUpdater(statements: statements, votes: first)
        var moderated = statements
        moderated[3].isModeratedOut = true
        let newStatement = VoteRecord(participant: "0", statement: 999, vote: .agree, timestamp: 9_999_999)
        let updated = updater.update(with: second + [newStatement], statements: moderated)
        let full = OpinionMapEngine.compute(statements: moderated, votes: first + second + [newStatement])
        #expect(updated.statements.map(\.id) == full.statements.map(\.id))
        #expect(updated.pca.center == full.pca.center)
        #expect(updated.pca.center[3] == 0)
        #expect(updated.participants == full.participants)
    }

    @Test func aReplayThroughTheUpdaterEndsWithEveryVote() {
        let (statements, first, second) = Self.halves()
        let replayed = OpinionMapEngine.replay(statements: statements, votes: first + second, every: 500)
        let full = OpinionMapEngine.compute(statements: statements, votes: first + second)
        #expect(replayed.participants.count == full.participants.count)
        #expect(Set(replayed.participants) == Set(full.participants))
        #expect(replayed.pca.center == full.pca.center)
    }
}

@Suite struct ProgressTests {
    final class Recorder: @unchecked Sendable {
        var events: [(String, Double)] = []
        func record(_ stage: String, _ fraction: Double) { events.append((stage, fraction)) }
    }

    @Test func aFullRecomputeReportsEveryStageInOrder() {
        let (statements, votes) = SyntheticConversation.make(participants: 500, statements: 30, votes: 10_000, seed: 8)
        let recorder = Recorder()
        _ = OpinionMapEngine.compute(matrix: VoteMatrix(statements: statements, votes: votes), progress: recorder.record)
        var stages: [String] = []
        for (stage, _) in recorder.events where stages.last != stage { stages.append(stage) }
        #expect(stages == ["pair statistics", "principal components", "projection", "base clusters", "opinion groups", "statements"])
        #expect(recorder.events.allSatisfy { $0.1 >= 0 && $0.1 <= 1 })
    }
}
