import Foundation
import HemicycleDomain
import SQLKit
import Storage
import Testing
import TestSupport

struct Boom: Error {}

@Suite struct AccountRepositoryTests {
    @Test(arguments: TestDatabase.kinds)
    func duplicateEmailIsRefusedAndNothingChanges(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            let accounts = AccountRepository(database: database)
            let id = try await accounts.create(email: "nadia@example.org", passwordHash: "h", displayName: "Nadia", language: .ar, now: TestClock.start)
            await #expect(throws: StoreError.duplicateEmail) {
                _ = try await accounts.create(email: "nadia@example.org", passwordHash: "other", displayName: "Other", language: nil, now: TestClock.start)
            }
            #expect(try await accounts.count() == 1)
            let stored = try #require(try await accounts.find(id: id))
            #expect(stored.displayName == "Nadia")
            #expect(stored.passwordHash == "h")
            #expect(stored.language == .ar)
            #expect(!stored.isInstanceAdmin)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aSessionIsReadWithItsAccountInOneStatement(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            let accounts = AccountRepository(database: database)
            let persist = PersistRepository(database: database)
            let now = TestClock.start.timeIntervalSince1970
            let id = try await accounts.create(email: "amal@example.org", passwordHash: "h", displayName: "Amal", language: .ar, now: TestClock.start)
            #expect(try await persist.create(key: "s1", value: "{\"a\":1}", expiresAt: now + 60, now: now, accountID: id))
            #expect(try await persist.create(key: "s2", value: "{}", expiresAt: nil, now: now))
            #expect(try await persist.create(key: "s3", value: "{}", expiresAt: now - 1, now: now - 2, accountID: id))
            let withAccount = try #require(try await persist.getSession(key: "s1", now: now))
            #expect(withAccount.value == "{\"a\":1}")
            #expect(withAccount.expiresAt == now + 60)
            #expect(withAccount.account == (try await accounts.find(id: id)))
            // An entry naming no account, an expired one, a missing one.
            let anonymous = try #require(try await persist.getSession(key: "s2", now: now))
            #expect(anonymous.account == nil && anonymous.expiresAt == nil)
            #expect(try await persist.getSession(key: "s3", now: now) == nil)
            #expect(try await persist.getSession(key: "none", now: now) == nil)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func erasingAnAccountRemovesPersonalDataButKeepsAPseudonym(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            let accounts = AccountRepository(database: database)
            let councils = CouncilRepository(database: database)
            let groups = GroupRepository(database: database)
            let memberships = MembershipRepository(database: database)
            let outbox = OutboxRepository(database: database)
            let councilID = try await councils.create(NewCouncil(
                slug: "cese-test", name: LocalizedText(fr: "Conseil", ar: nil, en: nil), country: "FR",
                defaultLanguage: .fr, languages: [.fr]), at: TestClock.start)
            let groupID = try await groups.create(councilID: councilID, name: LocalizedText(fr: "Groupe", ar: nil, en: nil),
                                                  acronym: nil, description: LocalizedText(), at: TestClock.start)
            let id = try await accounts.create(email: "leaving@example.org", passwordHash: "h", displayName: "Léa", language: .fr, now: TestClock.start)
            try await memberships.add(councilID: councilID, accountID: id, role: .member, groupID: groupID, now: TestClock.start)
            try await outbox.enqueue(recipient: "leaving@example.org", subject: "s", body: "b", kind: "k", at: Date())

            try await accounts.erase(id: id, at: Date())

            let erased = try #require(try await accounts.find(id: id))
            #expect(erased.email == Pseudonym.email(accountID: id))
            #expect(erased.displayName == Pseudonym.displayName(accountID: id))
            #expect(erased.passwordHash == nil)
            #expect(erased.isDeleted)
            #expect(try await accounts.find(email: "leaving@example.org") == nil)
            #expect(try await memberships.all(accountID: id).isEmpty)
            #expect(try await outbox.messages(to: "leaving@example.org").isEmpty)
            // The seat ends rather than disappears; with no public act under it, only the pseudonym stays.
            let ended = try #require(try await memberships.all(councilID: councilID, includingEnded: true).first { $0.accountId == id })
            #expect(!ended.isCurrent && ended.displayName == Pseudonym.displayName(accountID: id))
            #expect(try await memberships.all(councilID: councilID).isEmpty)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func parallelAttemptsEachSeeTheirOwnCount(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            let throttles = ThrottleRepository(database: database)
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<20 { group.addTask { try await throttles.hit("k", window: 900, now: now).count } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(counts.sorted() == Array(1...20))
            // A new window starts again at one.
            #expect(try await throttles.hit("k", window: 900, now: now.addingTimeInterval(900)).count == 1)
            try await throttles.reset("k")
            #expect(try await throttles.hit("k", window: 900, now: now).count == 1)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func tokensAreSingleUseAndExpire(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            let accounts = AccountRepository(database: database)
            let tokens = TokenRepository(database: database)
            let id = try await accounts.create(email: "a@example.org", passwordHash: nil, displayName: "A", language: nil, now: TestClock.start)
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            try await tokens.store(hash: "abc", accountID: id, purpose: .resetPassword, expiresAt: now.addingTimeInterval(60))
            #expect(try await tokens.isValid(hash: "abc", purpose: .resetPassword, now: now))
            #expect(try await !tokens.isValid(hash: "abc", purpose: .verifyEmail, now: now))
            #expect(try await !tokens.isValid(hash: "abc", purpose: .resetPassword, now: now.addingTimeInterval(61)))
            let first = try await database.transaction { sql in try await tokens.consume(hash: "abc", purpose: .resetPassword, now: now, on: sql) }
            #expect(first == id)
            let second = try await database.transaction { sql in try await tokens.consume(hash: "abc", purpose: .resetPassword, now: now, on: sql) }
            #expect(second == nil)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aFailedTransactionLeavesNothingBehind(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            let accounts = AccountRepository(database: database)
            await #expect(throws: Boom.self) {
                try await database.transaction { sql in
                    _ = try await accounts.create(email: "half@example.org", passwordHash: nil, displayName: "Half",
                                                  language: nil, verified: false, instanceAdmin: false, now: Date(), on: sql)
                    throw Boom()
                }
            }
            let count = try await accounts.count()
            #expect(count == 0)
        }
    }
}
