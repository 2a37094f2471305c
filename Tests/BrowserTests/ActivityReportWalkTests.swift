import Foundation
import HemicycleDomain
import Storage
import Testing
import TestSupport
@testable import Web

/// The activity report and the indicators in headless Chromium: the French bureau reads the year's report in
/// preparation, the indicators and the annual report's dashboard; the Moroccan secretariat writes its outlook in Arabic. Every page is audited by axe-core.
@Suite(.enabled(if: BrowserEnvironment.shouldRun), .serialized)
struct ActivityReportWalkTests {
    typealias Walk = CouncilWorkWalkTests

    @Test func theSecretariatDraftsAndEveryoneReadsTheReportInFrenchAndArabic() async throws {
        try await EndToEndTests.withLiveSite { site, base in
            let axe = try Axe()
            let driver = try await WebDriver(language: "fr")
            do {
                var problems: [String] = []
                try await Walk.signIn(driver, base, "bureau@cese-fr.example")
                try await driver.open(base + "/cese-fr/reports")
                problems += try await EndToEndTests.audit(driver, axe, "fr reports")
                try await driver.open(base + "/cese-fr/reports/2026")
                #expect(try await driver.text("main").contains("1 travail adopté en séance plénière"))
                problems += try await EndToEndTests.audit(driver, axe, "fr report")
                // The indicators, one of them year by year, and the dashboard annexed to the annual report.
                try await driver.open(base + "/cese-fr/indicators")
                problems += try await EndToEndTests.audit(driver, axe, "fr indicators")
                try await Walk.markPage(driver)
                try await driver.click("main table a")
                try await Walk.waitForNewPage(driver, then: "#values")
                problems += try await EndToEndTests.audit(driver, axe, "fr indicator")
                let france = try #require(try await site.councils.find(slug: "cese-fr"))
                let report = try #require(try await site.works.all(councilID: france.id).first { $0.kind == "annual_report" })
                try await driver.open(base + "/cese-fr/works/\(report.id)/dashboard")
                #expect(try await driver.text("main").contains("Empreinte carbone"))
                problems += try await EndToEndTests.audit(driver, axe, "fr dashboard")
                try await Walk.signOut(driver)

                try await Walk.signIn(driver, base, "secretariat@cese-ma.example")
                try await driver.open(base + "/cese-ma/reports/2026")
                #expect(try await driver.script("return document.documentElement.dir") as? String == "rtl")
                try await driver.type("سنة حافلة بالأشغال.", into: "#outlook-ar")
                try await Walk.submit(driver, formWith: "#outlook-ar")
                #expect(try await driver.text("main").contains("سنة حافلة بالأشغال."))
                problems += try await EndToEndTests.audit(driver, axe, "ar report draft")
                try await driver.open(base + "/cese-ma/reports")
                problems += try await EndToEndTests.audit(driver, axe, "ar reports")
                try await driver.open(base + "/cese-fr/indicators?lang=ar")
                problems += try await EndToEndTests.audit(driver, axe, "ar indicators")
                #expect(problems.isEmpty, "serious or critical accessibility violations:\n\(problems.joined(separator: "\n"))")
                await driver.quit()
            } catch {
                await driver.quit()
                throw error
            }
        }
    }
}
