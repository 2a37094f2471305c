import Foundation
import Logging
import NIOCore
import SQLKit
import Storage

/// A database that counts the statements run through it, so that a test can check a page costs a fixed number of
/// queries whatever the number of ballots or members.
public final class CountingDatabase: Database, @unchecked Sendable {
    public let base: any Database
    private let tally: Tally

    /// The count, shared by the database and the snapshots it opens.
    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private var statements = 0

        func add() {
            lock.lock()
            statements += 1
            lock.unlock()
        }

        func take() -> Int {
            lock.lock()
            defer { statements = 0; lock.unlock() }
            return statements
        }
    }

    public convenience init(_ base: any Database) { self.init(base, tally: Tally()) }

    init(_ base: any Database, tally: Tally) {
        self.base = base
        self.tally = tally
    }

    public var kind: DatabaseKind { base.kind }

    /// Statements run since the last call, and starts counting again.
    public func take() -> Int { tally.take() }

    func count() { tally.add() }

    /// Reads go where the served database sends them (SQLite's reader connections), counted.
    public func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await base.read { sql in try await body(CountingSQLDatabase(base: sql, counter: self)) }
    }

    /// A snapshot is the served database's own (one read transaction on one connection); the statements run in it are
    /// counted, not the BEGIN and COMMIT around them.
    public func snapshot<T: Sendable>(_ body: (any Database) async throws -> T) async throws -> T {
        try await base.snapshot { scope in try await body(CountingDatabase(scope, tally: tally)) }
    }

    public func withSQL<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await base.withSQL { sql in try await body(CountingSQLDatabase(base: sql, counter: self)) }
    }

    public func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await base.transaction { sql in try await body(CountingSQLDatabase(base: sql, counter: self)) }
    }

    public func close() async throws { try await base.close() }
}

/// Forwards every statement to `base` and counts it.
struct CountingSQLDatabase: SQLDatabase {
    let base: any SQLDatabase
    let counter: CountingDatabase

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        counter.count()
        return base.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        counter.count()
        try await base.execute(sql: query, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await base.withSession { session in try await closure(CountingSQLDatabase(base: session, counter: counter)) }
    }
}
