import Foundation
import HemicycleDomain
import Logging
import Storage
import TestRequirements
import Testing
import TestSupport
@testable import Web

/// A consultation in headless Chromium: a visitor without an account votes on the French council's statements one at
/// a time and writes one of their own; the secretariat moderates it, prepares a new consultation and opens the Polis
/// import; then the Moroccan council's consultation and its map, computed by the worker, in Arabic. Every page is
/// audited by axe-core.
@Suite(.enabled(if: BrowserEnvironment.shouldRun), .serialized)
struct ConsultationWalkTests {
    typealias Walk = CouncilWorkWalkTests

    @Test func aVisitorVotesAndWritesTheSecretariatModeratesAndTheMapIsReadInArabic() async throws {
        try await EndToEndTests.withLiveSite { site, base in
            let axe = try Axe()
            let driver = try await WebDriver(language: "fr")
            do {
                var problems: [String] = []
                let france = try #require(try await site.councils.find(slug: "cese-fr"))
                let morocco = try #require(try await site.councils.find(slug: "cese-ma"))
                let french = try #require(try await ConsultationRepository(database: site.database).all(councilID: france.id, includeDrafts: false).first)
                let moroccan = try #require(try await ConsultationRepository(database: site.database).all(councilID: morocco.id, includeDrafts: false).first)
                let url = base + "/cese-fr/consultations/\(french.id)"

                try await driver.open(base + "/cese-fr/consultations")
                problems += try await EndToEndTests.audit(driver, axe, "fr consultations")
                try await driver.open(url)
                problems += try await EndToEndTests.audit(driver, axe, "fr consultation")
                // Three votes, one statement at a time.
                for (count, button) in ["1", "-1", "0"].enumerated() {
                    let shown = try await driver.text("#vote .statement")
                    try await Walk.markPage(driver)
                    try await driver.click("#vote button[value='\(button)']")
                    try await Walk.waitForNewPage(driver, then: "main .notice")
                    #expect(try await driver.text("#vote").contains("Vous avez voté sur \(count + 1) affirmation"))
                    #expect(try await driver.text("#vote .statement") != shown)
                }
                problems += try await EndToEndTests.audit(driver, axe, "fr consultation after votes")
                // A statement of the visitor's own, once the page has been read for a few seconds.
                try await Task.sleep(for: .seconds(3.2))
                try await driver.type("La Francophonie doit parler aux jeunes.", into: "#statement-text")
                try await Walk.submit(driver, formWith: "#statement-text")
                #expect(try await driver.text("main .notice").contains("votre affirmation sera montrée dès qu’un modérateur l’aura lue"))
                #expect(try await ConsultationStatementRepository(database: site.database).counts(consultationID: french.id) == (1, 3))

                // The secretariat accepts it.
                try await Walk.signIn(driver, base, "secretariat@cese-fr.example")
                try await driver.open(url + "/moderation")
                #expect(try await driver.text("main").contains("La Francophonie doit parler aux jeunes."))
                problems += try await EndToEndTests.audit(driver, axe, "fr moderation")
                try await Walk.markPage(driver)
                try await driver.click("main form button[value='accept']")
                try await Walk.waitForNewPage(driver, then: "main .notice")
                #expect(try await ConsultationStatementRepository(database: site.database).statements(consultationID: french.id).last?.moderation == 1)
                problems += try await EndToEndTests.audit(driver, axe, "fr moderation decided")
                try await driver.open(url + "/proposals")
                problems += try await EndToEndTests.audit(driver, axe, "fr proposals")
                try await Walk.markPage(driver)
                try await driver.click("main ul.statements a")
                try await Walk.waitForNewPage(driver, then: "#comments-heading")
                #expect(try await driver.text("main").contains("Reprise dans l’avis"))
                problems += try await EndToEndTests.audit(driver, axe, "fr proposal with its comments")
                try await driver.open(base + "/cese-fr/petitions")
                problems += try await EndToEndTests.audit(driver, axe, "fr petitions and the council's rule")
                try await driver.open(base + "/cese-fr/consultations/new")
                problems += try await EndToEndTests.audit(driver, axe, "fr new consultation")
                try await driver.open(base + "/cese-fr/consultations/import")
                problems += try await EndToEndTests.audit(driver, axe, "fr import a Polis conversation")
                try await Walk.signOut(driver)

                // The Moroccan council's consultation and its map, in Arabic.
                _ = try await ConsultationMapWorker(database: site.database, clock: site.clock, logger: Logger(label: "walk")).processAll()
                let moroccanURL = "/cese-ma/consultations/\(moroccan.id)"
                try await driver.open(base + "/lang/ar?next=" + moroccanURL)
                try await driver.open(base + moroccanURL)
                #expect(try await driver.script("return document.documentElement.dir") as? String == "rtl")
                #expect(try await driver.text("h1").contains("جودة المياه العذبة"))
                problems += try await EndToEndTests.audit(driver, axe, "ar consultation")
                try await driver.open(base + moroccanURL + "/map")
                #expect(try await driver.script("return document.querySelectorAll('#live-map svg circle').length") as? Int == 117)
                #expect(try await driver.text("#live-map").contains("المجموعة A"))
                problems += try await EndToEndTests.audit(driver, axe, "ar map")
                try await driver.open(base + moroccanURL + "/export")
                problems += try await EndToEndTests.audit(driver, axe, "ar export")
                try await driver.open(base + "/cese-fr/petitions")
                try await Walk.markPage(driver)
                try await driver.click("main table a")
                try await Walk.waitForNewPage(driver, then: "#petition-progress")
                #expect(try await driver.script("return document.documentElement.dir") as? String == "rtl")
                problems += try await EndToEndTests.audit(driver, axe, "ar petition")
                #expect(problems.isEmpty, "serious or critical accessibility violations:\n\(problems.joined(separator: "\n"))")
                await driver.quit()
            } catch {
                await driver.quit()
                throw error
            }
        }
    }
}
