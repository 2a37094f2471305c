import Foundation
import HemicycleDomain
import SQLKit
import Storage
import Testing
import TestSupport

/// Votes stored many to a transaction: each vote keeps its own outcome, checked against the store in that transaction.
@Suite struct ConsultationVoteRecorderTests {
    static let now = TestClock.start.timeIntervalSince1970

    static func definition(participation: String = "anyone", modules: Int = 1, closesAt: Double = now + 86_400) -> ConsultationDefinition {
        ConsultationDefinition(title: LocalizedText(fr: "Consultation", ar: nil, en: nil), description: LocalizedText(), workID: nil,
                               languages: ["fr"], modules: modules, participation: participation, moderation: "before",
                               opensAt: now - 3_600, closesAt: closesAt)
    }

    @Test(arguments: TestDatabase.kinds)
    func eachVoteOfABatchIsCheckedOnItsOwn(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            let fixture = try await CouncilStructureTests.fixture(database)
            let consultations = ConsultationRepository(database: database)
            let statements = ConsultationStatementRepository(database: database)
            let now = Self.now
            let open = try await consultations.create(councilID: fixture.france, Self.definition(), at: now)
            let other = try await consultations.create(councilID: fixture.france, Self.definition(), at: now)
            let first = try await statements.add(consultationID: open, councilID: fixture.france, text: "Un", participantID: nil, at: now)
            let second = try await statements.add(consultationID: open, councilID: fixture.france, text: "Deux", participantID: nil, at: now)
            let elsewhere = try await statements.add(consultationID: other, councilID: fixture.france, text: "Ailleurs", participantID: nil, at: now)
            try await consultations.publish(id: open, councilID: fixture.france)
            try await consultations.publish(id: other, councilID: fixture.france)
            let alice = try await statements.participant(consultationID: open, cookieDigest: "alice", accountID: nil, at: now)
            let bob = try await statements.participant(consultationID: open, cookieDigest: "bob", accountID: nil, at: now)
            let stranger = try await statements.participant(consultationID: other, cookieDigest: "alice", accountID: nil, at: now)
            // A participant's statement waiting for the moderator.
            let pending = try await statements.add(consultationID: open, councilID: fixture.france, text: "En attente", participantID: alice, at: now)
            func vote(_ statement: Int64, _ participant: Int64, _ value: Int, consultation: Int64? = nil, council: Int64? = nil,
                      participation: String = "anyone", requirements: String? = nil, at: Double = now) -> CastVote {
                CastVote(statementID: statement, consultationID: consultation ?? open, councilID: council ?? fixture.france, participantID: participant,
                         vote: value, participation: participation,
                         requirements: requirements ?? ConsultationRecord.requirementsKey(minimumAge: nil, residences: nil, councilList: false), at: at)
            }
            let recorder = ConsultationVoteRecorder(database: database)
            let outcomes = try await recorder.record([
                vote(first, alice, 1),
                vote(first, alice, -1),  // changes her mind in the same batch: the last counts, both are logged
                vote(second, bob, 0),
                vote(elsewhere, alice, 1),  // another consultation's statement
                vote(first, stranger, 1),  // another consultation's participant
                vote(first, bob, 1, council: fixture.morocco),  // another council
                vote(pending, bob, 1),  // not shown
                vote(999_999, bob, 1),  // no such statement
                vote(second, alice, 1, participation: "verified_email"),  // admitted under a rule the consultation does not have
                vote(second, alice, 1, at: now + 2 * 86_400),  // after the closing
                vote(second, alice, 1, requirements: "16|false|"),  // admitted under requirements the consultation no longer has
            ])
            #expect(outcomes == [.stored, .stored, .stored, .notFound, .notFound, .notFound, .notFound, .notFound, .stateChanged, .stateChanged,
                                 .stateChanged])
            #expect(try await statements.votes(consultationID: open, participantID: alice) == [first: -1])
            #expect(try await statements.votes(consultationID: open, participantID: bob) == [second: 0])
            #expect(try await statements.voteLog(consultationID: open).map(\.vote) == [1, -1, 0])
            #expect(try await statements.voteLog(consultationID: other).isEmpty)
            // A later batch replaces a current vote and logs it; an older vote written late does not replace a newer one.
            #expect(try await recorder.record([vote(first, alice, 1, at: now - 10)]) == [.stored])
            #expect(try await statements.votes(consultationID: open, participantID: alice) == [first: -1])
            #expect(try await recorder.record([vote(first, alice, 0)]) == [.stored])
            #expect(try await statements.votes(consultationID: open, participantID: alice) == [first: 0])
            #expect(try await statements.counts(consultationID: open).votes == 2)
            #expect(try await statements.voteLog(consultationID: open).count == 5)
            // Without the statements module, nothing is taken.
            try await consultations.update(id: open, councilID: fixture.france, Self.definition(modules: 2))
            #expect(try await recorder.record([vote(second, bob, 1)]) == [.notFound])
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aBatchAsLargeAsTheLimitIsOneTransaction(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            let fixture = try await CouncilStructureTests.fixture(database)
            let consultations = ConsultationRepository(database: database)
            let statements = ConsultationStatementRepository(database: database)
            let now = Self.now
            let id = try await consultations.create(councilID: fixture.france, Self.definition(), at: now)
            var ids: [Int64] = []
            for number in 0..<32 { ids.append(try await statements.add(consultationID: id, councilID: fixture.france, text: "S\(number)", participantID: nil, at: now)) }
            try await consultations.publish(id: id, councilID: fixture.france)
            var participants: [Int64] = []
            for number in 0..<32 { participants.append(try await statements.participant(consultationID: id, cookieDigest: "p\(number)", accountID: nil, at: now)) }
            let votes = (0..<ConsultationVoteRecorder.batchLimit).map { index in
                CastVote(statementID: ids[index % 32], consultationID: id, councilID: fixture.france, participantID: participants[index / 32],
                         vote: index % 3 - 1, participation: "anyone",
                         requirements: ConsultationRecord.requirementsKey(minimumAge: nil, residences: nil, councilList: false), at: now)
            }
            #expect(try await ConsultationVoteRecorder(database: database).record(votes).allSatisfy { $0 == .stored })
            #expect(try await statements.counts(consultationID: id) == (participants: 32, votes: 1_024))
        }
    }
}
