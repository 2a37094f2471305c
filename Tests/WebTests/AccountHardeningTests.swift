import Foundation
import HTTPTypes
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

/// Sign-in limits that hold under parallel guesses, forms that reveal no account, sessions that end when the
/// password changes, a CSRF token bound to its session, and no open redirect.
@Suite struct AccountHardeningTests {
    @Test(arguments: TestDatabase.kinds)
    func theSignInLimitHoldsUnderParallelGuessesWithoutLockingTheOwnerOut(kind: DatabaseKind) async throws {
        try await Harness.run(kind, configure: { $0.trustForwardedFor = true }) { _, client in
            let attacker = Visitor(client)
            try await attacker.get("/")
            let token = try #require(attacker.cookies["hemicycle_csrf"])
            let cookie = "hemicycle_csrf=\(token)"
            let body = "_csrf=\(token)&email=membre%40cese-fr.example&password=wrong-password"
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<30 {
                    group.addTask {
                        try await client.execute(uri: "/signin", method: .post,
                                                 headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded",
                                                           HTTPField.Name("X-Forwarded-For")!: "203.0.113.9"],
                                                 body: ByteBuffer(string: body)).status
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unauthorized }.count == 5, "\(statuses)")
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 25)
            // The right password from the attacker's client is refused too; the owner elsewhere signs in.
            let locked = try await Visitor(client).signIn(from: "203.0.113.9", email: "membre@cese-fr.example", password: DemoData.password)
            #expect(locked.status == .tooManyRequests && locked.headers[.retryAfter] != nil)
            let owner = try await Visitor(client).signIn(from: "198.51.100.4", email: "membre@cese-fr.example", password: DemoData.password)
            #expect(owner.status == .seeOther)
        }
    }

    @Test func anUnknownAddressCostsTheSameHashAsAKnownOne() async throws {
        let passwords = Passwords(cost: 6)
        #expect(passwords.decoy.hasPrefix("$2b$06$"))
        #expect(!(try await passwords.verify("anything", hash: nil)))
    }

    @Test(arguments: TestDatabase.kinds)
    func signUpAndResetRevealNoAccount(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            func signUp(_ email: String) async throws -> (HTTPResponse.Status, String) {
                let response = try await Visitor(client).post("/signup", [("display_name", "Quelqu'un"), ("email", email),
                                                                          ("password", "un mot de passe"), ("password_confirmation", "un mot de passe")])
                return (response.status, response.text.replacingOccurrences(of: email, with: "ADDRESS")
                    .replacingOccurrences(of: #"name="_csrf" value="[^"]*""#, with: "", options: .regularExpression))
            }
            let existing = try await signUp("membre@cese-fr.example")
            let fresh = try await signUp("inconnu@cese-fr.example")
            #expect(existing.0 == fresh.0 && existing.1 == fresh.1)
            #expect(try await site.outbox.latest().contains { $0.recipient == "membre@cese-fr.example" && $0.kind == "signup_existing" })
            func forgot(_ email: String) async throws -> (HTTPResponse.Status, String) {
                let response = try await Visitor(client).post("/password/forgot", [("email", email)])
                return (response.status, response.text.replacingOccurrences(of: #"name="_csrf" value="[^"]*""#, with: "", options: .regularExpression))
            }
            let known = try await forgot("membre2@cese-fr.example"), unknown = try await forgot("personne@cese-fr.example")
            #expect(known.0 == .ok && known == unknown)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func resetRequestsAreLimitedAndANewOneRevokesTheOld(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let visitor = Visitor(client)
            #expect(try await visitor.post("/password/forgot", [("email", "membre2@cese-fr.example")]).status == .ok)
            let first = try await mailedToken(site, to: "membre2@cese-fr.example", kind: "reset_password")
            #expect(try await Visitor(client).post("/password/forgot", [("email", "membre2@cese-fr.example")]).status == .ok)
            let second = try await mailedToken(site, to: "membre2@cese-fr.example", kind: "reset_password")
            #expect(first != second)
            #expect(try await visitor.get("/password/reset?token=\(first)").status == .badRequest)
            #expect(try await visitor.get("/password/reset?token=\(second)").status == .ok)
            #expect(try await visitor.post("/password/forgot", [("email", "membre2@cese-fr.example")]).status == .ok)
            #expect(try await visitor.post("/password/forgot", [("email", "membre2@cese-fr.example")]).status == .tooManyRequests)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aPasswordChangeOrResetSignsTheOtherSessionsOut(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let laptop = Visitor(client), phone = Visitor(client)
            try await laptop.signIn("membre2@cese-fr.example")
            try await phone.signIn("membre2@cese-fr.example")
            #expect(try await phone.get("/account").status == .ok)
            let change = try await laptop.post("/account/password", [("current_password", DemoData.password), ("password", "nouveau mot de passe"),
                                                                     ("password_confirmation", "nouveau mot de passe")])
            #expect(change.status == .seeOther)
            #expect(try await laptop.get("/account").status == .ok)
            #expect(try await phone.get("/account").status == .unauthorized)
            // A reset through the mailed link ends every session, the one that asked included.
            #expect(try await phone.post("/password/forgot", [("email", "membre2@cese-fr.example")]).status == .ok)
            let token = try await mailedToken(site, to: "membre2@cese-fr.example", kind: "reset_password")
            #expect(try await phone.post("/password/reset", [("token", token), ("password", "troisième mot de passe"),
                                                             ("password_confirmation", "troisième mot de passe")]).status == .seeOther)
            #expect(try await laptop.get("/account").status == .unauthorized)
            let account = try #require(try await site.accounts.find(email: "membre2@cese-fr.example"))
            #expect(try await site.persist.count(accountID: account.id) == 0)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func theCSRFTokenIsBoundToTheSession(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { _, client in
            let victim = Visitor(client)
            try await victim.get("/")
            let before = try #require(victim.cookies["hemicycle_csrf"])
            try await victim.signIn("membre2@cese-fr.example")
            let bound = try #require(victim.cookies["hemicycle_csrf"])
            #expect(bound != before)
            // The token from before signing in no longer works; another session's token never does.
            #expect(try await victim.post("/account/profile", [("display_name", "X")], csrf: before).status == .forbidden)
            let attacker = Visitor(client)
            try await attacker.signIn("membre3@cese-fr.example")
            let attackerToken = try #require(attacker.cookies["hemicycle_csrf"])
            #expect(try await victim.post("/account/profile", [("display_name", "X")], csrf: attackerToken).status == .forbidden)
            #expect(try await victim.post("/account/profile", [("display_name", "Membre deux")]).status == .seeOther)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func nextIsAlwaysAPathOfThisSite(kind: DatabaseKind) async throws {
        try await Harness.run(kind, demo: false) { _, client in
            let visitor = Visitor(client)
            for next in ["/%09/evil.example", "//evil.example", "/%5Cevil.example", "https://evil.example", "/%0D%0ALocation:%20x",
                         "%2F%2Fevil.example", "javascript:alert(1)", "/%E2%80%A8/evil.example"] {
                let response = try await visitor.get("/lang/fr?next=\(next)")
                #expect(response.location == "/", "\(next) → \(response.location ?? "nil")")
            }
            #expect(try await visitor.get("/lang/ar?next=%2Fcese-fr%2Fworks%3Fstatus%3Dpublished").location == "/cese-fr/works?status=published")
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func addressesWithLineBreaksNeverReachTheOutbox(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            for email in ["a@b.example\r\nRCPT TO:<x@y.example>", "a@b.example\nBcc: x@y.example", "<a@b.example>"] {
                let response = try await Visitor(client).post("/signup", [("display_name", "X"), ("email", email),
                                                                          ("password", "un mot de passe"), ("password_confirmation", "un mot de passe")])
                #expect(response.status == .unprocessableContent, "\(email.debugDescription)")
            }
            #expect(try await site.outbox.latest().allSatisfy { Validate.isMailboxSafe($0.recipient) })
        }
    }
}
