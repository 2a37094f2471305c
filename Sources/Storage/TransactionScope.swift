import SQLKit

/// A handle already inside a transaction: repositories built on it run their statements in that transaction, and
/// their own "transactions" join it (so a multi-step load, such as the demo data, lands whole or not at all).
public struct TransactionScope: Database {
    public let kind: DatabaseKind
    private let sql: any SQLDatabase

    public init(kind: DatabaseKind, sql: any SQLDatabase) {
        self.kind = kind
        self.sql = sql
    }

    public func withSQL<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await body(sql)
    }

    public func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await body(sql)
    }

    /// The enclosing transaction's owner closes the connection.
    public func close() async throws {}
}
