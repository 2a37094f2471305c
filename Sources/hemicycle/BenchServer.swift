import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Storage
import Web

/// A server of this binary for the benches: on loopback, on a free port, on a fresh database (a SQLite file in a
/// temporary folder unless a URL is given), with quiet logs.
struct BenchServer {
    var configuration: AppConfiguration
    let folder: URL
    let logger: Logger

    init(databaseURL: String?) throws {
        var configuration = AppConfiguration()
        configuration.hostname = "127.0.0.1"
        configuration.port = 0
        configuration.bcryptCost = 4
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("hemicycle-bench-\(UUID().uuidString)")
        if let databaseURL {
            configuration.database = try DatabaseURL(databaseURL)
        } else {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            configuration.database = .sqlite(path: folder.appendingPathComponent("bench.sqlite").path)
        }
        self.configuration = configuration
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        self.logger = logger
    }

    /// The temporary folder and what is in it.
    func removeFolder() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Serves until `body`, given the port, returns.
    func serve<T: Sendable>(_ body: (Int) async throws -> T) async throws -> T {
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let app = try await HemicycleServer.buildApplication(configuration: configuration, logger: logger) { port in portSink.yield(port) }
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw ValidationError("The server did not start.") }
            defer { group.cancelAll() }
            return try await body(port)
        }
    }
}
