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
                #expect(try await driver.script("return document.documentElement.classList.contains('js')") as? Bool == true)
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
                try await driver.open(url + "/questionnaire")
                problems += try await EndToEndTests.audit(driver, axe, "fr questionnaire with its results")
                try await driver.open(base + "/cese-fr/consultations/participants")
                problems += try await EndToEndTests.audit(driver, axe, "fr the council's list of participants")
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

    /// The same consultation in a browser that runs no script: a visitor votes, answers the questionnaire and reads the
    /// map and the proposals' pages; every page is plain HTML and forms.
    @Test func aVisitorWithoutJavaScriptVotesAnswersAndReadsTheMap() async throws {
        try await EndToEndTests.withLiveSite { site, base in
            let driver = try await WebDriver(language: "fr", javaScript: false)
            do {
                let france = try #require(try await site.councils.find(slug: "cese-fr"))
                let french = try #require(try await ConsultationRepository(database: site.database).all(councilID: france.id, includeDrafts: false).first)
                let url = base + "/cese-fr/consultations/\(french.id)"
                /// Clicks and waits for the answer's page, which names what was done (`notice=`).
                func clickAndWait(_ css: String) async throws {
                    try await driver.click(css)
                    for _ in 0..<100 where !(try await driver.currentURL.contains("notice=")) { try await Task.sleep(for: .milliseconds(100)) }
                }
                try await driver.open(url)
                // No page script ran (the site's script marks the page when it runs; WebDriver's own still run).
                #expect(try await driver.script("return document.documentElement.classList.contains('js')") as? Bool == false)
                for (count, button) in ["1", "0"].enumerated() {
                    let shown = try await driver.text("#vote .statement")
                    try await clickAndWait("#vote button[value='\(button)']")
                    #expect(try await driver.text("#vote").contains("Vous avez voté sur \(count + 1) affirmation"))
                    #expect(try await driver.text("#vote .statement") != shown)
                    try await driver.open(url)
                }
                #expect(try await ConsultationStatementRepository(database: site.database).counts(consultationID: french.id) == (1, 2))
                // The questionnaire: a choice, several, a sentence; the form is sent once the page has been read a while.
                let questions = try await ConsultationQuestionnaireRepository(database: site.database).questions(consultationID: french.id)
                try #require(questions.count == 3)
                try await driver.open(url + "/questionnaire")
                try await driver.click("#q\(questions[0].id)-1")
                try await driver.click("#q\(questions[1].id)-0")
                try await driver.click("#q\(questions[1].id)-3")
                try await driver.type("Des classes jumelées entre pays francophones.", into: "#q\(questions[2].id)")
                try await Task.sleep(for: .seconds(3.2))
                try await clickAndWait("main form button[type=submit]")
                let answered = try await driver.text("main"), address = try await driver.currentURL
                #expect(answered.contains("Vos réponses sont enregistrées."), "\(address) \(answered.prefix(300))")
                let counts = try await ConsultationQuestionnaireRepository(database: site.database).counts(consultationID: french.id)
                #expect(counts[questions[0].id] == ["1": 1] && counts[questions[1].id] == ["0,3": 1] && counts[questions[2].id] == ["": 1])
                // The map and the proposals, drawn by the server.
                _ = try await ConsultationMapWorker(database: site.database, clock: site.clock, logger: Logger(label: "walk")).processAll()
                try await driver.open(url + "/map")
                #expect(try await driver.text("main").contains("participant a voté"))
                try await driver.open(url + "/proposals")
                #expect(try await driver.text("main").contains("Erasmus"))
                await driver.quit()
            } catch {
                await driver.quit()
                throw error
            }
        }
    }
}
