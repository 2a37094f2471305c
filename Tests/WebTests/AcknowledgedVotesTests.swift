import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import SQLKit
import Storage
import TestRequirements
import Testing
@testable import Web

/// No acknowledged vote is lost: the server (the real executable, on SQLite) is killed with SIGKILL while
/// participants vote, started again on the same database, and every vote that got its 303 is in the log.
@Suite(.serialized) struct AcknowledgedVotesTests {
    /// Answers without following the redirect: the 303 is the acknowledgement.
    final class NoRedirects: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
        func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
            completionHandler(nil)
        }
    }

    struct Server {
        let process: Process
        let base: String
    }

    static func start(_ executable: URL, database: String, port: Int, log: URL) throws -> Server {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["serve", "--hostname", "127.0.0.1", "--port", "\(port)", "--database-url", database]
        var environment = ProcessInfo.processInfo.environment
        environment["TRUST_FORWARDED_FOR"] = "true"
        environment["BCRYPT_COST"] = "4"
        environment["HEMICYCLE_MAP_WORKER"] = "false"
        environment["LOG_LEVEL"] = "error"
        environment["HEMICYCLE_FILES"] = log.deletingLastPathComponent().appendingPathComponent("files").path
        process.environment = environment
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return Server(process: process, base: "http://127.0.0.1:\(port)")
    }

    static func waitUntilServing(_ base: String, session: URLSession) async throws {
        for _ in 0..<600 {
            if let (_, response) = try? await session.data(from: URL(string: base + "/healthz")!), (response as? HTTPURLResponse)?.statusCode == 200 {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Requirement.Missing(description: "the server at \(base) did not answer within a minute")
    }

    static func token() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        return String((0..<43).map { _ in alphabet.randomElement()! })
    }

    /// Votes acknowledged before the kill: enough that some are in flight when it comes.
    static let votesBeforeKill = 120

    @Test func everyAcknowledgedVoteSurvivesAKill() async throws {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("hemicycle")
        try Requirement.require(FileManager.default.isExecutableFile(atPath: executable.path), "the hemicycle executable beside the tests")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hemicycle-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = "sqlite:" + folder.appendingPathComponent("votes.sqlite").path
        let port = Int.random(in: 20_000...45_000)
        // The cookies are the participants' own, written by hand: the session keeps none.
        let settings = URLSessionConfiguration.ephemeral
        settings.httpShouldSetCookies = false
        settings.httpCookieAcceptPolicy = .never
        let session = URLSession(configuration: settings, delegate: NoRedirects(), delegateQueue: nil)
        let server = try Self.start(executable, database: database, port: port, log: folder.appendingPathComponent("first.log"))
        try await Self.waitUntilServing(server.base, session: session)
        let list = try await session.data(from: URL(string: server.base + "/api/v1/cese-fr/consultations")!).0
        let consultation = try #require((try JSONSerialization.jsonObject(with: list) as? [[String: Any]])?.first?["id"] as? Int)
        let detail = try await session.data(from: URL(string: server.base + "/api/v1/cese-fr/consultations/\(consultation)")!).0
        let statements = ((try JSONSerialization.jsonObject(with: detail) as? [String: Any])?["statements"] as? [[String: Any]] ?? [])
            .compactMap { $0["id"] as? Int }
        try #require(statements.count == 6)

        // 40 participants vote until the server is killed; each keeps the votes that were acknowledged. The kill
        // comes once enough votes were acknowledged, however slow the machine (a fixed time proved too short under load).
        let progress = KillProgress()
        let acknowledged = try await withThrowingTaskGroup(of: [(token: String, statement: Int, vote: Int)].self) { group in
            for participant in 0..<40 {
                group.addTask {
                    let token = Self.token()
                    var mine: [(token: String, statement: Int, vote: Int)] = []
                    var turn = 0
                    while true {
                        let statement = statements[(participant + turn) % statements.count], vote = [1, -1, 0][turn % 3]
                        turn += 1
                        var request = URLRequest(url: URL(string: server.base + "/cese-fr/consultations/\(consultation)/statements/\(statement)/vote")!)
                        request.httpMethod = "POST"
                        request.setValue("hemicycle_csrf=\(token); hemicycle_participant=\(token)", forHTTPHeaderField: "Cookie")
                        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
                        request.setValue("10.1.\(participant).1", forHTTPHeaderField: "X-Forwarded-For")
                        request.httpBody = Data("_csrf=\(token)&vote=\(vote)".utf8)
                        guard let (_, response) = try? await session.data(for: request) else {
                            if await !progress.killed { Issue.record("a vote before the kill got no answer") }
                            return mine
                        }
                        guard (response as? HTTPURLResponse)?.statusCode == 303 else {
                            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                            if await !progress.killed { Issue.record("a vote before the kill was answered \(status)") }
                            return mine
                        }
                        mine.append((token, statement, vote))
                        await progress.acknowledge()
                    }
                }
            }
            group.addTask {
                let deadline = ContinuousClock.now + .seconds(120)
                while await progress.count < Self.votesBeforeKill, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(20))
                }
                await progress.kill { kill(server.process.processIdentifier, SIGKILL) }
                return []
            }
            var all: [(token: String, statement: Int, vote: Int)] = []
            for try await part in group { all += part }
            return all
        }
        server.process.waitUntilExit()
        #expect(server.process.terminationReason == .uncaughtSignal)
        #expect(acknowledged.count >= Self.votesBeforeKill, "too few votes within two minutes to test anything")

        // Started again on the same database, it serves; then every acknowledged vote is in the log.
        let again = try Self.start(executable, database: database, port: port + 1, log: folder.appendingPathComponent("second.log"))
        try await Self.waitUntilServing(again.base, session: session)
        again.process.terminate()
        again.process.waitUntilExit()
        var configuration = AppConfiguration()
        configuration.database = try DatabaseURL(database)
        let consultationID = Int64(consultation)
        let stored = try await HemicycleServer.withDatabase(configuration, logger: Logger(label: "test")) { store in
            try await store.withSQL { sql in
                try await sql.raw("""
                    SELECT p.cookie_digest, l.statement_id, l.vote FROM consultation_vote_log l
                    JOIN consultation_participants p ON p.id = l.participant_id WHERE l.consultation_id = \(bind: consultationID)
                    """).all().map { row in
                    "\(try row.decode(column: "cookie_digest", as: String.self)) \(try row.decode(column: "statement_id", as: Int.self)) "
                        + "\(try row.decode(column: "vote", as: Int.self))"
                }
            }
        }
        var remaining = Dictionary(stored.map { ($0, 1) }, uniquingKeysWith: +)
        var lost = 0
        for vote in acknowledged {
            let key = "\(ParticipantCookie.digest(vote.token, consultationID)) \(vote.statement) \(vote.vote)"
            if let count = remaining[key], count > 0 { remaining[key] = count - 1 } else { lost += 1 }
        }
        #expect(lost == 0, "\(lost) of \(acknowledged.count) acknowledged votes are not stored")
    }
}

/// How many votes were acknowledged, and whether the server was killed: a refusal after the kill is expected.
private actor KillProgress {
    private(set) var count = 0
    private(set) var killed = false

    func acknowledge() { count += 1 }

    func kill(_ signal: @Sendable () -> Void) {
        killed = true
        signal()
    }
}
