import Logging
import PostgresKit
import PostgresNIO
import SQLKit
import ServiceLifecycle

/// PostgreSQL through PostgresNIO's connection pool; `run()` must be running while it is used.
public final class PostgresStore: Database, Service {
    public let kind = DatabaseKind.postgres
    private let client: PostgresClient
    private let logger: Logger
    /// The reads each connection keeps prepared.
    private let kept = PostgresKeptStatements()

    public init(host: String, port: Int, username: String, password: String?, database: String?,
                tls: PostgresClient.Configuration.TLS, logger: Logger) {
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tls)
        configuration.options.maximumConnections = 10
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
    }

    public func withSQL<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await body(PostgresSQL(connection: connection, kept: kept))
        }
    }

    public func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await PostgresSQL(connection: connection, kept: kept, isInTransaction: true).inTransaction(begin: "BEGIN", body)
        }
    }

    /// A read-only transaction; run again once should a table have changed under one of its kept reads (it wrote
    /// nothing, so running it again is safe).
    public func snapshot<T: Sendable>(_ body: (any Database) async throws -> T) async throws -> T {
        do {
            return try await snapshotOnce(body)
        } catch let error as PSQLError where PostgresKeptStatements.isChangedPlan(error) {
            return try await snapshotOnce(body)
        }
    }

    private func snapshotOnce<T: Sendable>(_ body: (any Database) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await PostgresSQL(connection: connection, kept: kept, isInTransaction: true).inTransaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { sql in
                try await body(TransactionScope(kind: .postgres, sql: sql))
            }
        }
    }

    public func close() async throws {}

    /// Runs the connection pool until the service group shuts down.
    public func run() async throws {
        await client.run()
    }
}
