import Foundation
import HemicycleDomain
import Logging
import Storage
import Testing
import TestSupport
@testable import Web

/// Production never runs with the demo, whose administrator's password is public; its first administrator comes
/// from the command line.
@Suite struct ProductionTests {
    static func production() -> AppConfiguration {
        var configuration = Harness.configuration()
        configuration.environment = "production"
        return configuration
    }

    @Test(arguments: TestDatabase.kinds)
    func productionNeverLoadsTheDemoAndRefusesToStartWithIt(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            let logger = Logger(label: "test")
            await #expect(throws: HemicycleServer.StartupRefusal.self) {
                _ = try await HemicycleServer.loadDemoData(configuration: Self.production(), database: database, logger: logger)
            }
            #expect(try await CouncilRepository(database: database).count() == 0)
            try await HemicycleServer.checkProduction(Self.production(), accounts: AccountRepository(database: database))
            // A database that holds the demo cannot be served in production.
            #expect(try await HemicycleServer.loadDemoData(configuration: Harness.configuration(), database: database, logger: logger))
            await #expect(throws: HemicycleServer.StartupRefusal.self) {
                try await HemicycleServer.checkProduction(Self.production(), accounts: AccountRepository(database: database))
            }
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func theFirstAdministratorComesFromTheCommandLine(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            let logger = Logger(label: "test")
            _ = try await HemicycleServer.createAdministrator(configuration: Self.production(), database: database,
                                                              email: "Presidence@Conseil.ma", name: "Présidence", password: "un long mot de passe",
                                                              logger: logger)
            let typed = try #require(try await AccountRepository(database: database).find(email: "presidence@conseil.ma"))
            #expect(typed.isInstanceAdmin && typed.isVerified && typed.passwordHash != nil)
            _ = try await HemicycleServer.createAdministrator(configuration: Self.production(), database: database,
                                                              email: "secretariat@conseil.ma", name: nil, password: nil, logger: logger)
            let linked = try #require(try await AccountRepository(database: database).find(email: "secretariat@conseil.ma"))
            // Until the mailed link is used, the account holds no right (its address is not proven).
            #expect(linked.isInstanceAdmin && !linked.isVerified && linked.passwordHash == nil)
            #expect(!CouncilActor(role: nil, isInstanceAdministrator: true, isVerified: linked.isVerified).isInstanceAdministrator)
            #expect(try await OutboxRepository(database: database).latest().contains { $0.recipient == "secretariat@conseil.ma" && $0.kind == "reset_password" })
            try await HemicycleServer.checkProduction(Self.production(), accounts: AccountRepository(database: database))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func whoeverRegisteredTheAddressFirstKeepsNothing(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            let accounts = AccountRepository(database: database)
            let squatter = try await accounts.create(email: "direction@conseil.ma", passwordHash: "$2b$04$squatterhashsquatterhashsquatterhashsquatterhas",
                                                     displayName: "Squatter", language: nil, verified: true, now: TestClock.start)
            _ = try await PersistRepository(database: database).create(key: "hbs.x", value: "{}", expiresAt: nil, now: 0, accountID: squatter)
            _ = try await HemicycleServer.createAdministrator(configuration: Self.production(), database: database,
                                                              email: "direction@conseil.ma", name: nil, password: nil, logger: Logger(label: "test"))
            let account = try #require(try await accounts.find(id: squatter))
            #expect(account.isInstanceAdmin && account.passwordHash == nil && !account.isVerified)
            #expect(try await PersistRepository(database: database).count(accountID: squatter) == 0)
        }
    }
}
