import Foundation
import SQLKit
import Storage
import Testing
import TestSupport

/// Values come back as they were stored through both stores' own row readers (SQLite's reader connections,
/// PostgreSQL's direct decoding): integers of every width, text, reals, booleans, bytes, NULLs, and the types those
/// readers leave to the drivers (a numeric, a date), read singly and as a model, bound as values and written inline.
@Suite struct StoredValuesTests {
    struct Item: Decodable, Equatable {
        let id: Int64
        let small: Int?
        let label: String?
        let ratio: Double?
        let flag: Bool?
    }

    @Test(arguments: TestDatabase.kinds)
    func valuesComeBackAsStored(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { store in
            try await store.withSQL { sql in
                try await sql.raw("""
                    CREATE TABLE items (id BIGINT PRIMARY KEY, small INTEGER, label TEXT, ratio DOUBLE PRECISION, flag BOOLEAN)
                    """).run()
            }
            try await store.transaction { sql in
                try await sql.raw("""
                    INSERT INTO items (id, small, label, ratio, flag) VALUES
                    (\(bind: Int64(1)), \(bind: 42), \(bind: "été ٣ — «x»"), \(bind: 2.5), \(bind: true)),
                    (\(bind: Int64(2)), \(bind: Int?.none), \(bind: String?.none), \(bind: Double?.none), \(bind: Bool?.none)),
                    (\(bind: Int64(3)), \(bind: -7), \(bind: ""), \(bind: -0.125), \(bind: false))
                    """).run()
            }
            let items = try await store.read { sql in
                try await sql.raw("SELECT id, small, label, ratio, flag FROM items ORDER BY id").all(decoding: Item.self)
            }
            #expect(items == [
                Item(id: 1, small: 42, label: "été ٣ — «x»", ratio: 2.5, flag: true),
                Item(id: 2, small: nil, label: nil, ratio: nil, flag: nil),
                Item(id: 3, small: -7, label: "", ratio: -0.125, flag: false),
            ])
            // A bound text, a NULL test and a computed count; a numeric and a text read as a number and a date.
            let row = try await store.read { sql in
                try await sql.raw("""
                    SELECT COUNT(*) AS n, SUM(small) AS total, CAST(1.5 AS NUMERIC) AS exact
                    FROM items WHERE label = \(bind: "été ٣ — «x»") OR flag IS NULL
                    """).first()
            }
            #expect(try row?.decode(column: "n", as: Int.self) == 2)
            #expect(try row?.decode(column: "total", as: Int64?.self) == 42)
            #expect(try row?.decode(column: "exact", as: Double.self) == 1.5)
            #expect(try row?.decodeNil(column: "total") == false)
            #expect(row?.contains(column: "missing") == false)
            // A NULL bound where nothing else gives it a type.
            let isNull = try await store.read { sql in
                try await sql.raw("SELECT CASE WHEN \(bind: Int64?.none) IS NULL THEN 1 ELSE 0 END AS answer").first(decodingColumn: "answer", as: Int.self)
            }
            #expect(isNull == 1)
            // A bound date goes through the driver's own encoding, as before.
            let found = try await store.read { sql in
                try await sql.raw("SELECT id FROM items WHERE \(bind: Date(timeIntervalSince1970: 0)) IS NOT NULL AND id = \(bind: 3)")
                    .all(decodingColumn: "id", as: Int64.self)
            }
            #expect(found == [3])
        }
    }
}
