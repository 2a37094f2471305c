import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Logging
import SQLKit
import Storage
import Testing
import TestSupport
@testable import Web

/// Citizen consultations: participants vote on one statement at a time and write their own, moderators decide, the
/// background worker draws the map, and the data goes out and comes back in the Polis format.
@Suite struct ConsultationTests {
    static func consultation(_ site: Site, _ slug: String) async throws -> (record: ConsultationRecord, url: String) {
        let council = try #require(try await site.councils.find(slug: slug))
        let record = try #require(try await ConsultationRepository(database: site.database).all(councilID: council.id, includeDrafts: false).first)
        return (record, "/\(slug)/consultations/\(record.id)")
    }

    /// The statement a participant's page offers next, with its vote form.
    static func next(_ page: String) -> String? {
        guard let range = page.range(of: #"action="/[a-z-]+/consultations/\d+/statements/\d+/vote""#, options: .regularExpression) else { return nil }
        return String(page[range].dropFirst(8).dropLast())
    }

    /// The signed time of a page's statement form.
    static func stamp(_ page: String) -> String? {
        guard let range = page.range(of: #"name="rendered_at" value="[^"]+""#, options: .regularExpression) else { return nil }
        return String(page[range].dropFirst(#"name="rendered_at" value=""#.count).dropLast())
    }

    static func worker(_ site: Site, name: String = "test-worker") -> ConsultationMapWorker {
        ConsultationMapWorker(database: site.database, clock: site.clock, logger: Logger(label: "test"), name: name)
    }

    @Test(arguments: TestDatabase.kinds)
    func citizensVoteOneStatementAtATimeAndTheWorkerDrawsTheMap(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let (record, url) = try await Self.consultation(site, "cese-fr")
            let statements = ConsultationStatementRepository(database: site.database)
            let shown = try await statements.statements(consultationID: record.id)
            #expect(shown.count == 6)
            // Eight visitors without accounts vote on every statement; the first changes their mind once.
            var visitors: [Visitor] = []
            for index in 0..<8 {
                let visitor = Visitor(client, acceptLanguage: "fr")
                var seen: [String] = []
                while let action = Self.next(try await visitor.get(url).text) {
                    #expect(!seen.contains(action), "a statement already voted on is offered again")
                    seen.append(action)
                    let vote = (index < 4) == (seen.count % 2 == 0) ? "1" : "-1"
                    #expect(try await visitor.post(action, [("vote", vote)]).status == .seeOther)
                }
                #expect(seen.count == 6)
                #expect(try await visitor.get(url).text.contains("Vous avez voté sur toutes les affirmations"))
                if index == 0 { #expect(try await visitor.post(seen[0], [("vote", "0")]).status == .seeOther) }
                visitors.append(visitor)
            }
            #expect(visitors[0].cookies[ParticipantCookie.name] != visitors[1].cookies[ParticipantCookie.name])
            // One current vote per participant and statement, every vote cast in the log.
            let counts = try await statements.counts(consultationID: record.id)
            #expect(counts.participants == 8 && counts.votes == 48)
            #expect(try await statements.voteLog(consultationID: record.id).count == 49)
            // The map is the worker's, never the request's: none before it runs.
            #expect(try await Visitor(client).get("\(url)/map").text.contains("La carte est dessinée dès"))
            let worker = Self.worker(site)
            let computed = try await worker.processAll()
            #expect(computed.contains(record.id))
            let map = try await Visitor(client, acceptLanguage: "fr").get("\(url)/map").text
            #expect(map.contains("<svg") && map.contains("8 participants ont voté ; votes exprimés : 48"))
            // Nothing new: the worker computes nothing; a new vote: only that consultation.
            #expect(try await worker.processAll().isEmpty)
            let ninth = Visitor(client)
            #expect(try await ninth.post(try #require(Self.next(try await ninth.get(url).text)), [("vote", "1")]).status == .seeOther)
            #expect(try await worker.processAll() == [record.id])
            #expect(try await Visitor(client, acceptLanguage: "fr").get("\(url)/map").text.contains("9 participants ont voté ; votes exprimés : 49"))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func badVotesAreRefusedAndStoreNothing(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let (record, url) = try await Self.consultation(site, "cese-fr")
            let (moroccan, _) = try await Self.consultation(site, "cese-ma")
            let statements = ConsultationStatementRepository(database: site.database)
            let first = try #require(try await statements.statements(consultationID: record.id).first)
            let foreign = try #require(try await statements.statements(consultationID: moroccan.id).first)
            let visitor = Visitor(client, acceptLanguage: "fr")
            _ = try await visitor.get(url)
            for value in ["2", "yes", ""] {
                #expect(try await visitor.post("\(url)/statements/\(first.id)/vote", [("vote", value)]).status == .unprocessableContent)
            }
            #expect(try await visitor.post("\(url)/statements/999999/vote", [("vote", "1")]).status == .notFound)
            // A statement of another consultation, through this one's address.
            #expect(try await visitor.post("\(url)/statements/\(foreign.id)/vote", [("vote", "1")]).status == .notFound)
            // A participant's statement waits for the moderator: nobody votes on it yet.
            let writer = Visitor(client)
            let rendered = try #require(Self.stamp(try await writer.get(url).text))
            try #require(site.clock as? TestClock).advance(by: 5)
            #expect(try await writer.post("\(url)/statements", [("text", "Une affirmation en attente."), ("rendered_at", rendered), ("website", "")])
                .status == .seeOther)
            let pending = try #require(try await statements.statements(consultationID: record.id).last)
            #expect(pending.moderation == 0 && pending.participantId != nil)
            #expect(try await visitor.post("\(url)/statements/\(pending.id)/vote", [("vote", "1")]).status == .notFound)
            #expect(!(try await visitor.get("\(url)/map").text.contains("Une affirmation en attente.")))
            #expect(try await statements.counts(consultationID: record.id).votes == 0)
            // Closed: the page says so and a vote is a conflict.
            try #require(site.clock as? TestClock).advance(by: 60 * 86_400)
            #expect(try await visitor.post("\(url)/statements/\(first.id)/vote", [("vote", "1")]).status == .conflict)
            #expect(try await visitor.get(url).text.contains("La consultation est close"))
            #expect(try await statements.voteLog(consultationID: record.id).isEmpty)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func oneVotePerParticipantAndStatementIsTheDatabasesRule(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let (record, url) = try await Self.consultation(site, "cese-fr")
            let visitor = Visitor(client)
            let action = try #require(Self.next(try await visitor.get(url).text))
            #expect(try await visitor.post(action, [("vote", "1")]).status == .seeOther)
            try await site.database.withSQL { sql in
                let row = try #require(try await sql.raw("SELECT statement_id, participant_id FROM consultation_votes").first())
                let statement = try row.decode(column: "statement_id", as: Int64.self)
                let participant = try row.decode(column: "participant_id", as: Int64.self)
                await #expect(throws: (any Error).self) {
                    try await sql.raw("""
                        INSERT INTO consultation_votes (statement_id, participant_id, vote, voted_at)
                        VALUES (\(bind: statement), \(bind: participant), -1, 0)
                        """).run()
                }
            }
            _ = record
        }
    }

    @Test func votesBeyondTheRateAreRefused() async throws {
        try await Harness.run(.sqlite) { site, client in
            let (_, url) = try await Self.consultation(site, "cese-fr")
            let visitor = Visitor(client)
            let action = try #require(Self.next(try await visitor.get(url).text))
            for _ in 0..<60 { #expect(try await visitor.post(action, [("vote", "1")]).status == .seeOther) }
            #expect(try await visitor.post(action, [("vote", "1")]).status == .tooManyRequests)
            // Another participant is not held back.
            let other = Visitor(client)
            #expect(try await other.post(try #require(Self.next(try await other.get(url).text)), [("vote", "1")]).status == .seeOther)
        }
    }
}
