import Foundation
import Hummingbird
import Logging
@_spi(TestKit) import ServiceLifecycle
import Storage
import Testing
@testable import Web

@Suite struct ServerLifecycleTests {
    /// `hemicycle serve` as assembled for production: migrates and loads the demo into an empty SQLite file,
    /// serves, then stops on a graceful shutdown (what SIGTERM triggers) and closes the database.
    @Test func theServerStartsOnAnEmptyDatabaseAndStopsGracefully() async throws {
        let path = Self.temporaryDatabase()
        defer { Self.remove(path) }
        let serving = ReadySignal()
        let app = try await HemicycleServer.buildApplication(configuration: Self.configuration(path), logger: Self.logger,
                                                             onServerRunning: { _ in serving.open() })
        let group = ServiceGroup(configuration: .init(services: [app], logger: Self.logger))
        let stopped = try await withThrowingTaskGroup(of: Bool.self) { tasks in
            tasks.addTask { try await group.run(); return true }
            // Serving means the migrations ran and the demo loaded, however long that took under the suite.
            tasks.addTask {
                for _ in 0..<12_000 where !serving.isOpen { try await Task.sleep(for: .milliseconds(50)) }
                return false
            }
            #expect(try await tasks.next() == false, "the server stopped before it served")
            try #require(serving.isOpen, "the server did not serve within ten minutes")
            #expect(try await Self.councilCount(path: path) == 2, "the server serves without the demo councils")
            await group.triggerGracefulShutdown()
            tasks.addTask { try await Task.sleep(for: .seconds(60)); return false }
            let first = try await tasks.next() ?? false
            tasks.cancelAll()
            return first
        }
        #expect(stopped, "the server did not stop within 60 s of a graceful shutdown")
        // The last connection closed: SQLite checkpointed and removed the write-ahead log.
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    /// Asked to stop while it loads the demo (SIGTERM as the server starts), the loading stops at its next step and
    /// keeps none of it; loaded again, the demo is whole.
    @Test func aShutdownWhileTheDemoLoadsKeepsNoneOfIt() async throws {
        let path = Self.temporaryDatabase()
        defer { Self.remove(path) }
        let store = try await SQLiteStore.open(path: path, logger: Self.logger)
        do {
            try await Migrator(database: store, logger: Self.logger).migrate()
            let resources = try await HemicycleServer.Resources.bundled()
            let site = Site(configuration: Self.configuration(path), database: store, views: resources.views, localizer: resources.localizer)
            // The loading as a service of a group asked to stop (the manager a service group gives each service, here
            // already shutting down, as when SIGTERM comes while it loads): it sees the request at its first step.
            let manager = GracefulShutdownManager()
            manager.shutdownGracefully()
            await #expect(throws: DemoData.Interrupted.self) {
                try await TaskLocals.$gracefulShutdownManager.withValue(manager) { try await DemoData(site: site).load() }
            }
            #expect(try await site.councils.count() == 0, "a part of the demo was kept")
            // Cancelled, the same.
            let cancelled = Task { try await DemoData(site: site).load() }
            cancelled.cancel()
            await #expect(throws: DemoData.Interrupted.self) { try await cancelled.value }
            #expect(try await site.councils.count() == 0, "a part of the demo was kept")
            try await DemoData(site: site).load()
            #expect(try await site.councils.count() == 2)
            try await store.close()
        } catch {
            try? await store.close()
            throw error
        }
    }

    static let logger: Logger = {
        var logger = Logger(label: "lifecycle-test")
        logger.logLevel = .warning
        return logger
    }()

    static func configuration(_ path: String) -> AppConfiguration {
        var configuration = AppConfiguration()
        configuration.database = .sqlite(path: path)
        configuration.port = 0
        configuration.bcryptCost = 4
        return configuration
    }

    static func temporaryDatabase() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("hemicycle-\(UUID().uuidString).sqlite").path
    }

    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    static func councilCount(path: String) async throws -> Int {
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
