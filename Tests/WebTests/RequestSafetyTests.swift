import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

@Suite struct RequestSafetyTests {
    @Test(arguments: TestDatabase.kinds)
    func formsWithoutTheCSRFTokenAreRefused(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let visitor = Visitor(client, acceptLanguage: "en")
            try await visitor.get("/")
            let forged = try await visitor.post("/signup", [("display_name", "X"), ("email", "x@example.org"),
                                                            ("password", "long enough"), ("password_confirmation", "long enough")],
                                                csrf: "forged-token-forged-token-forged-token")
            #expect(forged.status == .forbidden)
            #expect(forged.text.contains("The form has expired"))
            // No cookie at all: refused too.
            let bare = Visitor(client)
            #expect(try await bare.postRaw("/signin", body: "email=a%40b.org&password=x").status == .forbidden)
            #expect(try await site.accounts.find(email: "x@example.org") == nil)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func malformedFormsGetA400InTheReadersLanguage(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { _, client in
            let visitor = Visitor(client, acceptLanguage: "ar")
            try await visitor.get("/")
            let token = try #require(visitor.cookies["hemicycle_csrf"])
            let response = try await visitor.postRaw("/signin", body: "_csrf=\(token)&email=%E0%A4%A&password=%ZZ")
            #expect(response.status == .badRequest)
            #expect(response.text.contains("تعذرت قراءة النموذج المرسل"))
            let wrongType = try await visitor.postRaw("/signin", body: "{}", contentType: "application/json")
            #expect(wrongType.status == .unsupportedMediaType)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func responsesCarrySecurityHeadersAndUnknownPagesAre404(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { _, client in
            let visitor = Visitor(client, acceptLanguage: "en")
            let home = try await visitor.get("/")
            #expect(home.headers[.xContentTypeOptions] == "nosniff")
            #expect(home.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            #expect(home.headers[values: .setCookie].contains { $0.hasPrefix("hemicycle_csrf=") && $0.contains("HttpOnly") })
            let missing = try await visitor.get("/no-such-council")
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("This page does not exist."))
            #expect(try await visitor.get("/cese-fr/commissions/999999").status == .notFound)
            #expect(try await visitor.get("/cese-fr/commissions/not-a-number").status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func healthCheckAnswersWhenTheDatabaseDoes(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { _, client in
            let response = try await Visitor(client).get("/healthz")
            #expect(response.status == .ok)
            #expect(response.text == #"{"status":"ok","database":"\#(kind.rawValue)"}"#)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func sessionsLiveInTheDatabaseAndSurviveARestart(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            let resources = try await HemicycleServer.Resources.bundled()
            let site = Site(configuration: Harness.configuration(), database: database, views: resources.views,
                            localizer: resources.localizer)
            try await DemoData(site: site).load()
            let cookies = try await Application(router: HemicycleServer.buildRouter(site: site, resources: resources))
                .test(.router) { client in
                    let visitor = Visitor(client)
                    try await visitor.signIn("membre@cese-fr.example")
                    return visitor.cookies
                }
            // A new server on the same database recognises the session.
            try await Application(router: HemicycleServer.buildRouter(site: site, resources: resources)).test(.router) { client in
                let visitor = Visitor(client)
                visitor.cookies = cookies
                let account = try await visitor.get("/account")
                #expect(account.text.contains("Nadia Rapporteure"))
            }
        }
    }
}
