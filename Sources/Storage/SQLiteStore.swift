import Logging
import NIOCore
import SQLKit
import ServiceLifecycle

/// The embedded default: a SQLite database in WAL mode, owned by this service and closed on shutdown.
///
/// One connection writes, one transaction at a time, serialised by a lock that keeps a transaction's statements
/// together. A file database also has reader connections (`read`), which run side by side and see every committed
/// write; an in-memory database (tests) has only the one connection. Every connection runs its statements on the
/// calling task's thread (`SQLiteDirectConnection`).
public final class SQLiteStore: Database, Service {
    public let kind = DatabaseKind.sqlite
    private let connection: SQLiteDirectConnection
    private let readers: SQLiteReaders?
    private let lock = AsyncLock()
    private let logger: Logger
    /// Set once the connection is closed (under the lock): closing twice is harmless.
    private nonisolated(unsafe) var isClosed = false

    private init(connection: SQLiteDirectConnection, readers: SQLiteReaders?, logger: Logger) {
        self.connection = connection
        self.readers = readers
        self.logger = logger
    }

    /// Opens (creating if needed) the database at `path`, or an in-memory one when `path` is nil; a file database
    /// gets `readers` reader connections (by default twice the cores).
    public static func open(path: String?, readers readerCount: Int? = nil, logger: Logger) async throws -> SQLiteStore {
        let readerCount = path == nil ? 0 : max(1, readerCount ?? 2 * System.coreCount)
        let connection = try SQLiteDirectConnection.writer(path: path, logger: logger)
        var pool: SQLiteReaders?
        if let path, readerCount > 0 {
            var readers: [SQLiteDirectConnection] = []
            do {
                for _ in 0..<readerCount { readers.append(try SQLiteDirectConnection.reader(path: path, logger: logger)) }
            } catch {
                for reader in readers { reader.close() }
                connection.close()
                throw error
            }
            pool = SQLiteReaders(readers, logger: logger) { try SQLiteDirectConnection.reader(path: path, logger: logger) }
        }
        return SQLiteStore(connection: connection, readers: pool, logger: logger)
    }

    public func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        guard let readers else { return try await withSQL(body) }
        let reader = try await readers.take()
        do {
            let result = try await body(reader)
            readers.give(reader)
            return result
        } catch {
            readers.give(reader)
            throw error
        }
    }

    public func withSQL<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        await lock.acquire()
        do {
            let result = try await body(connection)
            endLeftTransaction()
            lock.release()
            return result
        } catch {
            endLeftTransaction()
            lock.release()
            throw error
        }
    }

    /// A transaction left open on the writer (a ROLLBACK that failed) would refuse every later BEGIN: rolled back
    /// before the next holder of the lock.
    private func endLeftTransaction() {
        guard connection.isInTransaction else { return }
        logger.error("A SQLite write transaction was left open; it is rolled back")
        try? connection.execute(sql: "ROLLBACK", binds: []) { _ in }
    }

    public func snapshot<T: Sendable>(_ body: (any Database) async throws -> T) async throws -> T {
        guard let readers else { return try await withSQL { sql in try await body(TransactionScope(kind: .sqlite, sql: sql)) } }
        let reader = try await readers.take()
        do {
            // A deferred transaction on a reader: its first read fixes the snapshot the others see.
            let result = try await reader.inTransaction(begin: "BEGIN") { sql in
                try await body(TransactionScope(kind: .sqlite, sql: sql))
            }
            readers.give(reader)
            return result
        } catch {
            readers.give(reader)
            throw error
        }
    }

    public func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        // IMMEDIATE takes the write lock at once, so a transaction never fails half-way on a busy database.
        try await withSQL { sql in try await sql.inTransaction(begin: "BEGIN IMMEDIATE", body) }
    }

    public func close() async throws {
        await lock.acquire()
        defer { lock.release() }
        guard !isClosed else { return }
        isClosed = true
        readers?.close()
        connection.close()
    }

    /// Waits for graceful shutdown (or cancellation), then closes the connection, in a task of its own so that a
    /// cancelled service still closes it.
    public func run() async throws {
        try? await gracefulShutdown()
        try await Task.detached { try await self.close() }.value
        logger.info("SQLite database closed")
    }
}
