import ArgumentParser
import CSVFormat
import Foundation
import Hummingbird
import Logging
import NIOHTTP1
import Sortition
import Storage
import Web
import ZIPFoundation

/// `hemicycle bench convention`: a citizens' convention's whole draw, through the server's own pages and worker, on a
/// fresh demo database: the secretariat defines the criteria and quotas, imports a synthetic pool from CSV, asks for
/// the draw (the worker computes the LEXIMIN lottery in the background while the page is polled), picks the panel with
/// the announced seed, the draw is published (page and proof.zip), and its files are verified as anyone would.
struct ConventionBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convention",
        abstract: "Import a pool, draw a panel, publish and verify it through the server, with the time of each step.")

    @Option(help: "Volunteers in the pool.") var people = 2_000
    @Option(help: "Seats on the panel.") var panel = 150
    @Option(help: "Criteria (the first ones of the synthetic catalogue: age, sex, education, occupation, region, ...).")
    var criteria = 6
    @Option(help: "Seed of the synthetic pool.") var seed = "convention"
    @Option(help: "Seconds from the request to the announced time of the seed: the lottery must be committed before it, and the pick waits for it.")
    var seedDelay = 180.0
    @Option(name: .customLong("database-url"), help: "An empty database to load the demo into (default: a new SQLite file in a temporary folder).")
    var databaseURL: String?

    func run() async throws {
        var configuration = AppConfiguration()
        configuration.hostname = "127.0.0.1"
        configuration.port = 0
        configuration.bcryptCost = 4
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hemicycle-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        configuration.database = try databaseURL.map(DatabaseURL.init) ?? .sqlite(path: folder.appendingPathComponent("bench.sqlite").path)
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        let instance = try SyntheticPool.make(people: people, panelSize: panel, categories: criteria, seed: seed)
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let app = try await HemicycleServer.buildApplication(configuration: configuration, logger: logger) { port in portSink.yield(port) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                // A server that stops before it listens ends the wait for its port.
                defer { portSink.finish() }
                try await app.runService(gracefulShutdownSignals: [])
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw ValidationError("The server did not start.") }
            try await measure(Client(port: port), instance: instance)
            group.cancelAll()
        }
    }

    func measure(_ client: Client, instance: SortitionInstance) async throws {
        let clock = ContinuousClock()
        func timed<T>(_ body: () async throws -> T) async throws -> (T, Double) {
            let start = clock.now
            let value = try await body()
            return (value, (clock.now - start) / .seconds(1))
        }
        try await client.signIn("secretariat@cese-fr.example")
        let created = try await client.post("/cese-fr/conventions", [
            ("title_fr", "Convention citoyenne (banc d'essai)"), ("mandate_fr", "Un banc d'essai du tirage au sort."),
            ("panel_size", "\(panel)"), ("tolerance", "0"),
        ])
        guard created.status == 303, let location = created.headers.first(name: "Location")?.components(separatedBy: "?").first else {
            throw ValidationError("The convention was not created (\(created.status)).")
        }
        let id = location.split(separator: "/").last.map(String.init) ?? ""
        try client.expect(303, try await client.post("\(location)/criteria", [("criteria", criteriaCSV(instance))]), "criteria")
        // The synthetic pool's quotas, value by value, in the order the page lists the fields.
        let page = try await client.get(location).body
        let fields = page.matches(of: /name="min_(\d+)"/).map { String($0.output.1) }
        let quotas = instance.categories.flatMap(\.values)
        guard fields.count == quotas.count else { throw ValidationError("The page lists \(fields.count) values, the pool \(quotas.count).") }
        let quotaForm = zip(fields, quotas).flatMap { [("min_\($0)", "\($1.min)"), ("max_\($0)", "\($1.max)")] }
        try client.expect(303, try await client.post("\(location)/quotas", quotaForm), "quotas")

        let (imported, importSeconds) = try await timed { try await client.upload("\(location)/pool", file: Array(poolCSV(instance).utf8)) }
        try client.expect(303, imported, "pool import")
        try client.expect(303, try await client.post("\(location)/open-registration", []), "registration")

        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Europe/Paris")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        // The seed is known `seedDelay` seconds after the request: the lottery must be committed before then.
        let known = Date().addingTimeInterval(seedDelay)
        let (status, lotterySeconds) = try await timed { () async throws -> [String: Any] in
            try client.expect(303, try await client.post("\(location)/draw/request", [
                ("seed_source", "The bench's seed"), ("seed_not_before", formatter.string(from: known)),
            ]), "draw request")
            var shown = ""
            while true {
                let answer = try await client.get("/api/v1/cese-fr/conventions/\(id)/draw")
                let draw = try JSONSerialization.jsonObject(with: Data(answer.bytes)) as? [String: Any] ?? [:]
                let state = draw["status"] as? String ?? ""
                if let progress = draw["progress"] as? [String: Int] {
                    let line = "\rLEXIMIN in the worker: \(progress["settled"] ?? 0)/\(progress["pool"] ?? 0) chances settled, \(progress["panels"] ?? 0) panels   "
                    if line != shown { FileHandle.standardError.write(Data(line.utf8)) }
                    shown = line
                }
                if state == "committed" || state == "failed" { return draw }
                try await Task.sleep(for: .milliseconds(250))
            }
        }
        FileHandle.standardError.write(Data("\n".utf8))
        guard status["status"] as? String == "committed" else {
            throw ValidationError("No lottery: \(status["failure"] ?? ""); with a slower lottery, give a larger --seed-delay.")
        }
        FileHandle.standardError.write(Data("Waiting for the announced time of the seed (\(Int(known.timeIntervalSinceNow.rounded())) s)...\n".utf8))
        try await Task.sleep(for: .seconds(max(0, known.timeIntervalSinceNow) + 1))
        let (picked, pickSeconds) = try await timed { try await client.post("\(location)/draw/pick", [("seed", "4 17 23 38 45")]) }
        try client.expect(303, picked, "pick")
        let ((drawPage, proof), publishSeconds) = try await timed { (try await client.get("\(location)/draw"), try await client.get("\(location)/draw/proof.zip")) }
        try client.expect(200, drawPage, "draw page")
        try client.expect(200, proof, "proof.zip")
        let ((report, files), verifySeconds) = try await timed { () async throws -> (VerificationReport, [String: String]) in
            let archive = try Archive(data: Data(proof.bytes), accessMode: .read)
            var files: [String: String] = [:]
            for entry in archive {
                var data = Data()
                _ = try archive.extract(entry) { data.append($0) }
                files[entry.path] = String(decoding: data, as: UTF8.self)
            }
            return (DrawVerifier.verify(files: files), files)
        }
        let manifest = try DrawManifest.read(files[ProofFiles.manifest] ?? "")
        print("convention draw through the server: \(people) volunteers, \(panel) seats, \(criteria) criteria, seed \(seed); "
              + "\(ProcessInfo.processInfo.activeProcessorCount) cores")
        print("step | seconds | detail")
        print("--- | --- | ---")
        print("import the pool (CSV upload, checked, stored) | \(String(format: "%.2f", importSeconds)) | \(people) volunteers")
        print("lottery (request → committed: the worker takes it within 2 s, LEXIMIN, rounding) | \(String(format: "%.1f", lotterySeconds)) | "
              + "\(manifest.tickets ?? 0) tickets; smallest chance \(String(format: "%.5f", manifest.optimalMinimumProbability ?? 0)) (LEXIMIN), "
              + "\(String(format: "%.5f", manifest.minimumProbability)) (lottery); target under 60 s (issue 15)")
        print("pick (seed → panel, stored, people told) | \(String(format: "%.2f", pickSeconds)) | ticket \(manifest.ticket ?? -1)")
        print("publish (draw page and proof.zip) | \(String(format: "%.2f", publishSeconds)) | \(proof.bytes.count) bytes of proof.zip")
        print("verify (unzip, hemicycle draw verify's checks) | \(String(format: "%.2f", verifySeconds)) | "
              + (report.passed ? "verified" : "NOT verified: \(report.checks.filter { !$0.passed }.map(\.detail))"))
        if !report.passed { throw ExitCode(1) }
    }

    func criteriaCSV(_ instance: SortitionInstance) -> String {
        var writer = CSVWriter(header: ["criterion", "value", "share"])
        for (c, category) in instance.categories.enumerated() {
            for (v, value) in category.values.enumerated() {
                writer.append([category.name, value.name, String(format: "%.6f", SyntheticPool.populationShares[c][v])])
            }
        }
        return writer.text
    }

    func poolCSV(_ instance: SortitionInstance) -> String {
        var writer = CSVWriter(header: ["id"] + instance.categories.map(\.name) + ["email"])
        for person in instance.people {
            writer.append([person.id] + person.values.enumerated().map { instance.categories[$0.offset].values[$0.element].name }
                          + ["\(person.id)@example.org"])
        }
        return writer.text
    }

    /// A browser's worth of HTTP: cookies, the CSRF token, forms and one upload.
    final class Client: @unchecked Sendable {
        let host = "127.0.0.1"
        let port: Int
        var cookies: [String: String] = [:]

        init(port: Int) { self.port = port }

        var cookieHeader: [(String, String)] { cookies.isEmpty ? [] : [("Cookie", cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))] }

        func remember(_ answer: HTTPLoad.Answer) -> HTTPLoad.Answer {
            for header in answer.headers["Set-Cookie"] {
                let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
                if pair.count == 2 { cookies[pair[0]] = pair[1] }
            }
            return answer
        }

        func get(_ path: String) async throws -> HTTPLoad.Answer {
            remember(try await HTTPLoad.once(host: host, port: port, path: path, headers: cookieHeader))
        }

        func post(_ path: String, _ fields: [(String, String)]) async throws -> HTTPLoad.Answer {
            if cookies["hemicycle_csrf"] == nil { _ = try await get("/signin") }
            let encode = { (text: String) in text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text }
            let body = ([("_csrf", cookies["hemicycle_csrf"] ?? "")] + fields).map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
            return remember(try await HTTPLoad.once(host: host, port: port, method: .POST, path: path,
                                                    headers: cookieHeader + [("Content-Type", "application/x-www-form-urlencoded")], body: body))
        }

        func upload(_ path: String, file: [UInt8]) async throws -> HTTPLoad.Answer {
            let boundary = "----hemicycle-bench-\(UUID().uuidString)"
            var body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(cookies["hemicycle_csrf"] ?? "")\r\n".utf8)
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"pool.csv\"\r\nContent-Type: text/csv\r\n\r\n".utf8)
            body += file + Array("\r\n--\(boundary)--\r\n".utf8)
            return remember(try await HTTPLoad.once(host: host, port: port, method: .POST, path: path,
                                                    headers: cookieHeader + [("Content-Type", "multipart/form-data; boundary=\(boundary)")],
                                                    bytes: body))
        }

        func signIn(_ email: String) async throws {
            try expect(303, try await post("/signin", [("email", email), ("password", "hemicycle-demo")]), "sign-in of \(email)")
        }

        func expect(_ status: Int, _ answer: HTTPLoad.Answer, _ step: String) throws {
            guard answer.status == status else {
                throw ValidationError("\(step): \(answer.status) instead of \(status). \(answer.body.prefix(400))")
            }
        }
    }
}
