import Foundation
import HemicycleDomain
import Logging
import Storage
import TestRequirements
import Testing
import TestSupport
@testable import Web

/// The council's news in headless Chromium: a writer of the French council pastes a post with a link (and a script,
/// which is cleaned away) and submits it; an editor publishes it; a visitor reads it in the list, on its page and in the
/// feed; then the Moroccan council's news in Arabic. Every page is audited by axe-core.
@Suite(.enabled(if: BrowserEnvironment.shouldRun), .serialized)
struct NewsWalkTests {
    typealias Walk = CouncilWorkWalkTests

    @Test func aWriterDraftsAnEditorPublishesAndTheNewsIsReadInFrenchAndArabic() async throws {
        try await EndToEndTests.withLiveSite { site, base in
            let axe = try Axe()
            let driver = try await WebDriver(language: "fr")
            do {
                var problems: [String] = []
                try await driver.open(base + "/cese-fr/news")
                problems += try await EndToEndTests.audit(driver, axe, "fr news")

                // The writer drafts.
                try await Walk.signIn(driver, base, "secretariat@cese-fr.example")
                try await driver.open(base + "/cese-fr/news/new")
                problems += try await EndToEndTests.audit(driver, axe, "fr new post")
                try await driver.type("Le Conseil reçoit les conseils de l’UCESIF", into: "#news-title")
                try await driver.type("Une réunion des conseils francophones à Paris.", into: "#news-summary")
                try await driver.type("<p>Les conseils de l’UCESIF se réunissent au <a href=\"/cese-fr\">Conseil</a>.</p><script>alert(1)</script>",
                                      into: "#news-body")
                try await Walk.submit(driver, formWith: "#news-title")
                #expect(try await driver.text("main h1") == "Le Conseil reçoit les conseils de l’UCESIF")
                #expect(try await driver.script("return document.querySelectorAll('main .prose script').length") as? Int == 0)
                problems += try await EndToEndTests.audit(driver, axe, "fr draft post with its workflow")
                try await Walk.markPage(driver)
                try await driver.click("main form:has(input[name=action][value=submit]) button")
                try await Walk.waitForNewPage(driver, then: "main .notice")
                #expect(try await driver.text(".status") == "À relire")
                try await Walk.signOut(driver)

                // The editor publishes it now.
                try await Walk.signIn(driver, base, "admin@hemicycle.example")
                try await driver.open(base + "/cese-fr/news")
                problems += try await EndToEndTests.audit(driver, axe, "fr news with posts awaiting review")
                try await Walk.markPage(driver)
                try await driver.click("main table a")
                try await Walk.waitForNewPage(driver, then: "#workflow-heading")
                try await Walk.markPage(driver)
                try await driver.click("main form:has(input[name=action][value=schedule]) button")
                try await Walk.waitForNewPage(driver, then: "main .notice")
                #expect(try await driver.text("main .staff .status") == "Publiée")
                try await Walk.signOut(driver)

                // A visitor reads it, and finds it in the feed.
                try await driver.open(base + "/cese-fr/news")
                #expect(try await driver.text("main .news-list").contains("Le Conseil reçoit les conseils de l’UCESIF"))
                try await Walk.markPage(driver)
                try await driver.click("main .news-list a")
                try await Walk.waitForNewPage(driver, then: "main article h1")
                problems += try await EndToEndTests.audit(driver, axe, "fr post")
                let feed = try await driver.asyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch(document.querySelector('link[type="application/atom+xml"]').href).then(r => r.text()).then(done);
                    """) as? String
                #expect(feed?.contains("Le Conseil reçoit les conseils de l’UCESIF") == true)

                // A reader subscribes, confirms through the mailed link, and leaves in one click.
                try await driver.open(base + "/cese-fr/news")
                try await driver.type("lectrice@example.org", into: "#subscribe-email")
                try await Walk.submit(driver, formWith: "#subscribe-email")
                let confirmation = try #require(try await site.outbox.messages(to: "lectrice@example.org").first)
                let confirm = try #require(confirmation.body.split(whereSeparator: \.isWhitespace).first { $0.contains("/news/subscription?") })
                let path = String(confirm.drop { $0 != "/" }.dropFirst(2).drop { $0 != "/" })
                try await driver.open(base + path)
                problems += try await EndToEndTests.audit(driver, axe, "fr confirm a subscription")
                try await Walk.markPage(driver)
                try await driver.click("main form button")
                try await Walk.waitForNewPage(driver, then: "main h1")
                #expect(try await driver.text("main").contains("lectrice@example.org reçoit les actualités du conseil"))
                // The post published above is mailed to her, with its one-click link.
                #expect(try await NewsMailWorker(site: site, logger: Logger(label: "walk")).mailAll() >= 1)
                let mailed = try #require(try await site.outbox.messages(to: "lectrice@example.org").last)
                let unsubscribe = try #require(mailed.listUnsubscribe)
                try await driver.open(base + String(unsubscribe.drop { $0 != "/" }.dropFirst(2).drop { $0 != "/" }))
                problems += try await EndToEndTests.audit(driver, axe, "fr unsubscribe")
                try await Walk.markPage(driver)
                try await driver.click("main form button")
                try await Walk.waitForNewPage(driver, then: "main h1")
                #expect(try await driver.text("main").contains("lectrice@example.org ne reçoit plus les actualités du conseil."))

                // The Moroccan council's news, in Arabic, right to left.
                try await driver.open(base + "/lang/ar?next=/cese-ma/news")
                try await driver.open(base + "/cese-ma/news")
                #expect(try await driver.script("return document.documentElement.dir") as? String == "rtl")
                problems += try await EndToEndTests.audit(driver, axe, "ar news")
                try await Walk.markPage(driver)
                try await driver.click("main .news-list a")
                try await Walk.waitForNewPage(driver, then: "main article h1")
                problems += try await EndToEndTests.audit(driver, axe, "ar post")
                #expect(problems.isEmpty, "serious or critical accessibility violations:\n\(problems.joined(separator: "\n"))")
                await driver.quit()
            } catch {
                await driver.quit()
                throw error
            }
        }
    }
}
