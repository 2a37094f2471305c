import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

/// The token of the newest link of `kind` mailed to `email`, read from the outbox.
func mailedToken(_ site: Site, to email: String, kind: String) async throws -> String {
    let message = try #require(try await site.outbox.messages(to: email).last { $0.kind == kind })
    let range = try #require(message.body.range(of: "token="))
    return String(message.body[range.upperBound...].prefix { !$0.isWhitespace })
}

@Suite struct AccountFlowTests {
    @Test(arguments: TestDatabase.kinds)
    func signUpSendsAVerificationLinkAndSignsInOnlyOnceVerified(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let visitor = Visitor(client, acceptLanguage: "ar")
            let response = try await visitor.post("/signup", [
                ("display_name", "Salma B."), ("email", "Salma@Example.org"), ("password", "correct horse"),
                ("password_confirmation", "correct horse"), ("language", "ar"),
            ])
            // The same answer as for an address that has an account: check the mail; nobody is signed in yet.
            #expect(response.status == .ok)
            #expect(response.text.contains("salma@example.org"))
            #expect(!response.headers[values: .setCookie].contains { $0.hasPrefix("hemicycle_session=") })
            #expect(try await visitor.get("/account").status == .unauthorized)

            let mail = try #require(try await site.outbox.messages(to: "salma@example.org").first)
            #expect(mail.kind == "verify_email")
            #expect(mail.subject == "تأكيد عنوانك على هيميسيكل")
            #expect(mail.body.contains("http://hemicycle.test/verify?token="))
            let token = try await mailedToken(site, to: "salma@example.org", kind: "verify_email")
            #expect(try await visitor.get("/verify?token=\(token)").status == .ok)
            #expect(try await site.accounts.find(email: "salma@example.org")?.isVerified == true)
            // A link works once.
            #expect(try await visitor.get("/verify?token=\(token)").status == .badRequest)
            let signedIn = try await visitor.signIn("salma@example.org", password: "correct horse")
            #expect(signedIn.headers[values: .setCookie].contains { $0.hasPrefix("hemicycle_session=") && $0.contains("HttpOnly") && $0.contains("SameSite=Lax") })
            let account = try await visitor.get("/account")
            #expect(account.text.contains("salma@example.org") && account.text.contains("Salma B."))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aDuplicateEmailChangesNothingAndTellsOnlyTheOwner(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let before = try await site.accounts.count()
            let original = try #require(try await site.accounts.find(email: "membre@cese-fr.example"))
            let response = try await Visitor(client, acceptLanguage: "fr").post("/signup", [
                ("display_name", "Usurpateur"), ("email", "MEMBRE@cese-fr.example"), ("password", "another password"),
                ("password_confirmation", "another password"),
            ])
            // The page says what it says to anyone (no account revealed); the owner is told by mail.
            #expect(response.status == .ok)
            #expect(!response.text.contains("Un compte existe déjà avec cette adresse"))
            #expect(try await site.outbox.messages(to: "membre@cese-fr.example").contains { $0.kind == "signup_existing" })
            #expect(try await site.accounts.count() == before)
            #expect(try await site.accounts.find(email: "membre@cese-fr.example") == original)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func invalidSignUpsAreExplainedInTheReadersLanguage(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let response = try await Visitor(client, acceptLanguage: "en").post("/signup", [
                ("display_name", ""), ("email", "not-an-address"), ("password", "short"), ("password_confirmation", "short"),
            ])
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("This email address is not valid."))
            #expect(response.text.contains("The password must have at least 10 characters."))
            #expect(response.text.contains("Enter a name in at least one language."))
            #expect(response.text.contains(#"aria-invalid="true""#))
            // Addresses read left to right, also inside an Arabic page.
            #expect(response.text.contains(#"type="email" dir="ltr""#))
            #expect(try await site.accounts.find(email: "not-an-address") == nil)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func signInSignOutAndWrongPasswords(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { _, client in
            let visitor = Visitor(client, acceptLanguage: "fr")
            let wrong = try await visitor.post("/signin", [("email", "membre@cese-fr.example"), ("password", "wrong password")])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("Adresse ou mot de passe incorrect."))
            let unknown = try await visitor.post("/signin", [("email", "nobody@example.org"), ("password", "whatever12")])
            #expect(unknown.status == .unauthorized)

            let signedIn = try await visitor.post("/signin", [("email", "membre@cese-fr.example"), ("password", DemoData.password),
                                                             ("next", "/cese-fr")])
            #expect(signedIn.location == "/cese-fr")
            #expect(try await visitor.get("/account").status == .ok)
            let out = try await visitor.post("/signout", [])
            #expect(out.status == .seeOther)
            #expect(try await visitor.get("/account").status == .unauthorized)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func repeatedFailuresAreThrottled(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let attacker = Visitor(client, acceptLanguage: "en")
            for _ in 0..<site.throttle.signInPerAddressAndClient.maximum {
                #expect(try await attacker.post("/signin", [("email", "membre@cese-fr.example"), ("password", "guess-guess")]).status == .unauthorized)
            }
            let locked = try await attacker.post("/signin", [("email", "membre@cese-fr.example"), ("password", DemoData.password)])
            #expect(locked.status == .tooManyRequests)
            #expect(locked.text.contains("Too many attempts"))
            #expect(locked.headers[.retryAfter] != nil)
            // Other addresses are not affected.
            try await Visitor(client).signIn("membre2@cese-fr.example")
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func passwordChangeAndResetByMail(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let nadia = Visitor(client, acceptLanguage: "fr")
            try await nadia.signIn("membre@cese-fr.example")
            let refused = try await nadia.post("/account/password", [("current_password", "not mine at all"),
                                                                     ("password", "new password 1"), ("password_confirmation", "new password 1")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Mot de passe incorrect."))
            let changed = try await nadia.post("/account/password", [("current_password", DemoData.password),
                                                                     ("password", "new password 1"), ("password_confirmation", "new password 1")])
            #expect(changed.location == "/account?notice=password_changed")
            #expect(try await site.outbox.messages(to: "membre@cese-fr.example").contains { $0.kind == "password_changed" })
            try await Visitor(client).signIn("membre@cese-fr.example", password: "new password 1")

            // Forgotten password: the same answer whether or not the address exists.
            let stranger = Visitor(client, acceptLanguage: "fr")
            let unknown = try await stranger.post("/password/forgot", [("email", "nobody@example.org")])
            let known = try await stranger.post("/password/forgot", [("email", "membre@cese-fr.example")])
            #expect(unknown.status == .ok && known.status == .ok)
            // The unknown address is told it has no account (no link in it).
            #expect(try await site.outbox.messages(to: "nobody@example.org").allSatisfy { $0.kind == "reset_no_account" && !$0.body.contains("token=") })
            let token = try await mailedToken(site, to: "membre@cese-fr.example", kind: "reset_password")
            #expect(try await stranger.get("/password/reset?token=\(token)").status == .ok)
            #expect(try await stranger.get("/password/reset?token=forged").status == .badRequest)
            let mismatch = try await stranger.post("/password/reset", [("token", token), ("password", "chosen again 2"),
                                                                       ("password_confirmation", "different 22")])
            #expect(mismatch.status == .unprocessableContent)
            let reset = try await stranger.post("/password/reset", [("token", token), ("password", "chosen again 2"),
                                                                    ("password_confirmation", "chosen again 2")])
            #expect(reset.location == "/signin?notice=password_reset")
            try await Visitor(client).signIn("membre@cese-fr.example", password: "chosen again 2")
            #expect(try await stranger.post("/password/reset", [("token", token), ("password", "third one 333"),
                                                                ("password_confirmation", "third one 333")]).status == .badRequest)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func deletingAnAccountErasesPersonalData(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let leaving = Visitor(client, acceptLanguage: "fr")
            try await leaving.signIn("membre3@cese-fr.example")
            let id = try #require(try await site.accounts.find(email: "membre3@cese-fr.example")).id
            let refused = try await leaving.post("/account/delete", [("password", "wrong password")])
            #expect(refused.status == .unprocessableContent)
            #expect(try await site.accounts.find(id: id)?.isDeleted == false)

            let deleted = try await leaving.post("/account/delete", [("password", DemoData.password)])
            #expect(deleted.location == "/?notice=account_deleted")
            #expect(try await leaving.get("/account").status == .unauthorized)
            let erased = try #require(try await site.accounts.find(id: id))
            #expect(erased.isDeleted && erased.email == Pseudonym.email(accountID: id) && erased.passwordHash == nil)
            #expect(try await !Visitor(client).get("/cese-fr/members").text.contains("Sophie Conseillère"))
            #expect(try await Visitor(client).post("/signin", [("email", "membre3@cese-fr.example"),
                                                               ("password", DemoData.password)]).status == .unauthorized)
        }
    }
}
