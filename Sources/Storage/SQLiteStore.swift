import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO
import ServiceLifecycle

/// The embedded default: one SQLite connection in WAL mode, owned by this service and closed on shutdown.
///
/// SQLite writes one transaction at a time, so access is serialised by a lock; each query takes
/// microseconds, and the lock keeps a transaction's statements together.
public final class SQLiteStore: Database, Service {
    public let kind = DatabaseKind.sqlite
    private let connection: SQLiteConnection
    private let lock = AsyncLock()
    private let logger: Logger
    /// Set once the connection is closed (under the lock): closing twice is harmless.
    private nonisolated(unsafe) var isClosed = false

    private init(connection: SQLiteConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// Opens (creating if needed) the database at `path`, or an in-memory one when `path` is nil.
    public static func open(path: String?, logger: Logger) async throws -> SQLiteStore {
        let connection = try await SQLiteConnection.open(
            storage: path.map { .file(path: $0) } ?? .memory,
            threadPool: .singleton,
            logger: logger,
            on: MultiThreadedEventLoopGroup.singleton.any()
        )
        let store = SQLiteStore(connection: connection, logger: logger)
        let sql = connection.sql(queryLogLevel: .trace)
        if path != nil {
            try await sql.raw("PRAGMA journal_mode = WAL").run()
            try await sql.raw("PRAGMA synchronous = NORMAL").run()
        }
        try await sql.raw("PRAGMA foreign_keys = ON").run()
        try await sql.raw("PRAGMA busy_timeout = 5000").run()
        return store
    }

    public func withSQL<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        await lock.acquire()
        do {
            let result = try await body(connection.sql(queryLogLevel: .trace))
            await lock.release()
            return result
        } catch {
            await lock.release()
            throw error
        }
    }

    public func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        // IMMEDIATE takes the write lock at once, so a transaction never fails half-way on a busy database.
        try await withSQL { sql in try await sql.inTransaction(begin: "BEGIN IMMEDIATE", body) }
    }

    public func close() async throws {
        await lock.acquire()
        defer { Task { await lock.release() } }
        guard !isClosed else { return }
        isClosed = true
        try await connection.close()
    }

    /// Waits for graceful shutdown (or cancellation), then closes the connection, in a task of its own so that a
    /// cancelled service still closes it.
    public func run() async throws {
        try? await gracefulShutdown()
        try await Task.detached { try await self.close() }.value
        logger.info("SQLite database closed")
    }
}
