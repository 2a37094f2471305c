import Foundation
import PostgresNIO
import SQLKit
@testable import Storage
import Testing
import TestRequirements
import TestSupport

/// Reads kept prepared on PostgreSQL connections: one name per text and value types, a bounded number of texts,
/// a name retired when its run fails, and, on a real cluster, a statement prepared once, run again with other values,
/// read again after its table changed, and not kept when it fails.
@Suite struct PostgresKeptStatementsTests {
    typealias Key = PostgresKeptStatements.Key

    @Test func oneNamePerTextAndTypes() {
        let kept = PostgresKeptStatements()
        let byID = Key(sql: "SELECT a FROM t WHERE id = $1", types: [.int8])
        let name = kept.name(for: byID)
        #expect(name != nil)
        #expect(kept.name(for: byID) == name)
        #expect(kept.name(for: Key(sql: byID.sql, types: [.text])) != name)
        #expect(kept.name(for: Key(sql: "SELECT b FROM t WHERE id = $1", types: [.int8])) != name)
    }

    @Test func retiredNamesAreNotUsedAgain() {
        let kept = PostgresKeptStatements()
        let key = Key(sql: "SELECT 1", types: [])
        let first = kept.name(for: key)!
        kept.retire(first, for: key)
        let second = kept.name(for: key)!
        #expect(second != first)
        // A second failure under the first name (on another connection) leaves the new name alone.
        kept.retire(first, for: key)
        #expect(kept.name(for: key) == second)
        // A text retired again and again runs unnamed, so that it leaves no more statements on the connections.
        for _ in 1..<PostgresKeptStatements.retirements { kept.retire(kept.name(for: key)!, for: key) }
        #expect(kept.name(for: key) == nil)
        #expect(kept.name(for: Key(sql: "SELECT 2", types: [])) != nil)
    }

    @Test func namesDifferBetweenProcesses() {
        // Each store draws its own prefix, as each process does.
        let key = Key(sql: "SELECT 1", types: [])
        #expect(PostgresKeptStatements().name(for: key) != PostgresKeptStatements().name(for: key))
    }

    @Test func textsPastTheCapacityRunUnnamed() {
        let kept = PostgresKeptStatements()
        for index in 0..<PostgresKeptStatements.capacity {
            #expect(kept.name(for: Key(sql: "SELECT \(index)", types: [])) != nil)
        }
        #expect(kept.name(for: Key(sql: "SELECT 'one too many'", types: [])) == nil)
        #expect(kept.name(for: Key(sql: "SELECT 0", types: [])) != nil)
    }

    @Test func onlyReadsAreKept() {
        #expect(PostgresKeptStatements.isRead("SELECT 1"))
        #expect(PostgresKeptStatements.isRead("\n  select id FROM t"))
        #expect(!PostgresKeptStatements.isRead("WITH x AS (DELETE FROM t RETURNING id) SELECT * FROM x"))
        #expect(!PostgresKeptStatements.isRead("INSERT INTO t VALUES ($1)"))
        #expect(!PostgresKeptStatements.isRead("UPDATE t SET a = 1"))
        #expect(!PostgresKeptStatements.isRead("BEGIN"))
        #expect(!PostgresKeptStatements.isRead("SELEC"))
    }

    static var postgresIsThere: Bool {
        ProcessInfo.processInfo.environment[TestDatabase.postgresURLVariable] != nil
    }

    @Test(.enabled(if: Requirement.runs(when: postgresIsThere, "a PostgreSQL cluster (\(TestDatabase.postgresURLVariable))")))
    func readsArePreparedOnceAndFollowTheirTable() async throws {
        try Requirement.require(Self.postgresIsThere, TestDatabase.postgresURLVariable)
        try await TestDatabase.with(.postgres, migrate: false) { store in
            try await store.withSQL { sql in
                try await sql.raw("CREATE TABLE items (id BIGINT PRIMARY KEY, label TEXT)").run()
                try await sql.raw("INSERT INTO items VALUES (1, 'one'), (2, 'two')").run()
                // The same text with other values, on one connection: prepared once, under one name.
                for (id, label) in [(Int64(1), "one"), (2, "two"), (1, "one"), (3, nil)] {
                    let read = try await sql.raw("SELECT * FROM items WHERE id = \(bind: id)").first()
                    #expect(try read?.decode(column: "label", as: String.self) == label)
                }
                let kept = try await sql.raw("""
                    SELECT name FROM pg_prepared_statements WHERE statement = 'SELECT * FROM items WHERE id = $1'
                    """).all(decodingColumn: "name", as: String.self)
                #expect(kept.count == 1)
                #expect(kept.first?.hasPrefix("hemicycle_") == true)

                // A read failing while it runs (a division by zero) keeps its name: failing again and again leaves one
                // prepared statement on the connection.
                try await sql.raw("INSERT INTO items VALUES (0, 'zero')").run()
                for _ in 0..<5 {
                    await #expect(throws: PSQLError.self) {
                        try await sql.raw("SELECT 10 / id AS q FROM items WHERE id = \(bind: Int64(0))").all()
                    }
                }
                let failing = try await sql.raw("""
                    SELECT COUNT(*) AS n FROM pg_prepared_statements WHERE statement = 'SELECT 10 / id AS q FROM items WHERE id = $1'
                    """).first(decodingColumn: "n", as: Int.self)
                #expect(failing == 1)

                // The table changes under the kept statement: PostgreSQL refuses the kept plan, the read runs again
                // prepared anew, and sees the new column.
                try await sql.raw("ALTER TABLE items ADD COLUMN note TEXT DEFAULT 'new'").run()
                let changed = try await sql.raw("SELECT * FROM items WHERE id = \(bind: Int64(2))").first()
                #expect(try changed?.decode(column: "note", as: String.self) == "new")
                #expect(try changed?.decode(column: "label", as: String.self) == "two")

                // A read that fails is reported as PostgreSQL words it; once the table it needs exists, it runs.
                await #expect(throws: PSQLError.self) {
                    try await sql.raw("SELECT id FROM later WHERE id = \(bind: Int64(1))").all()
                }
                try await sql.raw("CREATE TABLE later (id BIGINT)").run()
                try await sql.raw("INSERT INTO later VALUES (1)").run()
                let later = try await sql.raw("SELECT id FROM later WHERE id = \(bind: Int64(1))").all(decodingColumn: "id", as: Int64.self)
                #expect(later == [1])
            }
            // Inside a transaction, a changed table fails the read instead of running it again: the transaction is
            // lost, and is rolled back. The ALTER is rolled back with it.
            let error = await #expect(throws: PSQLError.self) {
                try await store.transaction { sql in
                    _ = try await sql.raw("SELECT * FROM items WHERE id = \(bind: Int64(1))").all()
                    try await sql.raw("ALTER TABLE items DROP COLUMN note").run()
                    _ = try await sql.raw("SELECT * FROM items WHERE id = \(bind: Int64(1))").all()
                }
            }
            #expect(error.map(PostgresKeptStatements.isChangedPlan) == true)
            let after = try await store.read { sql in
                try await sql.raw("SELECT * FROM items WHERE id = \(bind: Int64(1))").first()
            }
            #expect(try after?.decode(column: "note", as: String.self) == "new")
            #expect(try after?.decode(column: "label", as: String.self) == "one")

            // A snapshot whose kept read finds its table changed runs again, and reads the table as it now is. The
            // store's connections are used one at a time here, so they are one connection, which kept the read.
            let before = try await store.snapshot { scope in
                try await scope.withSQL { sql in try await sql.raw("SELECT * FROM items WHERE id = \(bind: Int64(2))").first() }
            }
            #expect(before?.contains(column: "extra") == false)
            try await store.withSQL { sql in try await sql.raw("ALTER TABLE items ADD COLUMN extra BIGINT DEFAULT 7").run() }
            let again = try await store.snapshot { scope in
                try await scope.withSQL { sql in try await sql.raw("SELECT * FROM items WHERE id = \(bind: Int64(2))").first() }
            }
            #expect(try again?.decode(column: "extra", as: Int.self) == 7)
        }
    }
}
