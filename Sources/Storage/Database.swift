import SQLKit

/// Which engine stores Hemicycle's data. One set of queries serves both.
public enum DatabaseKind: String, Sendable {
    case sqlite
    case postgres
}

/// Access to the store: every query goes through one of these two calls.
public protocol Database: Sendable {
    var kind: DatabaseKind { get }

    /// Runs `body` with a database handle; statements are not grouped in a transaction.
    func withSQL<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T

    /// Runs `body` in one transaction: all of its writes land, or none does.
    func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T

    /// Runs `body`, which only reads, with a database handle; reads may run side by side (SQLite's reader
    /// connections). By default, `withSQL`.
    func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T

    /// Runs `body`'s reads in one read transaction on one connection: every statement sees the same committed state,
    /// so a page built from many queries never mixes two states of what it shows. Repositories built on the handle
    /// `body` receives run there. By default, `withSQL` without a transaction (a transaction's own scope is already one).
    func snapshot<T: Sendable>(_ body: (any Database) async throws -> T) async throws -> T

    /// Releases the connections; later calls fail.
    func close() async throws
}

extension SQLDatabase {
    /// Runs COMMIT or ROLLBACK in a task of its own, which the caller's cancellation does not reach; on SQLite's
    /// connections, which run a statement without suspending (`SQLiteDirectConnection`), cancellation cannot reach it
    /// anyway, and it runs at once.
    static func finish(_ sql: any SQLDatabase, _ statement: String) async throws {
        if sql is SQLiteDirectConnection { return try await sql.raw(SQLQueryString(statement)).run() }
        try await Task { try await sql.raw(SQLQueryString(statement)).run() }.value
    }

    /// Runs `body` between `begin` and COMMIT on this connection, rolling back if it throws.
    nonisolated(nonsending) func inTransaction<T>(begin: String, _ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await raw(SQLQueryString(begin)).run()
        do {
            let result = try await body(self)
            try await Self.finish(self, "COMMIT")
            return result
        } catch {
            // A cancelled task still ends its transaction: left open, it would refuse the connection's next BEGIN.
            try? await Self.finish(self, "ROLLBACK")
            throw error
        }
    }
}

extension Database {
    public func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await withSQL(body)
    }

    public func snapshot<T: Sendable>(_ body: (any Database) async throws -> T) async throws -> T {
        let kind = kind
        return try await withSQL { sql in try await body(TransactionScope(kind: kind, sql: sql)) }
    }

    /// Whether the database answers a trivial query.
    public func isHealthy() async -> Bool {
        do {
            return try await withSQL { sql in
                try await sql.raw("SELECT 1 AS one").first(decodingColumn: "one", as: Int.self) == 1
            }
        } catch {
            return false
        }
    }
}
