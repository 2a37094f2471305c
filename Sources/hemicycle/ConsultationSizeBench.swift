import ArgumentParser
import Foundation
import HemicycleDomain
import Hummingbird
import Logging
import OpinionMap
import SQLKit
import Storage
import Web

/// `hemicycle bench consultation-size`: a consultation at national size served by this binary. A fresh database gets
/// the demo councils and a consultation imported with the engine's synthetic conversation the size of Polis's largest
/// (33,422 participants, 783 statements, about 2 million votes), whose map the worker computes once; and, in another
/// consultation, 20,000 proposals with 200,000 comments. Then requests/s and p50/p99 of the map page, the
/// consultation's page, the proposals' list (first and last page), a search, and a proposal with its comments.
struct ConsultationSizeBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consultation-size",
        abstract: "Pages of a consultation of 33,422 participants and 2 million votes, and of 20,000 proposals with 200,000 comments.")

    @Option(name: .customLong("database-url"), help: "An empty database (default: a new SQLite file in a temporary folder).")
    var databaseURL: String?
    @Option(help: "Seconds of load per page.") var seconds = 5
    @Option(help: "Concurrent keep-alive connections.") var clients = 16
    @Option(help: "Participants of the voted consultation.") var participants = 33_422
    @Option(help: "Statements of the voted consultation.") var statements = 783
    @Option(help: "Votes of the voted consultation.") var votes = 1_971_898
    @Option(help: "Proposals of the other consultation.") var proposals = 20_000
    @Option(help: "Comments, spread over the proposals.") var comments = 200_000

    func run() async throws {
        var server = try BenchServer(databaseURL: databaseURL)
        defer { server.removeFolder() }
        let settings = server.configuration, quiet = server.logger
        let (participants, statements, votes, proposals, comments) = (self.participants, self.statements, self.votes, self.proposals, self.comments)
        let clock = ContinuousClock()
        var started = clock.now
        let (voted, proposed, proposal) = try await HemicycleServer.withDatabase(settings, logger: quiet) { database in
            guard try await HemicycleServer.loadDemoData(configuration: settings, database: database, logger: quiet) else {
                throw ValidationError("The database is not empty: give an empty one.")
            }
            return try await Self.load(database: database, participants: participants, statements: statements, votes: votes, proposals: proposals,
                                       comments: comments)
        }
        emit("loaded in \(String(format: "%.0f", (clock.now - started) / .seconds(1))) s")
        started = clock.now
        try await HemicycleServer.withDatabase(settings, logger: quiet) { database in
            _ = try await ConsultationMapWorker(database: database, clock: SystemClock(), logger: quiet).processAll()
        }
        emit("first map computed and stored in \(String(format: "%.1f", (clock.now - started) / .seconds(1))) s")
        server.configuration.runsMapWorker = false
        try await server.serve { port in
            let base = "/cese-fr/consultations"
            let pages: [(String, String)] = [
                ("map page (\(participants) participants)", "\(base)/\(voted)/map"),
                ("consultation page (next statement)", "\(base)/\(voted)"),
                ("proposals, first page", "\(base)/\(proposed)/proposals"),
                ("proposals, last page", "\(base)/\(proposed)/proposals?order=recent&at=last"),
                // The page after the middle one, as a reader following the links from the first page reaches it.
                ("proposals, a page in the middle", "\(base)/\(proposed)/proposals?order=supports&after=500.\(proposal + Int64(proposals / 2))"),
                ("proposals, search", "\(base)/\(proposed)/proposals?q=eau"),
                ("a proposal and its comments", "\(base)/\(proposed)/proposals/\(proposal)"),
            ]
            emit("\(clients) keep-alive clients over loopback, \(seconds) s per row, this build, \(ProcessInfo.processInfo.activeProcessorCount) cores")
            emit("page | requests/s | p50 ms | p95 ms | p99 ms | not 200 | target")
            emit("--- | --- | --- | --- | --- | --- | ---")
            for (label, path) in pages {
                let result = try await HTTPLoad.run(host: "127.0.0.1", port: port, path: path, headers: [], clients: clients, duration: .seconds(seconds))
                emit("\(label) | \(String(format: "%.0f", result.perSecond)) | \(String(format: "%.1f", result.milliseconds(atPercentile: 50))) | "
                     + "\(String(format: "%.1f", result.milliseconds(atPercentile: 95))) | \(String(format: "%.1f", result.milliseconds(atPercentile: 99))) | "
                     + "\(result.unexpected) | p95 < 50 ms")
            }
        }
    }

    /// The voted consultation (imported in one transaction), the proposals' consultation, and one of its proposals.
    static func load(database: any Database, participants: Int, statements: Int, votes: Int, proposals: Int,
                     comments: Int) async throws -> (Int64, Int64, Int64) {
        guard let council = try await CouncilRepository(database: database).find(slug: "cese-fr") else { throw ValidationError("No demo council.") }
        let now = Date().timeIntervalSince1970
        let repository = ConsultationRepository(database: database)
        func definition(_ title: String, modules: Int) -> ConsultationDefinition {
            ConsultationDefinition(title: LocalizedText(fr: title, ar: nil, en: nil), description: LocalizedText(fr: nil, ar: nil, en: nil),
                                   workID: nil, languages: ["fr"], modules: modules, participation: "anyone", moderation: "after",
                                   opensAt: now - 86_400, closesAt: now + 86_400)
        }
        let conversation = SyntheticConversation.make(participants: participants, statements: statements, votes: votes)
        let voted = try await repository.createImported(
            councilID: council.id, definition("Consultation à l’échelle nationale", modules: 1), source: "synthetic",
            statements: conversation.statements.map { ImportedStatement(number: $0.id, text: "Affirmation \($0.id + 1)", moderation: 1, createdAt: now - 86_400) },
            votes: conversation.votes.map { ImportedVote(participant: $0.participant, statementNumber: $0.statement, vote: Int($0.vote.rawValue),
                                                         votedAt: now - 86_400 + Double($0.timestamp) / 100) },
            at: now)
        try await repository.publish(id: voted, councilID: council.id)
        let proposed = try await repository.create(councilID: council.id, definition("Propositions à l’échelle nationale", modules: 2), at: now)
        try await repository.publish(id: proposed, councilID: council.id)
        let first = try await database.transaction { sql -> Int64 in
            let participant = try await sql.insert(into: "consultation_participants").columns("consultation_id", "imported_as", "created_at")
                .values(SQLBind(proposed), SQLBind("bench"), SQLBind(now)).returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
            let words = ["eau", "école", "santé", "transport", "climat", "logement", "emploi", "culture", "numérique", "agriculture"]
            for start in stride(from: 0, to: proposals, by: 500) {
                var insert = sql.insert(into: "consultation_proposals")
                    .columns("consultation_id", "participant_id", "title", "body", "pending", "hidden", "supports", "comments", "created_at")
                for index in start..<min(start + 500, proposals) {
                    let word = words[index % words.count]
                    insert = insert.values(SQLBind(proposed), SQLBind(participant), SQLBind("Proposition \(index + 1) sur \(word)"),
                                           SQLBind("Un texte de proposition sur \(word), numéro \(index + 1), assez long pour ressembler à un vrai."),
                                           SQLBind(false), SQLBind(false), SQLBind(index * 7 % 1_000), SQLBind(comments / max(proposals, 1)),
                                           SQLBind(now - Double(proposals - index)))
                }
                try await insert.run()
            }
            let ids = try await sql.raw("SELECT id FROM consultation_proposals WHERE consultation_id = \(bind: proposed) ORDER BY id")
                .all(decodingColumn: "id", as: Int64.self)
            for start in stride(from: 0, to: comments, by: 500) {
                var insert = sql.insert(into: "consultation_proposal_comments")
                    .columns("proposal_id", "participant_id", "body", "pending", "hidden", "created_at")
                for index in start..<min(start + 500, comments) {
                    insert = insert.values(SQLBind(ids[index % ids.count]), SQLBind(participant), SQLBind("Commentaire \(index + 1)."),
                                           SQLBind(false), SQLBind(false), SQLBind(now - Double(comments - index)))
                }
                try await insert.run()
            }
            return ids.first ?? 0
        }
        try await ConsultationProposalRepository(database: database).indexWords(consultationID: proposed)
        return (voted, proposed, first)
    }

    func emit(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
