import Foundation
import HemicycleDomain
import Logging
import SQLKit

/// Applies pending migrations in order, each in its own transaction, and records them.
public struct Migrator: Sendable {
    public let database: any Database
    public let migrations: [any Migration]
    public let logger: Logger
    let clock: any WallClock

    public init(database: any Database, migrations: [any Migration] = Migrations.all, logger: Logger,
                clock: any WallClock = SystemClock()) {
        self.database = database
        self.clock = clock
        self.migrations = migrations
        self.logger = logger
    }

    /// The migrations this version knows that the database has not applied (all of them on an empty database);
    /// applies nothing.
    public func pending() async throws -> [String] {
        let applied = (try? await database.withSQL { sql in
            Set(try await sql.select().column("name").from("schema_migrations").all(decodingColumn: "name", as: String.self))
        }) ?? []
        return migrations.map(\.name).filter { !applied.contains($0) }
    }

    /// Names of the migrations applied by this call.
    @discardableResult
    public func migrate() async throws -> [String] {
        try await database.withSQL { sql in
            try await sql.create(table: "schema_migrations")
                .ifNotExists()
                .column("name", type: .text, .primaryKey(autoIncrement: false))
                .column("applied_at", type: .custom(SQLRaw("DOUBLE PRECISION")), .notNull)
                .run()
        }
        let applied = Set(try await database.withSQL { sql in
            try await sql.select().column("name").from("schema_migrations").all(decodingColumn: "name", as: String.self)
        })
        var ran: [String] = []
        for migration in migrations where !applied.contains(migration.name) {
            try await database.transaction { sql in
                try await migration.prepare(on: sql)
                try await sql.insert(into: "schema_migrations")
                    .columns("name", "applied_at")
                    .values(SQLBind(migration.name), SQLBind(clock.now().timeIntervalSince1970))
                    .run()
            }
            logger.info("Applied migration", metadata: ["migration": .string(migration.name)])
            ran.append(migration.name)
        }
        return ran
    }
}
