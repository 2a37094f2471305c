import Foundation
import HemicycleDomain
import Organisation
import Storage
import Testing
import TestSupport
@testable import Web

/// A council's budget in headless Chromium: the finance staff opens next year's budget from this year's, records its
/// vote, moves credits between two lines of this year with a reason, commits an expense for the mission and pays it;
/// the bureau reads the audit trail; then the Moroccan budget in Arabic. Every page is audited by axe-core.
@Suite(.enabled(if: BrowserEnvironment.shouldRun), .serialized)
struct BudgetWalkTests {
    typealias Walk = CouncilWorkWalkTests

    /// Opens the folded section holding `css`, as a person clicks its summary.
    static func unfold(_ driver: WebDriver, _ css: String) async throws {
        _ = try await driver.script("document.querySelector(\(WebDriver.quote(css))).closest('details').querySelector('summary').click()")
    }

    @Test func theFinanceStaffKeepsTheBudgetInFrenchAndItIsReadInArabic() async throws {
        try await EndToEndTests.withLiveSite { site, base in
            let axe = try Axe()
            let driver = try await WebDriver(language: "fr")
            do {
                var problems: [String] = []
                let france = try #require(try await site.councils.find(slug: "cese-fr"))
                let budget = BudgetRepository(database: site.database)
                let year = try #require(try await budget.year(councilID: france.id, year: 2026))
                let ledger = try #require(try await budget.ledger(yearID: year.id))
                let from = try #require(ledger.lines.first { $0.code == "P2.A2.1" }), to = try #require(ledger.lines.first { $0.code == "P1.A2.2" })

                try await Walk.signIn(driver, base, "secretariat@cese-fr.example")
                try await driver.open(base + "/cese-fr/budget")
                problems += try await EndToEndTests.audit(driver, axe, "fr budget years")
                // Next year's budget, from this year's structure and amounts, voted.
                try await Walk.set(driver, "#budget-year", "2027")
                try await Walk.set(driver, "#budget-copy", "\(year.id)")
                try await Walk.submit(driver, formWith: "#budget-copy")
                #expect(try await driver.text("main").contains("en préparation"))
                problems += try await EndToEndTests.audit(driver, axe, "fr budget in preparation")
                try await Walk.set(driver, "#voted-on", CivilDay(site.clock.now(), in: france.zone).text)
                try await Walk.submit(driver, formWith: "#voted-on")
                #expect(try await driver.text("main").contains("Ce budget a été voté le"))

                // This year: a transfer with its reason, a commitment, its payment.
                try await driver.open(base + "/cese-fr/budget/2026")
                try await Self.unfold(driver, "#transfer-from")
                try await Walk.set(driver, "#transfer-from", "\(from.id)")
                try await Walk.set(driver, "#transfer-to", "\(to.id)")
                try await driver.type("15 000,00", into: "#transfer-amount")
                try await driver.type("Consultation en ligne sur l’eau", into: "#transfer-reason")
                try await Walk.submit(driver, formWith: "#transfer-reason")
                #expect(try await driver.text("#transfers").contains("Consultation en ligne sur l’eau"))
                try await Self.unfold(driver, "#commit-line")
                try await Walk.set(driver, "#commit-line", "\(to.id)")
                try await driver.type("9 800", into: "#commit-amount")
                try await driver.type("Hébergement de la plateforme", into: "#commit-label")
                try await Walk.submit(driver, formWith: "#commit-label")
                #expect(try await driver.text("#commitments").contains("Hébergement de la plateforme"))
                let commitment = try #require(try await budget.ledger(yearID: year.id)?.commitments.last)
                try await Self.unfold(driver, "#pay-amount-\(commitment.id)")
                try await driver.type("9 800", into: "#pay-amount-\(commitment.id)")
                try await Walk.submit(driver, formWith: "#pay-amount-\(commitment.id)")
                problems += try await EndToEndTests.audit(driver, axe, "fr budget with execution")
                let after = try #require(try await budget.ledger(yearID: year.id))
                #expect(after.payments.contains { $0.commitmentId == commitment.id && $0.cents == 980_000 })
                let execution = BudgetPageBuilder.execution(after)
                #expect(execution.total.allocation == execution.total.voted)
                try await Walk.signOut(driver)

                try await Walk.signIn(driver, base, "bureau@cese-fr.example")
                try await driver.open(base + "/cese-fr/budget/2026/audit")
                #expect(try await driver.text("main").contains("Julien Secrétariat"))
                problems += try await EndToEndTests.audit(driver, axe, "fr budget audit")
                try await Walk.signOut(driver)

                // In Arabic, right to left: the Moroccan budget in dirhams.
                try await driver.open(base + "/lang/ar?next=/cese-ma/budget/2026")
                try await driver.open(base + "/cese-ma/budget/2026")
                #expect(try await driver.script("return document.documentElement.dir") as? String == "rtl")
                #expect(try await driver.text("h1").contains("2026"))
                problems += try await EndToEndTests.audit(driver, axe, "ar budget")
                try await driver.open(base + "/cese-ma/budget")
                problems += try await EndToEndTests.audit(driver, axe, "ar budget years")
                #expect(problems.isEmpty, "serious or critical accessibility violations:\n\(problems.joined(separator: "\n"))")
                await driver.quit()
            } catch {
                await driver.quit()
                throw error
            }
        }
    }
}
