import Foundation
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
