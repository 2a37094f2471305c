import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO
import CSQLiteOptions
import Synchronization
// The SQLite library SQLiteNIO builds (its own copy, its functions prefixed `sqlite_nio_`): every connection to one
// database must use the very same library, or they would not share the locks that keep WAL reads consistent.
import VaporCSQLite

/// A SQLite connection whose statements are prepared once and kept, and run on the calling task's thread.
///
/// SQLiteNIO prepares every statement again on every call and runs it on a thread pool, handing each row back to an
/// event loop as a task of its own: for a page's dozen small indexed reads (each 5–50 µs of SQLite's own work), and
/// for the writer's short transactions (a batch of votes: six statements, a few hundred microseconds of SQLite's
/// work), the parsing and the thread hops cost more than the statements, and under load each hop waits for a core.
/// A connection is lent to one task at a time (`SQLiteReaders` for readers, the store's lock for the writer) and never
/// suspends while it runs a statement; a lock held for the statement's run still keeps two threads apart should a
/// caller share it (`async let` over one snapshot).
///
/// A reader is `query_only`: asked to write, it refuses rather than racing the writer.
final class SQLiteDirectConnection: SQLDatabase, @unchecked Sendable {
    /// A prepared statement and the names of its columns, read again whenever SQLite has prepared the statement again
    /// (the schema changed: a column added, renamed or moved).
    private final class Prepared {
        let handle: OpaquePointer
        var columns: ColumnNames
        /// How many times SQLite had prepared the statement again when `columns` were read.
        var reprepared: Int32

        init(handle: OpaquePointer) {
            self.handle = handle
            self.columns = Self.columnNames(handle)
            self.reprepared = sqlite_nio_sqlite3_stmt_status(handle, SQLITE_STMTSTATUS_REPREPARE, 0)
        }

        /// Of two columns with one name, the first answers, as in SQLiteNIO's rows.
        static func columnNames(_ handle: OpaquePointer) -> ColumnNames {
            ColumnNames((0..<sqlite_nio_sqlite3_column_count(handle)).map { index in
                sqlite_nio_sqlite3_column_name(handle, index).map { String(cString: $0) } ?? ""
            }, duplicates: .first)
        }

        /// The columns as the statement now has them.
        func currentColumns() -> ColumnNames {
            let now = sqlite_nio_sqlite3_stmt_status(handle, SQLITE_STMTSTATUS_REPREPARE, 0)
            if now != reprepared {
                reprepared = now
                columns = Self.columnNames(handle)
            }
            return columns
        }
    }

    private let handle: OpaquePointer
    /// Held while a statement runs (and while closing): `handle`, `statements` and `isClosed` are used under it.
    private let lock = Mutex(())
    private var statements: [String: Prepared] = [:]
    private var isClosed = false
    private let encoder = SQLiteDataEncoder()
    private let decoder = SQLiteDataDecoder()
    let logger: Logger
    let eventLoop: any EventLoop
    var dialect: any SQLDialect { SQLiteDialect() }
    var queryLogLevel: Logger.Level? { .trace }

    /// Statements kept per connection at most; past this (queries built with varying text), all are finalised and
    /// the connection starts again with the new one.
    static let statementLimit = 256
    /// Statements with more bound values than this are prepared for one run and finalised: their texts vary with a
    /// list's length (a batch's rows), and kept they would crowd out the statements run again and again.
    static let keptBindLimit = 64

    /// Opens `path` for reading beside its writer.
    static func reader(path: String, logger: Logger) throws -> SQLiteDirectConnection {
        try SQLiteDirectConnection(path: path, flags: SQLITE_OPEN_READWRITE, setup: ["PRAGMA query_only = ON"], logger: logger)
    }

    /// Opens (creating it if needed) the database at `path`, or a new in-memory one when `path` is nil, as its one
    /// writer: in WAL mode for a file, with foreign keys enforced.
    static func writer(path: String?, logger: Logger) throws -> SQLiteDirectConnection {
        let file = ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL"]
        return try SQLiteDirectConnection(path: path ?? ":memory:", flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                          setup: (path == nil ? [] : file) + ["PRAGMA foreign_keys = ON"], logger: logger)
    }

    private init(path: String, flags: Int32, setup: [String], logger: Logger) throws {
        var handle: OpaquePointer?
        let opened = sqlite_nio_sqlite3_open_v2(path, &handle, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard opened == SQLITE_OK, let handle else {
            let message = handle.flatMap { sqlite_nio_sqlite3_errmsg($0).map { String(cString: $0) } } ?? "cannot open \(path)"
            if let handle { sqlite_nio_sqlite3_close_v2(handle) }
            throw SQLiteDirectError(code: opened, message: message)
        }
        self.handle = handle
        self.logger = logger
        self.eventLoop = MultiThreadedEventLoopGroup.singleton.any()
        sqlite_nio_sqlite3_busy_timeout(handle, 5000)
        do {
            // Plans that do not depend on bound values: otherwise SQLite prepares a kept statement again on every run
            // when its WHERE compares a column to a bound value and it has an ORDER BY (most of the pages' reads).
            try check(hemicycle_sqlite_enable_qpsg(UnsafeMutableRawPointer(handle)))
            for pragma in setup { try execute(sql: pragma, binds: []) { _ in } }
        } catch {
            sqlite_nio_sqlite3_close_v2(handle)
            throw error
        }
    }

    /// Finalises the kept statements and closes the connection; later statements fail.
    func close() {
        lock.withLock { _ in
            guard !isClosed else { return }
            isClosed = true
            for prepared in statements.values { sqlite_nio_sqlite3_finalize(prepared.handle) }
            statements = [:]
            sqlite_nio_sqlite3_close_v2(handle)
        }
    }

    /// Whether a transaction is open on the connection (a snapshot whose ROLLBACK failed).
    var isInTransaction: Bool {
        lock.withLock { _ in !isClosed && sqlite_nio_sqlite3_get_autocommit(handle) == 0 }
    }

    // MARK: SQLDatabase

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        do {
            try run(query, onRow)
            return eventLoop.makeSucceededVoidFuture()
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        try run(query, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }

    private func run(_ query: any SQLExpression, _ onRow: (any SQLRow) -> ()) throws {
        let (sql, rawBinds) = serialize(query)
        if logger.logLevel <= .trace {
            logger.trace("Executing query", metadata: ["sql": .string(sql), "binds": .array(rawBinds.map { .string("\($0)") })])
        }
        try execute(sql: sql, binds: rawBinds.map { try encoder.encode($0) }, onRow)
    }

    // MARK: Statements

    func execute(sql: String, binds: [SQLiteData], _ onRow: (any SQLRow) -> ()) throws {
        try lock.withLock { _ throws(any Error) in
            guard !isClosed else { throw SQLiteDirectError(code: SQLITE_MISUSE, message: "The connection is closed.") }
            try run(sql: sql, binds: binds, onRow)
        }
    }

    /// Runs a statement; under the lock.
    private func run(sql: String, binds: [SQLiteData], _ onRow: (any SQLRow) -> ()) throws {
        let keep = binds.count <= Self.keptBindLimit
        let prepared = try statement(sql, keep: keep)
        let statement = prepared.handle
        defer {
            if keep {
                sqlite_nio_sqlite3_reset(statement)
                sqlite_nio_sqlite3_clear_bindings(statement)
            } else {
                sqlite_nio_sqlite3_finalize(statement)
            }
        }
        for (offset, bind) in binds.enumerated() {
            try check(Self.bind(bind, at: Int32(offset + 1), to: statement))
        }
        var stepped = sqlite_nio_sqlite3_step(statement)
        // Checked after the first step, whatever it gave: SQLite prepares a statement again there if it must.
        let columns = prepared.currentColumns()
        while stepped == SQLITE_ROW {
            let count = columns.names.count
            var values: [SQLiteData] = []
            values.reserveCapacity(count)
            for index in 0..<Int32(count) { values.append(Self.value(at: index, of: statement)) }
            onRow(DirectRow(columnNames: columns, values: values, decoder: decoder))
            stepped = sqlite_nio_sqlite3_step(statement)
        }
        guard stepped == SQLITE_DONE else { throw error(stepped) }
    }

    private func statement(_ sql: String, keep: Bool) throws -> Prepared {
        if let prepared = statements[sql] { return prepared }
        if keep, statements.count >= Self.statementLimit {
            for prepared in statements.values { sqlite_nio_sqlite3_finalize(prepared.handle) }
            statements = [:]
        }
        var statement: OpaquePointer?
        let flags = keep ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let result = sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, flags, &statement, nil)
        guard result == SQLITE_OK else {
            if let statement { sqlite_nio_sqlite3_finalize(statement) }
            throw error(result)
        }
        guard let statement else { throw SQLiteDirectError(code: SQLITE_MISUSE, message: "The query holds no statement.") }
        let prepared = Prepared(handle: statement)
        if keep { statements[sql] = prepared }
        return prepared
    }

    private static func bind(_ value: SQLiteData, at index: Int32, to statement: OpaquePointer) -> Int32 {
        switch value {
        case .integer(let integer): sqlite_nio_sqlite3_bind_int64(statement, index, Int64(integer))
        case .float(let double): sqlite_nio_sqlite3_bind_double(statement, index, double)
        case .null: sqlite_nio_sqlite3_bind_null(statement, index)
        case .text(let text):
            sqlite_nio_sqlite3_bind_text64(statement, index, text, UInt64(text.utf8.count), transient, UInt8(SQLITE_UTF8))
        case .blob(let blob):
            blob.withUnsafeReadableBytes { bytes in
                sqlite_nio_sqlite3_bind_blob64(statement, index, bytes.baseAddress, UInt64(bytes.count), transient)
            }
        }
    }

    private static func value(at index: Int32, of statement: OpaquePointer) -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER:
            return .integer(SQLiteInt64(sqlite_nio_sqlite3_column_int64(statement, index)))
        case SQLITE_FLOAT:
            return .float(sqlite_nio_sqlite3_column_double(statement, index))
        case SQLITE_TEXT:
            guard let text = sqlite_nio_sqlite3_column_text(statement, index) else { return .text("") }
            let length = Int(sqlite_nio_sqlite3_column_bytes(statement, index))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self))
        case SQLITE_BLOB:
            let length = Int(sqlite_nio_sqlite3_column_bytes(statement, index))
            var buffer = ByteBufferAllocator().buffer(capacity: length)
            if let bytes = sqlite_nio_sqlite3_column_blob(statement, index) {
                buffer.writeBytes(UnsafeRawBufferPointer(start: bytes, count: length))
            }
            return .blob(buffer)
        default:
            return .null
        }
    }

    private func check(_ result: Int32) throws {
        guard result == SQLITE_OK else { throw error(result) }
    }

    private func error(_ code: Int32) -> SQLiteDirectError {
        SQLiteDirectError(code: code, message: sqlite_nio_sqlite3_errmsg(handle).map { String(cString: $0) } ?? "SQLite error \(code)")
    }

    /// SQLite copies the bound text or blob before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

/// A statement a direct connection could not open, prepare or run.
struct SQLiteDirectError: Error, CustomStringConvertible {
    let code: Int32
    let message: String
    var description: String { "SQLite error \(code): \(message)" }
}

/// One row a direct connection returned.
private struct DirectRow: PositionedRow {
    let columnNames: ColumnNames
    let values: [SQLiteData]
    let decoder: SQLiteDataDecoder

    func isNull(at index: Int) -> Bool { values[index] == .null }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let index = columnNames.index(of: column) else {
            throw SQLiteDirectError(code: SQLITE_MISUSE, message: "The row has no column \(column).")
        }
        return try decode(at: index, column: column, as: D.self)
    }

    func decode<D: Decodable>(at index: Int, column: String, as type: D.Type) throws -> D {
        let value = values[index]
        // The types rows hold most, without the decoder's dynamic casts.
        switch value {
        case .integer(let integer):
            if D.self == Int64.self || D.self == Int64?.self { return Int64(integer) as! D }
            if D.self == Int.self || D.self == Int?.self { return Int(integer) as! D }
        case .text(let text):
            if D.self == String.self || D.self == String?.self { return text as! D }
        case .float(let double):
            if D.self == Double.self || D.self == Double?.self { return double as! D }
        case .null:
            if D.self == Int64?.self { return Int64?.none as! D }
            if D.self == String?.self { return String?.none as! D }
            if D.self == Double?.self { return Double?.none as! D }
            if D.self == Int?.self { return Int?.none as! D }
        default: break
        }
        return try decoder.decode(D.self, from: value)
    }
}
