import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Storage
import Testing
@testable import Web

@Suite struct ServerLifecycleTests {
    /// `hemicycle serve` as assembled for production: migrates and loads the demo into an empty SQLite
    /// file, then stops on a graceful shutdown (what SIGTERM triggers) and closes the database.
    @Test func theServerStartsOnAnEmptyDatabaseAndStopsGracefully() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hemicycle-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        var configuration = AppConfiguration()
        configuration.database = .sqlite(path: path)
        configuration.port = 0
        configuration.bcryptCost = 4
        var logger = Logger(label: "lifecycle-test")
        logger.logLevel = .warning
        let app = try await HemicycleServer.buildApplication(configuration: configuration, logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))

        let stopped = try await withThrowingTaskGroup(of: Bool.self) { tasks in
            tasks.addTask { try await group.run(); return true }
            // Wait until the demo councils are in the file: migrations and loading ran at start.
            var ready = false
            for _ in 0..<200 where !ready {
                try await Task.sleep(for: .milliseconds(50))
                guard FileManager.default.fileExists(atPath: path + "-wal") else { continue }
                ready = (try? await Self.councilCount(path: path, logger: logger)) == 2
            }
            #expect(ready, "the server did not load the demo councils")
            await group.triggerGracefulShutdown()
            // Generous: under the whole suite on two cores, the demo's loading it interrupts runs many times slower.
            tasks.addTask { try await Task.sleep(for: .seconds(60)); return false }
            let first = try await tasks.next() ?? false
            tasks.cancelAll()
            return first
        }
        #expect(stopped, "the server did not stop within 60 s of a graceful shutdown")
        // The last connection closed: SQLite checkpointed and removed the write-ahead log.
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    static func councilCount(path: String, logger: Logger) async throws -> Int {
        let store = try await SQLiteStore.open(path: path, logger: logger)
        do {
            let count = try await CouncilRepository(database: store).count()
            try await store.close()
            return count
        } catch {
            try? await store.close()
            throw error
        }
    }
}
