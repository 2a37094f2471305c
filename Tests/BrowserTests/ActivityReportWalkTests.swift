import Foundation
import HemicycleDomain
import Storage
import Testing
import TestSupport
@testable import Web

/// The activity report in headless Chromium: the secretariat writes next year's foreword in its draft, the published
/// report is read in French and in Arabic. Every page is audited by axe-core.
@Suite(.enabled(if: BrowserEnvironment.shouldRun), .serialized)
struct ActivityReportWalkTests {
    typealias Walk = CouncilWorkWalkTests

    @Test func theSecretariatDraftsAndEveryoneReadsTheReportInFrenchAndArabic() async throws {
        try await EndToEndTests.withLiveSite { site, base in
            let axe = try Axe()
            let driver = try await WebDriver(language: "fr")
            do {
                var problems: [String] = []
                try await driver.open(base + "/cese-fr/reports")
                problems += try await EndToEndTests.audit(driver, axe, "fr reports")
                try await driver.open(base + "/cese-fr/reports/2026")
                #expect(try await driver.text("main").contains("1 travail adopté en séance plénière"))
                problems += try await EndToEndTests.audit(driver, axe, "fr report")

                try await Walk.signIn(driver, base, "secretariat@cese-ma.example")
                try await driver.open(base + "/cese-ma/reports/2026")
                #expect(try await driver.script("return document.documentElement.dir") as? String == "rtl")
                try await driver.type("سنة حافلة بالأشغال.", into: "#outlook-ar")
                try await Walk.submit(driver, formWith: "#outlook-ar")
                #expect(try await driver.text("main").contains("سنة حافلة بالأشغال."))
                problems += try await EndToEndTests.audit(driver, axe, "ar report draft")
                try await driver.open(base + "/cese-fr/reports/2026")
                problems += try await EndToEndTests.audit(driver, axe, "ar French report")
                #expect(problems.isEmpty, "serious or critical accessibility violations:\n\(problems.joined(separator: "\n"))")
                await driver.quit()
            } catch {
                await driver.quit()
                throw error
            }
        }
    }
}
