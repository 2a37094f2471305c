@testable import OpinionMap
import Testing

/// Replays by arrival order, for exports whose votes carry no time.
@Suite struct ArrivalReplayTests {
    @Test func votesComeInTheOrderParticipantsArrivedThenByStatement() {
        let votes = [
            VoteRecord(participant: "10", statement: 2, vote: .agree, timestamp: 0),
            VoteRecord(participant: "9", statement: 5, vote: .agree, timestamp: 0),
            VoteRecord(participant: "guest", statement: 0, vote: .pass, timestamp: 0),
            VoteRecord(participant: "10", statement: 1, vote: .disagree, timestamp: 0),
            VoteRecord(participant: "9", statement: 0, vote: .agree, timestamp: 0),
        ]
        let ordered = OpinionMapEngine.arrivalOrdered(votes)
        #expect(ordered.map { "\($0.participant)/\($0.statement)" } == ["9/0", "9/5", "10/1", "10/2", "guest/0"])
    }

    @Test func oneBatchOfEveryoneIsTheSingleRecomputeAndSmallerBatchesKeepEveryone() {
        // Participants of the two camps arrive alternately, with no time on their votes.
        let (statements, timed) = EngineTests.twoCamps()
        let votes = timed.map { VoteRecord(participant: $0.participant, statement: $0.statement, vote: $0.vote, timestamp: 0) }
        let people = Set(votes.map(\.participant)).count
        let single = OpinionMapEngine.compute(statements: statements, votes: votes)
        let oneBatch = OpinionMapEngine.replay(statements: statements, votes: votes, everyParticipants: people)
        #expect(oneBatch.groups.map(\.members.count).sorted() == single.groups.map(\.members.count).sorted())
        #expect(Set(oneBatch.participants) == Set(single.participants))
        var batches = 0
        let replayed = OpinionMapEngine.replay(statements: statements, votes: votes, everyParticipants: 5) { _, _ in batches += 1 }
        #expect(batches == (people + 4) / 5 - 1, "one update per five arrivals after the first")
        #expect(Set(replayed.participants) == Set(single.participants))
        #expect(replayed.groups.reduce(0) { $0 + $1.members.count } == replayed.inConversation.count)
    }
}
