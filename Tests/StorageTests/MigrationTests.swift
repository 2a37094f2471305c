import Foundation
import HemicycleDomain
import Logging
import SQLKit
import Storage
import Testing
import TestSupport

@Suite struct MigrationTests {
    @Test(arguments: TestDatabase.kinds)
    func migrationsRunOnceAndAreRecorded(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind, migrate: false) { database in
            let first = try await Migrator(database: database, logger: .init(label: "test")).migrate()
            #expect(first == Migrations.all.map(\.name))
            let second = try await Migrator(database: database, logger: .init(label: "test")).migrate()
            #expect(second.isEmpty)
            #expect(await database.isHealthy())
        }
    }

    /// Sessions from before `persist.account_id` end when it is filled in; sessions naming their account, and other
    /// entries, stay.
    @Test(arguments: TestDatabase.kinds)
    func sessionsWithoutAnAccountEnd(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind, migrate: false) { database in
            let last = try #require(Migrations.all.firstIndex { $0.name == "UpdatePersistEndSessionsWithoutAccount" })
            _ = try await Migrator(database: database, migrations: Array(Migrations.all[..<last]), logger: .init(label: "test")).migrate()
            let persist = PersistRepository(database: database)
            let accounts = AccountRepository(database: database)
            let amal = try await accounts.create(email: "amal@example.org", passwordHash: "h", displayName: "Amal", language: .ar, now: Date())
            for (key, account) in [("hbs.old", Int64?.none), ("hbs.new", amal), ("known-devices", nil)] {
                #expect(try await persist.create(key: key, value: "{}", expiresAt: nil, now: 0, accountID: account))
            }
            #expect(try await Migrator(database: database, migrations: Array(Migrations.all[...last]), logger: .init(label: "test")).migrate()
                == ["UpdatePersistEndSessionsWithoutAccount"])
            #expect(try await persist.get(key: "hbs.old", now: 0) == nil)
            #expect(try await persist.get(key: "hbs.new", now: 0) != nil)
            #expect(try await persist.get(key: "known-devices", now: 0) != nil)
        }
    }

    @Test func migrationNamesAreUnique() {
        let names = Migrations.all.map(\.name)
        #expect(Set(names).count == names.count)
    }

    @Test func databaseURLsAreParsed() throws {
        #expect(try DatabaseURL("sqlite:hemicycle.sqlite") == .sqlite(path: "hemicycle.sqlite"))
        #expect(try DatabaseURL("sqlite::memory:") == .sqlite(path: nil))
        #expect(try DatabaseURL("postgres://h:secret@db.local:5433/hemicycle?sslmode=disable")
            == .postgres(host: "db.local", port: 5433, username: "h", password: "secret", database: "hemicycle",
                         requireTLS: false, disableTLS: true))
        #expect(throws: DatabaseURL.ParseError.self) { try DatabaseURL("mysql://x") }
        #expect(throws: DatabaseURL.ParseError.self) { try DatabaseURL("sqlite:") }
    }
}
