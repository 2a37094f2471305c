import Foundation
import Logging
import SQLKit
import Storage
import Testing
import TestSupport

/// A SQLite file is read through reader connections beside its one writer: every committed write is seen at once,
/// reads never write, and many run side by side.
@Suite struct SQLiteReadersTests {
    static func withStore(_ body: (SQLiteStore) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hemicycle-readers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var logger = Logger(label: "readers")
        logger.logLevel = .error
        let store = try await SQLiteStore.open(path: folder.appendingPathComponent("readers.sqlite").path, readers: 3, logger: logger)
        do {
            try await body(store)
            try await store.close()
        } catch {
            try? await store.close()
            throw error
        }
    }

    static func count(_ store: SQLiteStore) async throws -> Int {
        try await store.read { sql in try await sql.raw("SELECT COUNT(*) AS n FROM items").first(decodingColumn: "n", as: Int.self) ?? -1 }
    }

    @Test func everyCommittedWriteIsReadAtOnce() async throws {
        try await Self.withStore { store in
            try await store.withSQL { sql in try await sql.raw("CREATE TABLE items (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)").run() }
            for number in 1...20 {
                if number.isMultiple(of: 2) {
                    try await store.transaction { sql in try await sql.raw("INSERT INTO items (n) VALUES (\(bind: number))").run() }
                } else {
                    try await store.withSQL { sql in try await sql.raw("INSERT INTO items (n) VALUES (\(bind: number))").run() }
                }
                #expect(try await Self.count(store) == number)
            }
        }
    }

    @Test func readersRunBesideTheWriterAndNeverWrite() async throws {
        try await Self.withStore { store in
            try await store.withSQL { sql in try await sql.raw("CREATE TABLE items (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)").run() }
            // Sixteen readers at once (more than the connections) while the writer adds rows: each sees a count that
            // never goes down, and the last sees them all.
            try await withThrowingTaskGroup(of: [Int].self) { group in
                group.addTask {
                    for number in 1...50 {
                        try await store.transaction { sql in try await sql.raw("INSERT INTO items (n) VALUES (\(bind: number))").run() }
                    }
                    return []
                }
                for _ in 0..<16 {
                    group.addTask { var seen: [Int] = []; for _ in 0..<25 { seen.append(try await Self.count(store)) }; return seen }
                }
                for try await seen in group {
                    #expect(seen == seen.sorted(), "a reader never sees fewer rows than it saw before")
                }
            }
            #expect(try await Self.count(store) == 50)
            await #expect(throws: (any Error).self) {
                try await store.read { sql in try await sql.raw("INSERT INTO items (n) VALUES (0)").run() }
            }
            #expect(try await Self.count(store) == 50)
        }
    }

    /// A snapshot's reads all see the state of its first one, on SQLite (a reader's transaction) and PostgreSQL
    /// (repeatable read): a write committed meanwhile shows only after it.
    @Test(arguments: TestDatabase.kinds)
    func aSnapshotSeesOneState(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { store in
            try await store.withSQL { sql in try await sql.raw("CREATE TABLE items (n INTEGER NOT NULL)").run() }
            try await store.transaction { sql in try await sql.raw("INSERT INTO items (n) VALUES (1)").run() }
            func count(_ database: any Database) async throws -> Int {
                try await database.read { sql in
                    try await sql.raw("SELECT COUNT(*) AS n FROM items").first(decodingColumn: "n", as: Int.self) ?? -1
                }
            }
            let seen = try await store.snapshot { scope in
                let before = try await count(scope)
                try await store.transaction { sql in try await sql.raw("INSERT INTO items (n) VALUES (2)").run() }
                return [before, try await count(scope)]
            }
            #expect(seen == [1, 1])
            #expect(try await count(store) == 2)
        }
    }
}
