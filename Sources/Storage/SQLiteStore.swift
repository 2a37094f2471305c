import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO
import ServiceLifecycle

/// The embedded default: a SQLite database in WAL mode, owned by this service and closed on shutdown.
///
/// One connection writes, one transaction at a time, serialised by a lock that keeps a transaction's statements
/// together. A file database also has reader connections (`read`), which run side by side and see every committed
/// write; an in-memory database (tests) has only the one connection.
public final class SQLiteStore: Database, Service {
    public let kind = DatabaseKind.sqlite
    private let connection: SQLiteConnection
    private let readers: SQLiteReaders?
    /// The writer's thread (readers run their statements on the calling task's thread, `SQLiteReadConnection`).
    private let threadPool: NIOThreadPool
    private let lock = AsyncLock()
    private let logger: Logger
    /// Set once the connection is closed (under the lock): closing twice is harmless.
    private nonisolated(unsafe) var isClosed = false

    private init(connection: SQLiteConnection, readers: SQLiteReaders?, threadPool: NIOThreadPool, logger: Logger) {
        self.connection = connection
        self.readers = readers
        self.threadPool = threadPool
        self.logger = logger
    }

    /// Opens (creating if needed) the database at `path`, or an in-memory one when `path` is nil; a file database
    /// gets `readers` reader connections (by default twice the cores).
    public static func open(path: String?, readers readerCount: Int? = nil, logger: Logger) async throws -> SQLiteStore {
        let readerCount = path == nil ? 0 : max(1, readerCount ?? 2 * System.coreCount)
        let threadPool = NIOThreadPool(numberOfThreads: 1)
        threadPool.start()
        func open() async throws -> SQLiteConnection {
            try await SQLiteConnection.open(storage: path.map { .file(path: $0) } ?? .memory, threadPool: threadPool, logger: logger,
                                            on: MultiThreadedEventLoopGroup.singleton.any())
        }
        var opened: [SQLiteConnection] = []
        do {
            let connection = try await open()
            opened.append(connection)
            let sql = connection.sql(queryLogLevel: .trace)
            if path != nil {
                try await sql.raw("PRAGMA journal_mode = WAL").run()
                try await sql.raw("PRAGMA synchronous = NORMAL").run()
            }
            try await sql.raw("PRAGMA foreign_keys = ON").run()
            try await sql.raw("PRAGMA busy_timeout = 5000").run()
            var pool: SQLiteReaders?
            if let path, readerCount > 0 {
                var readers: [SQLiteReadConnection] = []
                do {
                    for _ in 0..<readerCount { readers.append(try SQLiteReadConnection(path: path, logger: logger)) }
                } catch {
                    for reader in readers { reader.close() }
                    throw error
                }
                pool = SQLiteReaders(readers, logger: logger) { try SQLiteReadConnection(path: path, logger: logger) }
            }
            return SQLiteStore(connection: connection, readers: pool, threadPool: threadPool, logger: logger)
        } catch {
            for connection in opened { try? await connection.close() }
            try? await threadPool.shutdownGracefully()
            throw error
        }
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
            let result = try await body(connection.sql(queryLogLevel: .trace))
            await lock.release()
            return result
        } catch {
            await lock.release()
            throw error
        }
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
        defer { Task { await lock.release() } }
        guard !isClosed else { return }
        isClosed = true
        readers?.close()
        try await connection.close()
        try await threadPool.shutdownGracefully()
    }

    /// Waits for graceful shutdown (or cancellation), then closes the connection, in a task of its own so that a
    /// cancelled service still closes it.
    public func run() async throws {
        try? await gracefulShutdown()
        try await Task.detached { try await self.close() }.value
        logger.info("SQLite database closed")
    }
}
