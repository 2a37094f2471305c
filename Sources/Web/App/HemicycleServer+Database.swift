import Foundation
import HemicycleDomain
import Logging
import ServiceLifecycle
import Storage

extension HemicycleServer {
    /// Runs `body` with the configured database open (and its pool running), then closes it.
    public static func withDatabase<T: Sendable>(_ configuration: AppConfiguration, logger: Logger,
                                                 _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        let store = try await DatabaseFactory.open(configuration.database, logger: logger)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await store.run()
                return nil
            }
            defer { group.cancelAll() }
            do {
                let result = try await body(store)
                try await store.close()
                return result
            } catch {
                // A failure closes the database too: nothing is left open behind an error.
                try? await store.close()
                throw error
            }
        }
    }

    /// What `serve` checks before it listens: the database migrates, and production holds no demo account. A refusal
    /// is an error with its reason, never a half-started server.
    public static func preflight(configuration: AppConfiguration, logger: Logger) async throws {
        try await withDatabase(configuration, logger: logger) { database in
            try await Migrator(database: database, logger: logger).migrate()
            try await checkProduction(configuration, accounts: AccountRepository(database: database))
        }
    }

    /// Migrates, then loads the demo councils if the database has none; returns whether it loaded them.
    public static func loadDemoData(configuration: AppConfiguration, database: any Database, logger: Logger) async throws -> Bool {
        try await Migrator(database: database, logger: logger).migrate()
        let resources = try await Resources.bundled()
        let site = Site(configuration: configuration, database: database, views: resources.views, localizer: resources.localizer)
        guard configuration.isDevelopment else {
            throw StartupRefusal(description: "HEMICYCLE_ENV=production: the demo (whose password is public) is never loaded.")
        }
        guard try await site.councils.count() == 0 else { return false }
        try await DemoData(site: site).load()
        return true
    }
}
