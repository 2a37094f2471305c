import Foundation
import Storage
import Testing
import TestSupport
@testable import Web

/// A citizens' convention prepared in headless Chromium by the French council's secretariat: defined, given its
/// criteria, its pool imported from a polling institute's file (once refused for an unknown value, then accepted),
/// registration opened; then its public page in Arabic. Every page is audited by axe-core.
@Suite(.enabled(if: BrowserEnvironment.shouldRun), .serialized)
struct ConventionWalkTests {
    typealias Walk = CouncilWorkWalkTests

    static let criteria = """
        criterion,value,share,criterion_fr,criterion_ar,value_fr,value_ar
        sex,female,51.6%,Sexe,الجنس,Femme,امرأة
        sex,male,48.4%,Sexe,الجنس,Homme,رجل
        area,urban,80%,Milieu,الوسط,Urbain,حضري
        area,rural,20%,Milieu,الوسط,Rural,قروي
        """

    static func pool(_ count: Int) -> String {
        "id,sex,area,name,email\n" + (1...count).map { i in
            "v\(i),\(i % 2 == 0 ? "female" : "male"),\(i % 4 == 0 ? "rural" : "urban"),Volontaire \(i),v\(i)@example.org"
        }.joined(separator: "\n") + "\n"
    }

    @Test func aConventionIsPreparedAndItsPoolImportedInTwoLanguages() async throws {
        try await EndToEndTests.withLiveSite { site, base in
            let axe = try Axe()
            let driver = try await WebDriver(language: "fr")
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("convention-walk-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            do {
                var problems: [String] = []
                try await Walk.signIn(driver, base, "secretariat@cese-fr.example")
                try await driver.open(base + "/cese-fr/conventions/new")
                problems += try await EndToEndTests.audit(driver, axe, "fr new convention")
                try await driver.type("Convention citoyenne sur l’eau", into: "#title_fr")
                try await driver.type("الاتفاقية المواطنة حول الماء", into: "#title_ar")
                try await driver.type("Le cadre d'accompagnement de la fin de vie est-il adapté aux situations rencontrées ?", into: "#mandate_fr")
                try await Walk.set(driver, "#panel_size", "12")
                try await Walk.markPage(driver)
                try await driver.click("main form button[type=submit]")
                try await Walk.waitForNewPage(driver, then: "main .notice")
                let url = try await driver.currentURL.components(separatedBy: "?")[0]
                problems += try await EndToEndTests.audit(driver, axe, "fr convention without criteria")

                try await Walk.set(driver, "#criteria-text", Self.criteria)
                try await Walk.submit(driver, formWith: "#criteria-text")
                #expect(try await driver.text("#quotas").contains("Femme"))
                problems += try await EndToEndTests.audit(driver, axe, "fr convention with criteria")

                // A file with a value the criteria do not know is refused with its line and column.
                let wrong = folder.appendingPathComponent("wrong.csv")
                try "id,sex,area\n1,female,urban\n2,female,suburban\n".write(to: wrong, atomically: true, encoding: .utf8)
                try await driver.type(wrong.path, into: "#pool-file")
                try await Walk.markPage(driver)
                _ = try await driver.script("document.querySelector('#pool-file').form.querySelector('button[type=submit]').click()")
                try await Walk.waitForNewPage(driver, then: "#pool-error")
                #expect(try await driver.text("#pool-error").contains("Ligne 3, colonne 10"))
                problems += try await EndToEndTests.audit(driver, axe, "fr pool file refused")

                let pool = folder.appendingPathComponent("pool.csv")
                try Self.pool(40).write(to: pool, atomically: true, encoding: .utf8)
                try await driver.type(pool.path, into: "#pool-file")
                try await Walk.markPage(driver)
                _ = try await driver.script("document.querySelector('#pool-file').form.querySelector('button[type=submit]').click()")
                try await Walk.waitForNewPage(driver, then: "main .notice")
                #expect(try await driver.text("#pool").contains("40 volontaires dans le vivier"))
                problems += try await EndToEndTests.audit(driver, axe, "fr pool against the quotas")
                try await driver.open(url + "/volunteers")
                problems += try await EndToEndTests.audit(driver, axe, "fr volunteers")
                try await driver.open(url)

                try await Walk.submit(driver, formWith: "form[action$='/open-registration'] button")
                problems += try await EndToEndTests.audit(driver, axe, "fr registration open")
                try await Walk.signOut(driver)

                // A citizen volunteers through the form.
                try await Walk.signIn(driver, base, "citoyen@hemicycle.example")
                try await driver.open(url + "/register")
                problems += try await EndToEndTests.audit(driver, axe, "fr registration form")
                for select in try await driver.script("return Array.from(document.querySelectorAll('main select')).map(s => s.id)") as? [String] ?? [] {
                    _ = try await driver.script("const s = document.getElementById(\(WebDriver.quote(select))); s.value = s.options[1].value")
                }
                try await driver.click("#consent_data")
                try await driver.click("#consent_draw")
                try await Walk.submit(driver, formWith: "#consent_draw")
                #expect(try await driver.text("main").contains("Vous êtes inscrit comme volontaire"))
                problems += try await EndToEndTests.audit(driver, axe, "fr registered")
                try await Walk.submit(driver, formWith: "form[action$='/withdraw'] button")
                #expect(try await driver.text("main .notice").contains("Votre inscription est retirée"))
                try await Walk.signOut(driver)

                // The public page in Arabic, without the pool's figures.
                try await driver.open(base + "/lang/ar?next=" + (url.components(separatedBy: base).last ?? url))
                try await driver.open(url)
                #expect(try await driver.script("return document.documentElement.dir") as? String == "rtl")
                #expect(try await driver.text("h1").contains("الاتفاقية المواطنة حول الماء"))
                problems += try await EndToEndTests.audit(driver, axe, "ar public convention")
                try await driver.open(base + "/cese-fr/conventions")
                problems += try await EndToEndTests.audit(driver, axe, "ar conventions")
                #expect(try await ConventionRepository(database: site.database).all(councilID: try #require(try await site.councils.find(slug: "cese-fr")).id,
                                                                                   statuses: ["registration"]).count == 2)
                #expect(problems.isEmpty, "serious or critical accessibility violations:\n\(problems.joined(separator: "\n"))")
                await driver.quit()
            } catch {
                await driver.quit()
                throw error
            }
        }
    }
}
