import Foundation
import HemicycleDomain
import Storage
import Testing
import TestSupport
@testable import Web

/// The council's administration in headless Chromium: an administrator adds a service and a post, and fills it; the
/// bureau reads it; the Moroccan staff read theirs in Arabic. Every page is audited by axe-core.
@Suite(.enabled(if: BrowserEnvironment.shouldRun), .serialized)
struct SecretariatWalkTests {
    typealias Walk = CouncilWorkWalkTests

    @Test func administratorsKeepTheAdministrationAndStaffReadItInFrenchAndArabic() async throws {
        try await EndToEndTests.withLiveSite { site, base in
            let axe = try Axe()
            let driver = try await WebDriver(language: "fr")
            do {
                var problems: [String] = []
                let france = try #require(try await site.councils.find(slug: "cese-fr"))
                let repository = SecretariatRepository(database: site.database)
                let direction = try #require(try await repository.units(councilID: france.id).first { $0.parentId == nil })

                try await Walk.signIn(driver, base, "admin@hemicycle.example")
                try await driver.open(base + "/cese-fr/secretariat")
                problems += try await EndToEndTests.audit(driver, axe, "fr secretariat, administrator")
                try await BudgetWalkTests.unfold(driver, "#unit-kind")
                try await Walk.set(driver, "#unit-kind", "service")
                try await Walk.set(driver, "#unit-parent", "\(direction.id)")
                try await driver.type("Service du protocole", into: "#unit-name-fr")
                try await Walk.submit(driver, formWith: "#unit-name-fr")
                #expect(try await driver.text("#organisation").contains("Service du protocole"))
                let service = try #require(try await repository.units(councilID: france.id).last)
                try await BudgetWalkTests.unfold(driver, "#post-unit")
                try await Walk.set(driver, "#post-unit", "\(service.id)")
                try await driver.type("Chef du protocole", into: "#post-title-fr")
                try await driver.type("Administrateur", into: "#post-grade")
                try await Walk.submit(driver, formWith: "#post-grade")
                #expect(try await driver.text("#organisation").contains("Chef du protocole"))
                problems += try await EndToEndTests.audit(driver, axe, "fr secretariat with a new post")
                try await Walk.signOut(driver)

                try await Walk.signIn(driver, base, "bureau@cese-fr.example")
                try await driver.open(base + "/cese-fr/secretariat")
                #expect(try await driver.text("#staff").contains("Julien Secrétariat"))
                problems += try await EndToEndTests.audit(driver, axe, "fr secretariat, bureau")
                try await Walk.signOut(driver)

                try await driver.open(base + "/lang/ar?next=/")
                try await Walk.signIn(driver, base, "secretariat@cese-ma.example")
                try await driver.open(base + "/cese-ma/secretariat")
                #expect(try await driver.script("return document.documentElement.dir") as? String == "rtl")
                #expect(try await driver.text("#organisation").contains("مصلحة اللجان"))
                problems += try await EndToEndTests.audit(driver, axe, "ar secretariat")
                #expect(problems.isEmpty, "serious or critical accessibility violations:\n\(problems.joined(separator: "\n"))")
                await driver.quit()
            } catch {
                await driver.quit()
                throw error
            }
        }
    }
}
