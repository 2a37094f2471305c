import Foundation
import SQLKit
@testable import Storage
import Testing
import TestSupport

/// Models are decoded from the stores' own rows by `PositionedRowDecoder`, and from any other row by SQLKit's
/// decoder: both give the same models, read prefixed columns, and refuse a missing column or a NULL where the model
/// needs a value.
@Suite struct RowDecoderTests {
    enum Kind: String, Decodable { case small, large }

    struct Item: Decodable, Equatable {
        let id: Int64
        let label: String
        let note: String?
        let count: Int
        let ratio: Double?
        let flag: Bool
        let kind: Kind
        let parent: Int64?

        enum CodingKeys: String, CodingKey {
            case id, label, note, count, ratio, flag, kind
            case parent = "parent_id"
        }
    }

    static let expected = [
        Item(id: 1, label: "été ٣", note: "n", count: 3, ratio: 0.5, flag: true, kind: .small, parent: nil),
        Item(id: 2, label: "", note: nil, count: -1, ratio: nil, flag: false, kind: .large, parent: 1),
    ]

    static func withItems(_ kind: DatabaseKind, _ body: @escaping @Sendable (any Database) async throws -> Void) async throws {
        try await TestDatabase.with(kind) { store in
            try await store.withSQL { sql in
                try await sql.raw("""
                    CREATE TABLE items (id BIGINT PRIMARY KEY, label TEXT NOT NULL, note TEXT, count INTEGER NOT NULL,
                    ratio DOUBLE PRECISION, flag BOOLEAN NOT NULL, kind TEXT NOT NULL, parent_id BIGINT)
                    """).run()
            }
            try await store.transaction { sql in
                try await sql.raw("""
                    INSERT INTO items (id, label, note, count, ratio, flag, kind, parent_id) VALUES
                    (1, \(bind: "été ٣"), \(bind: "n"), 3, 0.5, \(bind: true), 'small', NULL),
                    (2, '', NULL, -1, NULL, \(bind: false), 'large', 1)
                    """).run()
            }
            try await body(store)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func theStoresRowsGiveWhatSQLKitGives(kind: DatabaseKind) async throws {
        try await Self.withItems(kind) { store in
            let query = "SELECT id, label, note, count, ratio, flag, kind, parent_id FROM items ORDER BY id"
            // The reads' rows are the stores' own, so the decoder under test is the one that runs.
            let positioned = try await store.read { sql in try await sql.raw(SQLQueryString(query)).all().allSatisfy { $0 is any PositionedRow } }
            #expect(positioned)
            let ours = try await store.read { sql in try await sql.raw(SQLQueryString(query)).decodeAll(Item.self) }
            let sqlKit = try await store.read { sql in try await sql.raw(SQLQueryString(query)).all(decoding: Item.self) }
            #expect(ours == Self.expected && sqlKit == Self.expected)
            // Through the writer's rows (SQLite's driver, not a reader), the same models by SQLKit's decoder.
            let written = try await store.transaction { sql in try await sql.raw(SQLQueryString(query)).decodeAll(Item.self) }
            #expect(written == Self.expected)
            #expect(try await store.read { sql in try await sql.raw(SQLQueryString(query + " LIMIT 1")).decodeFirst(Item.self) } == Self.expected.first)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func prefixedColumnsMissingColumnsAndNulls(kind: DatabaseKind) async throws {
        try await Self.withItems(kind) { store in
            // A model read from prefixed columns beside others.
            let prefixed = try await store.read { sql in
                try await sql.raw("""
                    SELECT 0 AS id, i.id AS x_id, i.label AS x_label, i.note AS x_note, i.count AS x_count, i.ratio AS x_ratio,
                    i.flag AS x_flag, i.kind AS x_kind, i.parent_id AS x_parent_id FROM items i WHERE i.id = 2
                    """).first()?.decodeModel(Item.self, prefix: "x_")
            }
            #expect(prefixed == Self.expected[1])
            // A model whose column is missing, and a NULL where the model needs a value, are refused.
            await #expect(throws: DecodingError.self) {
                try await store.read { sql in try await sql.raw("SELECT id, label FROM items").decodeAll(Item.self) }
            }
            // A NULL in a text and in an integer the model needs: the driver's decoding error (PostgresKit's own type on
            // PostgreSQL), not a statement's.
            for query in ["SELECT id, note AS label, note, count, ratio, flag, kind, parent_id FROM items WHERE id = 2",
                          "SELECT parent_id AS id, label, note, count, ratio, flag, kind, parent_id FROM items WHERE id = 1"] {
                let error = await #expect(throws: (any Error).self) {
                    try await store.read { sql in try await sql.raw(SQLQueryString(query)).decodeAll(Item.self) }
                }
                #expect(error.map { $0 is DecodingError || String(describing: type(of: $0)) == "PostgresDecodingError" } == true, "\(query)")
            }
            // Two columns of one name: each database's own rule (SQLite's driver reads the first, PostgreSQL's the last),
            // the same as SQLKit's decoder gives.
            let twice = "SELECT 1 AS id, label, note, count, ratio, flag, kind, parent_id, 2 AS id FROM items WHERE id = 1"
            let ours = try await store.read { sql in try await sql.raw(SQLQueryString(twice)).decodeAll(Item.self) }
            let sqlKit = try await store.read { sql in try await sql.raw(SQLQueryString(twice)).all(decoding: Item.self) }
            #expect(ours.map(\.id) == [kind == .sqlite ? 1 : 2] && ours == sqlKit)
        }
    }
}
