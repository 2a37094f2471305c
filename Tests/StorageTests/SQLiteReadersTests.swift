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

    /// A reader keeps its statements prepared: the same statement run again with other values reads what those
    /// values select, every kind of value is bound and comes back as stored, more statements than a reader keeps are
    /// all still answered, and a table whose shape changed is read with its new columns, even when SQLite prepared the
    /// statement again on a run that returned no row.
    @Test func keptStatementsReadTheirNewValuesAndShapes() async throws {
        try await Self.withStore { store in
            try await store.withSQL { sql in
                try await sql.raw("CREATE TABLE items (id INTEGER PRIMARY KEY, n INTEGER, x REAL, t TEXT, b BLOB)").run()
                try await sql.raw("INSERT INTO items (id, n, x, t, b) VALUES (1, 7, 2.5, 'été ٣', X'00FF'), (2, NULL, NULL, NULL, NULL)").run()
            }
            struct Item: Decodable, Equatable { let id: Int64; let n: Int?; let x: Double?; let t: String? }
            func item(_ id: Int64) async throws -> Item? {
                try await store.read { sql in try await sql.raw("SELECT id, n, x, t FROM items WHERE id = \(bind: id) ORDER BY id").first(decoding: Item.self) }
            }
            for _ in 0..<3 {
                #expect(try await item(1) == Item(id: 1, n: 7, x: 2.5, t: "été ٣"))
                #expect(try await item(2) == Item(id: 2, n: nil, x: nil, t: nil))
                #expect(try await item(3) == nil)
            }
            // Text (its length counted in bytes, not characters), a real and a blob bound as values.
            let found = try await store.read { sql in
                try await sql.raw("SELECT id FROM items WHERE t = \(bind: "été ٣") AND x = \(bind: 2.5) AND b = \(bind: Data([0x00, 0xFF]))")
                    .all(decodingColumn: "id", as: Int64.self)
            }
            #expect(found == [1])
            let blob = try await store.read { sql in
                try await sql.raw("SELECT b FROM items WHERE id = 1").first(decodingColumn: "b", as: Data.self)
            }
            #expect(blob == Data([0x00, 0xFF]))
            // More distinct statements than a reader keeps, each answered, then the first ones again.
            for round in 0..<2 {
                for number in 0..<300 {
                    let value = try await store.read { sql in
                        try await sql.raw("SELECT \(unsafeRaw: String(number)) + n AS v FROM items WHERE id = 1").first(decodingColumn: "v", as: Int.self)
                    }
                    #expect(value == number + 7, "round \(round), statement \(number)")
                }
            }
            // The same text once the table has a column more, then once a column is renamed (the same number of
            // columns) and a run returns no row first.
            func columns(_ id: Int64) async throws -> [String]? {
                try await store.read { sql in try await sql.raw("SELECT * FROM items WHERE id = \(bind: id)").first()?.allColumns }
            }
            #expect(try await columns(1) == ["id", "n", "x", "t", "b"])
            try await store.withSQL { sql in try await sql.raw("ALTER TABLE items ADD COLUMN note TEXT").run() }
            #expect(try await columns(1) == ["id", "n", "x", "t", "b", "note"])
            try await store.withSQL { sql in try await sql.raw("ALTER TABLE items RENAME COLUMN note TO remark").run() }
            #expect(try await columns(3) == nil)
            #expect(try await columns(1) == ["id", "n", "x", "t", "b", "remark"])
            // A statement SQLite refuses says why.
            await #expect {
                try await store.read { sql in try await sql.raw("SELECT missing_column FROM items").run() }
            } throws: { error in
                String(describing: error).contains("no such column: missing_column")
            }
        }
    }

    /// Once the store is closed, a read fails with `StoreError.closed` instead of touching a closed connection.
    @Test func readsFailOnceTheStoreIsClosed() async throws {
        try await Self.withStore { store in
            #expect(try await store.read { sql in try await sql.raw("SELECT 1 AS one").first(decodingColumn: "one", as: Int.self) } == 1)
            try await store.close()
            await #expect(throws: StoreError.closed) {
                try await store.read { sql in try await sql.raw("SELECT 1 AS one").run() }
            }
            await #expect(throws: StoreError.closed) {
                try await store.snapshot { scope in try await scope.read { sql in try await sql.raw("SELECT 1 AS one").run() } }
            }
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
