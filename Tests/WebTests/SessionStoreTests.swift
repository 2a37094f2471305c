import Foundation
import HemicycleDomain
import Storage
import Testing
import TestSupport
@testable import Web

/// The session store reads a session with its account in one statement, and attaches the account only when it is
/// the one the session names.
@Suite struct SessionStoreTests {
    /// The repositories and the session store over one database, on a fixed clock.
    static func store(_ database: any Database) -> (AccountRepository, PersistRepository, TestClock, SQLPersistDriver) {
        let persist = PersistRepository(database: database)
        let clock = TestClock()
        return (AccountRepository(database: database), persist, clock, SQLPersistDriver(repository: persist, clock: clock))
    }

    @Test(arguments: TestDatabase.kinds)
    func aSessionCarriesItsOwnAccountOnly(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            let (accounts, persist, clock, driver) = Self.store(database)
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

    /// An update of a session that was revoked meanwhile (signed out everywhere while a request on it ran) leaves it
    /// revoked; a new session is stored with its expiry, and an update keeps that expiry.
    @Test(arguments: TestDatabase.kinds)
    func aRevokedSessionIsNotBroughtBack(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            let (accounts, persist, clock, driver) = Self.store(database)
            let now = clock.now().timeIntervalSince1970
            let amal = try await accounts.create(email: "amal@example.org", passwordHash: "h", displayName: "Amal", language: .ar, now: clock.now())
            try await driver.set(key: "kept", value: WebSession(accountID: amal, csrf: "a"), expires: .seconds(60))
            try await driver.set(key: "revoked", value: WebSession(accountID: amal, csrf: "b"), expires: .seconds(60))
            try await persist.remove(key: "revoked")
            // The session middleware's update of a loaded session: no expiry given.
            try await driver.set(key: "revoked", value: WebSession(accountID: amal, csrf: "c"), expires: nil)
            try await driver.set(key: "kept", value: WebSession(accountID: amal, csrf: "d"), expires: nil)
            #expect(try await persist.get(key: "revoked", now: now) == nil)
            let kept = try #require(try await persist.get(key: "kept", now: now))
            // The test clock moves a millisecond at each reading.
            #expect(kept.expiresAt.map { $0 > now + 59 && $0 < now + 61 } == true && kept.value.contains("\"d\""))
            #expect(try await persist.count(accountID: amal) == 1)
        }
    }
}
