import ArgumentParser
import Foundation
import HemicycleDomain
import Histogram
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import Storage
import Web

/// `hemicycle bench votes`: a consultation under load. A server on a fresh database (the demo councils and a
/// consultation of `--statements` statements) takes votes over real HTTP from this machine: `--participants`
/// browsers, each with its own cookie and address (as behind a proxy that sets `X-Forwarded-For`), spread over
/// `--clients` keep-alive connections (written and read as bytes, `RawHTTPClient`), for `--seconds`. It prints
/// votes/s, p50/p99, the votes acknowledged (303) against those stored, and how far the opinion map, computed by the
/// server's background worker, trailed the votes.
struct VotesBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "votes",
        abstract: "Votes/s, p50/p99, acknowledged vs stored and the map's lag of a consultation voted on over HTTP.")

    @Option(name: .customLong("database-url"), help: "An empty database (default: a new SQLite file in a temporary folder).")
    var databaseURL: String?
    @Option(help: "Seconds of load.") var seconds = 10
    @Option(help: "Participants, each with a cookie and an address of its own.") var participants = 5_000
    @Option(help: "Concurrent keep-alive connections.") var clients = 64
    @Option(help: "Statements of the consultation.") var statements = 100

    func run() async throws {
        var server = try BenchServer(databaseURL: databaseURL)
        defer { server.removeFolder() }
        server.configuration.trustForwardedFor = true
        let configuration = server.configuration, logger = server.logger
        let count = statements
        let (settings, quiet) = (configuration, logger)
        let (consultation, statementIDs) = try await HemicycleServer.withDatabase(settings, logger: quiet) { database in
            guard try await HemicycleServer.loadDemoData(configuration: settings, database: database, logger: quiet) else {
                throw ValidationError("The database is not empty: give an empty one.")
            }
            return try await Self.consultation(database: database, statements: count)
        }
        let acknowledged = try await server.serve { port in
            try await measure(port: port, consultation: consultation, statementIDs: statementIDs)
        }
        let stored = try await HemicycleServer.withDatabase(configuration, logger: logger) { database in
            try await ConsultationMapRepository(database: database).logCount(consultationID: consultation, after: 0)
        }
        emit("acknowledged votes (303) | \(acknowledged)")
        emit("stored votes | \(stored)")
        if stored < acknowledged { throw ValidationError("\(acknowledged - stored) acknowledged votes are not stored.") }
    }

    /// A published consultation of the French council, open, with `statements` seed statements.
    static func consultation(database: any Database, statements: Int) async throws -> (Int64, [Int64]) {
        guard let council = try await CouncilRepository(database: database).find(slug: "cese-fr") else { throw ValidationError("No demo council.") }
        let now = Date().timeIntervalSince1970
        let consultations = ConsultationRepository(database: database)
        let id = try await consultations.create(
            councilID: council.id,
            ConsultationDefinition(title: LocalizedText(fr: "Consultation sous charge", ar: nil, en: "Consultation under load"),
                                   description: LocalizedText(fr: nil, ar: nil, en: nil), workID: nil, languages: ["fr"], modules: 1,
                                   participation: "anyone", moderation: "before", opensAt: now - 3_600, closesAt: now + 86_400),
            at: now)
        let repository = ConsultationStatementRepository(database: database)
        var ids: [Int64] = []
        for number in 0..<statements {
            ids.append(try await repository.add(consultationID: id, councilID: council.id, text: "Affirmation \(number + 1) de la charge.",
                                                participantID: nil, at: now))
        }
        try await consultations.publish(id: id, councilID: council.id)
        return (id, ids)
    }

    struct Sample {
        var votes = 0
        var unexpected = 0
        var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000)
    }

    func measure(port: Int, consultation: Int64, statementIDs: [Int64]) async throws -> Int {
        let host = "127.0.0.1", path = "/cese-fr/consultations/\(consultation)"
        let tokens = (0..<participants).map { _ in Self.token() }
        let clock = ContinuousClock()
        let start = clock.now, end = start + .seconds(seconds)
        // The map's age while votes arrive, sampled every second from the API.
        let ages = Task { () -> [Double] in
            var ages: [Double] = []
            while clock.now < end {
                try? await Task.sleep(for: .seconds(1))
                if let state = try? await mapState(host: host, port: port, consultation: consultation), let computed = state.computedAt {
                    ages.append(Date().timeIntervalSince1970 - computed)
                }
            }
            return ages
        }
        let sample = try await withThrowingTaskGroup(of: Sample.self) { group in
            for client in 0..<clients {
                group.addTask {
                    let mine = Array(stride(from: client, to: tokens.count, by: clients))
                    guard !mine.isEmpty else { return Sample() }
                    let connection = try await RawHTTPClient.connect(host: host, port: port)
                    return try await connection.executeThenClose { inbound, outbound in
                        var sample = Sample()
                        var parts = inbound.makeAsyncIterator()
                        var reader = RawHTTPClient()
                        var generator = SystemRandomNumberGenerator()
                        var turn = 0
                        while clock.now < end {
                            let participant = mine[turn % mine.count]
                            turn += 1
                            let token = tokens[participant]
                            let statement = statementIDs[Int.random(in: 0..<statementIDs.count, using: &generator)]
                            let vote = [-1, 0, 1][Int.random(in: 0..<3, using: &generator)]
                            let body = "_csrf=\(token)&vote=\(vote)"
                            let address = "10.\(participant >> 16 & 255).\(participant >> 8 & 255).\(participant & 255)"
                            let request = "POST \(path)/statements/\(statement)/vote HTTP/1.1\r\nHost: \(host):\(port)\r\n"
                                + "Cookie: hemicycle_csrf=\(token); hemicycle_participant=\(token)\r\n"
                                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\n"
                                + "X-Forwarded-For: \(address)\r\n\r\n\(body)"
                            let sent = clock.now
                            try await outbound.write(ByteBuffer(string: request))
                            let status = try await reader.status(from: &parts)
                            _ = sample.histogram.record(UInt64(max(1, ((clock.now - sent) / .microseconds(1)).rounded())))
                            if status == 303 { sample.votes += 1 } else { sample.unexpected += 1 }
                        }
                        return sample
                    }
                }
            }
            var merged = Sample()
            for try await part in group {
                merged.votes += part.votes
                merged.unexpected += part.unexpected
                merged.histogram.add(part.histogram)
            }
            return merged
        }
        let elapsed = (clock.now - start) / .seconds(1)
        let loadEnded = Date().timeIntervalSince1970
        let samples = await ages.value
        // The map catches up: the votes it counts equal those stored.
        var caughtUp: Double?
        while Date().timeIntervalSince1970 - loadEnded < 60 {
            if let state = try? await mapState(host: host, port: port, consultation: consultation), state.mapVotes == state.votes, state.votes > 0 {
                caughtUp = Date().timeIntervalSince1970 - loadEnded
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        func ms(_ percentile: Double) -> String { String(format: "%.1f", Double(sample.histogram.valueAtPercentile(percentile)) / 1000) }
        emit("\(participants) participants, \(clients) keep-alive connections over loopback, \(seconds) s, \(statementIDs.count) statements, "
             + "this build, \(ProcessInfo.processInfo.activeProcessorCount) cores")
        emit("measure | value | target")
        emit("--- | --- | ---")
        emit("votes/s | \(String(format: "%.0f", Double(sample.votes) / elapsed)) | >= 10,000")
        emit("p50 ms | \(ms(50)) |")
        emit("p99 ms | \(ms(99)) | < 50")
        emit("answers other than 303 | \(sample.unexpected) | 0")
        emit("map age while voting, max s | \(samples.max().map { String(format: "%.1f", $0) } ?? "no map") | <= 5")
        emit("map caught up after the last vote, s | \(caughtUp.map { String(format: "%.1f", $0) } ?? "not within 60 s") | <= 5")
        return sample.votes
    }

    func mapState(host: String, port: Int, consultation: Int64) async throws -> (computedAt: Double?, mapVotes: Int?, votes: Int) {
        let answer = try await HTTPLoad.once(host: host, port: port, path: "/api/v1/cese-fr/consultations/\(consultation)")
        let object = try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any] ?? [:]
        let computed = (object["mapComputedAt"] as? String).flatMap { try? Date($0, strategy: .iso8601) }?.timeIntervalSince1970
        return (computed, object["mapVotes"] as? Int, object["votes"] as? Int ?? 0)
    }

    /// 43 URL-safe characters, as the site's own identifiers.
    static func token() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        return String((0..<43).map { _ in alphabet.randomElement()! })
    }

    func emit(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
