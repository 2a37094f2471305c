import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

/// A person in headless Chromium: signs up, signs in, switches to Arabic, meets a forbidden page,
/// and every page visited is checked by axe-core (WCAG 2.1 A/AA) for serious or critical violations.
@Suite(.enabled(if: BrowserEnvironment.shouldRun), .serialized)
struct EndToEndTests {
    static func withLiveSite(clock: any WallClock = SystemClock(), _ body: @escaping @Sendable (Site, String) async throws -> Void) async throws {
        try await TestDatabase.with(.sqlite) { database in
            let resources = try await HemicycleServer.Resources.bundled()
            var configuration = AppConfiguration()
            configuration.bcryptCost = 4
            let site = Site(configuration: configuration, database: database, views: resources.views, localizer: resources.localizer,
                            clock: clock)
            try await DemoData(site: site).load()
            let app = Application(router: HemicycleServer.buildRouter(site: site, resources: resources),
                                  configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            try await app.test(.live) { client in
                let port = try #require(client.port)
                try await body(site, "http://127.0.0.1:\(port)")
            }
        }
    }

    /// Audits the current page; returns serious or critical violations, and prints the others.
    static func audit(_ driver: WebDriver, _ axe: Axe, _ label: String) async throws -> [String] {
        // HEMICYCLE_SCREENSHOTS=DIR keeps a picture of every audited page, to look at them.
        if let folder = ProcessInfo.processInfo.environment["HEMICYCLE_SCREENSHOTS"] {
            let name = label.map { $0.isLetter || $0.isNumber ? $0 : "-" }
            try await driver.screenshot().write(to: URL(fileURLWithPath: folder).appendingPathComponent(String(name) + ".png"))
        }
        let violations = try await axe.violations(in: driver)
        for minor in violations where !["serious", "critical"].contains(minor.impact) {
            print("axe note on \(label): \(minor)")
        }
        return violations.filter { ["serious", "critical"].contains($0.impact) }.map { "\(label): \($0)" }
    }

    @Test func aPersonSignsUpSwitchesToArabicAndMeetsAForbiddenPage() async throws {
        try await Self.withLiveSite { site, base in
            let axe = try Axe()
            let driver = try await WebDriver(language: "fr")
            do {
                var problems: [String] = []
                let france = try #require(try await site.councils.find(slug: "cese-fr"))
                let commission = try #require(try await site.commissions.all(councilID: france.id).first)
                let mission = try #require(try await MissionRepository(database: site.database).all(councilID: france.id).first)
                let agreement = try #require(try await AgreementRepository(database: site.database).all(councilID: france.id).first)
                let avis = try #require(try await site.works.all(councilID: france.id).first { $0.status == "published" })

                for path in ["/", "/cese-fr", "/cese-fr/members", "/cese-fr/commissions", "/cese-fr/commissions/\(commission.id)",
                             "/signin", "/signup", "/password/forgot", "/no-such-page", "/cese-fr/cooperation",
                             "/cese-fr/cooperation/agreements/\(agreement.id)", "/networks", "/networks/ucesif", "/cese-fr/works/\(avis.id)",
                             "/cese-fr/practices", "/cese-fr/practices/1", "/cese-fr/practices?q=pl%C3%A9ni%C3%A8re", "/practices?q=vote"] {
                    try await driver.open(base + path)
                    #expect(try await driver.script("return document.documentElement.lang") as? String == "fr")
                    problems += try await Self.audit(driver, axe, "fr \(path)")
                }

                // Sign up through the form.
                try await driver.open(base + "/signup")
                try await driver.type("Inès Participante", into: "#display_name")
                try await driver.type("ines@example.org", into: "#email")
                try await driver.type("une phrase de passe", into: "#password")
                try await driver.type("une phrase de passe", into: "#password_confirmation")
                try await driver.click("main form button[type=submit]")
                try await driver.waitFor("main p:not(.hint)")
                // The same answer as for an address that has an account: a message to confirm it, nobody signed in.
                #expect(try await driver.text("main").contains("ines@example.org"))
                problems += try await Self.audit(driver, axe, "fr sign-up sent")
                #expect(try await site.accounts.find(email: "ines@example.org") != nil)
                let mail = try #require(try await site.outbox.messages(to: "ines@example.org").last { $0.kind == "verify_email" })
                let token = String(mail.body[try #require(mail.body.range(of: "token=")).upperBound...].prefix { !$0.isWhitespace })
                try await driver.open(base + "/verify?token=\(token)")
                problems += try await Self.audit(driver, axe, "fr verified")
                try await driver.open(base + "/signin?next=%2Faccount")
                try await driver.type("ines@example.org", into: "#email")
                try await driver.type("une phrase de passe", into: "#password")
                try await driver.click("main form button[type=submit]")
                try await driver.waitFor("form[action='/signout']")
                #expect(try await driver.currentURL.hasSuffix("/account"))
                problems += try await Self.audit(driver, axe, "fr /account")

                // Switch to Arabic from the page itself: right to left, and the preference is kept.
                try await driver.click("nav.languages a[lang=ar]")
                try await driver.waitFor("html[dir=rtl] main")
                #expect(try await driver.currentURL.hasSuffix("/account"))
                #expect(try await driver.script("return document.documentElement.dir") as? String == "rtl")
                #expect(try await driver.script("return document.documentElement.lang") as? String == "ar")
                #expect(try await driver.text("h1") == "حسابي")
                #expect(try await site.accounts.find(email: "ines@example.org")?.language == .ar)
                for path in ["/account", "/cese-ma", "/cese-ma/members", "/cese-ma/commissions", "/cese-fr", "/cese-fr/cooperation/missions",
                             "/cese-fr/cooperation/missions/\(mission.id)", "/cese-fr/cooperation/partners", "/cese-fr/cooperation/partners/cese-ma",
                             "/cese-ma/cooperation", "/cese-ma/cooperation/agreements/\(agreement.id)", "/networks/aicesis",
                             "/cese-ma/practices", "/cese-ma/practices/3", "/practices?q=%D8%AA%D9%82%D8%B1%D9%8A%D8%B1"] {
                    try await driver.open(base + path)
                    #expect(try await driver.script("return document.documentElement.dir") as? String == "rtl")
                    problems += try await Self.audit(driver, axe, "ar \(path)")
                }

                // A page she may not see: 403, explained in Arabic.
                try await driver.open(base + "/cese-fr/admin")
                #expect(try await driver.text("h1").contains("403"))
                #expect(try await driver.text("main .error-message") == "لا تملك صلاحية الوصول إلى هذه الصفحة.")
                problems += try await Self.audit(driver, axe, "ar 403")

                // Sign out, then sign in as the secretariat through the form and audit the administration.
                try await driver.click("form[action='/signout'] button")
                try await driver.waitFor("main .notice")
                try await driver.open(base + "/signin")
                try await driver.type("secretariat@cese-fr.example", into: "#email")
                try await driver.type(DemoData.password, into: "#password")
                try await driver.click("main form button[type=submit]")
                try await driver.waitFor("form[action='/signout']")
                #expect(try await driver.currentURL == base + "/")
                let group = try #require(try await site.groups.all(councilID: france.id).first)
                let member = try #require(try await site.memberships.all(councilID: france.id).first)
                for path in ["/cese-fr/admin", "/cese-fr/admin/groups", "/cese-fr/admin/groups/\(group.id)",
                             "/cese-fr/admin/commissions", "/cese-fr/admin/commissions/\(commission.id)",
                             "/cese-fr/admin/members", "/cese-fr/admin/members/\(member.id)", "/cese-fr/cooperation/missions/new",
                             "/cese-fr/cooperation/missions/\(mission.id)/edit", "/cese-fr/cooperation/missions/\(mission.id)",
                             "/cese-fr/cooperation", "/cese-fr/cooperation/agreements/new", "/cese-fr/cooperation/agreements/\(agreement.id)",
                             "/cese-fr/cooperation/agreements/\(agreement.id)/edit", "/cese-fr/practices/new", "/cese-fr/practices/2/edit",
                             "/cese-fr/practices/2", "/cese-fr/practices/requests", "/cese-fr/practices/requests/1"] {
                    try await driver.open(base + path)
                    #expect(try await !driver.text("h1").contains("403"), "\(path)")
                    problems += try await Self.audit(driver, axe, "staff \(path)")
                }
                // A staff form submitted through the browser, with its CSRF token.
                try await driver.open(base + "/cese-fr/admin/groups")
                try await driver.type("Groupe Outre-mer", into: "#name_fr")
                try await driver.click("main form button[type=submit]")
                try await driver.waitFor("main .notice")
                #expect(try await driver.text("main .notice") == "Enregistré.")
                #expect(try await site.groups.all(councilID: france.id).contains { $0.nameFr == "Groupe Outre-mer" })

                // An invitation through the form, listed as pending; its page, as the invited person sees it.
                try await driver.open(base + "/cese-fr/admin/members")
                try await driver.type("invitee@example.org", into: "#email")
                _ = try await driver.script("document.querySelector('#role').value = 'staff'")
                try await driver.click("form[aria-labelledby=add-heading] button[type=submit]")
                try await driver.waitFor("main .notice")
                problems += try await Self.audit(driver, axe, "staff pending invitation")
                let invitation = try #require(try await site.outbox.messages(to: "invitee@example.org").last { $0.kind == "invitation" })
                let link = String(invitation.body[try #require(invitation.body.range(of: "token=")).upperBound...].prefix { !$0.isWhitespace })
                try await driver.click("form[action='/signout'] button")
                try await driver.waitFor("main .notice")
                try await driver.open(base + "/invitation?token=\(link)")
                #expect(try await driver.text("h1").isEmpty == false)
                problems += try await Self.audit(driver, axe, "invitation (new person)")

                #expect(problems.isEmpty, "serious or critical accessibility violations:\n\(problems.joined(separator: "\n"))")
                await driver.quit()
            } catch {
                await driver.quit()
                throw error
            }
        }
    }

    /// The audit itself can fail: on a page built to break the rules, axe reports them.
    @Test func theAccessibilityAuditCatchesViolations() async throws {
        let axe = try Axe()
        let driver = try await WebDriver(language: "fr")
        do {
            try await driver.open("data:text/html;charset=utf-8,<html><body><img src='x.png'><input type='text'></body></html>")
            let ids = Set(try await axe.violations(in: driver).map(\.id))
            #expect(ids.contains("image-alt"))
            #expect(ids.contains("html-has-lang"))
            #expect(ids.contains("label"))
            await driver.quit()
        } catch {
            await driver.quit()
            throw error
        }
    }
}
