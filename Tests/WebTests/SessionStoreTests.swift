import Foundation
import HemicycleDomain
import Storage
import Testing
import TestSupport
@testable import Web

/// The session store reads a session with its account in one statement, and attaches the account only when it is
/// the one the session names.
@Suite struct SessionStoreTests {
    @Test(arguments: TestDatabase.kinds)
    func aSessionCarriesItsOwnAccountOnly(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            let accounts = AccountRepository(database: database)
            let persist = PersistRepository(database: database)
            let clock = TestClock()
            let driver = SQLPersistDriver(repository: persist, clock: clock)
            let now = clock.now().timeIntervalSince1970
            let amal = try await accounts.create(email: "amal@example.org", passwordHash: "h", displayName: "Amal", language: .ar, now: clock.now())
            let omar = try await accounts.create(email: "omar@example.org", passwordHash: "h", displayName: "Omar", language: .fr, now: clock.now())
            func value(_ id: Int64) -> String { "{\"accountID\":\(id),\"csrf\":\"t\"}" }
            // Stored as the store stores it, with the entry's account beside the value.
            try await driver.create(key: "own", value: WebSession(accountID: amal, csrf: "t"), expires: .seconds(60))
            // An entry whose column names another account than its value, and one from before the column existed.
            #expect(try await persist.create(key: "other", value: value(amal), expiresAt: now + 60, now: now, accountID: omar))
            #expect(try await persist.create(key: "old", value: value(amal), expiresAt: now + 60, now: now, accountID: nil))

            let own = try #require(try await driver.get(key: "own", as: WebSession.self))
            #expect(own.accountID == amal && own.account?.id == amal && own.account?.displayName == "Amal")
            let other = try #require(try await driver.get(key: "other", as: WebSession.self))
            #expect(other.accountID == amal && other.account == nil)
            let old = try #require(try await driver.get(key: "old", as: WebSession.self))
            #expect(old.accountID == amal && old.account == nil)
            // The account is never written with the session.
            let stored = try #require(try await persist.get(key: "own", now: now))
            #expect(!stored.value.contains("Amal") && !stored.value.contains("account\""))
        }
    }
}
