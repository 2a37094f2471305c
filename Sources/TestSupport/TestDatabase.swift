import Foundation
import Logging
import Synchronization
import PostgresKit
import PostgresNIO
import SQLKit
import Storage

/// Fresh, migrated databases for tests: a SQLite file in a folder of its own (with reader connections, as served),
/// or a new PostgreSQL database created on the throw-away cluster named by `HEMICYCLE_TEST_POSTGRES_URL` (started by
/// `scripts/test`).
public enum TestDatabase {
    public static let postgresURLVariable = "HEMICYCLE_TEST_POSTGRES_URL"

    /// The kinds to run store tests against. PostgreSQL is required under CI (`CI=true`), so a
    /// missing cluster fails there instead of silently skipping.
    public static var kinds: [DatabaseKind] {
        let environment = ProcessInfo.processInfo.environment
        if environment[postgresURLVariable] != nil || environment["CI"] == "true" { return [.sqlite, .postgres] }
        print("note: \(postgresURLVariable) is not set: PostgreSQL tests skipped (scripts/test sets it).")
        return [.sqlite]
    }

    public struct MissingPostgres: Error, CustomStringConvertible {
        public let description = "\(postgresURLVariable) is not set: run the suite with scripts/test, which starts PostgreSQL"
    }

    /// A PostgreSQL error as the server gave it.
    public struct PostgresFailure: Error, CustomStringConvertible {
        public let description: String
    }

    /// At most 12 PostgreSQL test databases at once.
    static let postgresGate = CountingGate(width: 12)

    static let logger: Logger = {
        var logger = Logger(label: "test-database")
        logger.logLevel = .error
        return logger
    }()

    /// Runs `body` with a new, migrated database of `kind`, then throws it away (a PostgreSQL one is dropped).
    public static func with<T: Sendable>(_ kind: DatabaseKind, migrate: Bool = true,
                                         _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        switch kind {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hemicycle-test-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let store = try await SQLiteStore.open(path: folder.appendingPathComponent("test.sqlite").path, readers: 2, logger: logger)
            do {
                if migrate { try await Migrator(database: store, logger: logger).migrate() }
                let result = try await body(store)
                try await store.close()
                return result
            } catch {
                try? await store.close()
                throw error
            }
        case .postgres:
            guard let raw = ProcessInfo.processInfo.environment[postgresURLVariable] else { throw MissingPostgres() }
            guard case let .postgres(host, port, username, password, database, _, _) = try DatabaseURL(raw) else {
                throw MissingPostgres()
            }
            // The cluster takes 300 connections and each test's pools up to 11: tests beyond the gate's width wait for a
            // database rather than being refused a connection.
            await postgresGate.enter()
            defer { postgresGate.leave() }
            let name = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            let admin = PostgresStore(host: host, port: port, username: username, password: password, database: database,
                                      tls: .disable, logger: logger)
            let store = PostgresStore(host: host, port: port, username: username, password: password, database: name,
                                      tls: .disable, logger: logger)
            // The admin pool creates the database, the test's own pool uses it, and once that pool has stopped
            // (every connection closed) the database is dropped, whether the test passed or not.
            return try await withThrowingTaskGroup(of: Void.self) { adminGroup in
                adminGroup.addTask { try await admin.run() }
                defer { adminGroup.cancelAll() }
                try await admin.withSQL { sql in try await sql.raw("CREATE DATABASE \(ident: name)").run() }
                let outcome: Result<T, any Error>
                do {
                    outcome = .success(try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask { try await store.run() }
                        defer { group.cancelAll() }
                        if migrate { try await Migrator(database: store, logger: logger).migrate() }
                        return try await body(store)
                    })
                } catch {
                    outcome = .failure(error)
                }
                try await admin.withSQL { sql in try await sql.raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run() }
                // PostgreSQL's own words (the server's message and code), not the driver's generic description.
                if case .failure(let error as PSQLError) = outcome { throw PostgresFailure(description: String(reflecting: error)) }
                return try outcome.get()
            }
        }
    }
}

/// A counting semaphore for async code: at most `width` holders; the others wait their turn, first come first served.
final class CountingGate: Sendable {
    private struct State {
        var free: Int
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state: Mutex<State>

    init(width: Int) { state = Mutex(State(free: width)) }

    func enter() async {
        await withCheckedContinuation { continuation in
            let admitted = state.withLock { state -> Bool in
                guard state.free > 0 else {
                    state.waiters.append(continuation)
                    return false
                }
                state.free -= 1
                return true
            }
            if admitted { continuation.resume() }
        }
    }

    /// Hands the place to the longest waiting task, or frees it.
    func leave() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiters.isEmpty else {
                state.free += 1
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.resume()
    }
}
