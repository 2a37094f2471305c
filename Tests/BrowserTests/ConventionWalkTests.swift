import Foundation
import HemicycleDomain
import Logging
import Storage
import TestRequirements
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
        // The site's clock runs with real time and is moved past each seed's announced instant instead of waiting for it.
        let clock = ShiftedClock()
        try await EndToEndTests.withLiveSite(clock: clock) { site, base in
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

                // The draw, in Arabic: the secretariat closes the pool, the worker commits to the lottery, the seed
                // picks the panel; the public files verify with `hemicycle draw verify`.
                try await Walk.signIn(driver, base, "secretariat@cese-fr.example")
                try await driver.open(base + "/lang/ar?next=" + (url.components(separatedBy: base).last ?? url))
                try await driver.open(url)
                // The seed is known ten minutes from now (Paris time): announced before the commitment, which must come first
                // even on a busy machine; entered after, once the clock is moved past it.
                let known = clock.now().addingTimeInterval(600)
                let paris = DateFormatter()
                paris.locale = Locale(identifier: "en_US_POSIX")
                paris.timeZone = TimeZone(identifier: "Europe/Paris")
                paris.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
                try await Walk.set(driver, "#seed-source", "الأرقام الخمسة لليانصيب الوطني")
                try await Walk.set(driver, "#seed-not-before", paris.string(from: known))
                // With seconds the field does not pass the browser's minute step: the form is sent as is.
                try await Walk.markPage(driver)
                _ = try await driver.script("document.querySelector(\"form[action$='/draw/request']\").submit()")
                try await Walk.waitForNewPage(driver, then: "main .notice")
                #expect(try await driver.currentURL.contains("/draw?notice="))
                problems += try await EndToEndTests.audit(driver, axe, "ar draw waiting")
                #expect(try await DrawWorker(database: site.database, clock: site.clock, logger: Logger(label: "walk"), tickets: 200).processNext())
                try await Self.expectCommitted(site, url: url)
                // The page waiting for the lottery follows it by itself: the commitment appears without a reload.
                // (It asks less often while nothing changes, up to every 30 s.)
                try await driver.waitFor("#commitment", seconds: 60)
                #expect(try await driver.text("#commitment").count > 64)
                problems += try await EndToEndTests.audit(driver, axe, "ar draw committed")
                clock.advance(past: known)
                try await Walk.set(driver, "#seed", "7 12 19 33 41")
                try await Walk.submit(driver, formWith: "#seed")
                #expect(try await driver.text("#result").contains("7 12 19 33 41"))
                _ = try await driver.script("document.getElementById('result').scrollIntoView()")
                problems += try await EndToEndTests.audit(driver, axe, "ar draw published")
                // Someone drawn declines; the secretariat records it and a replacement is drawn the same way.
                let panel = try await ConventionDrawRepository(database: site.database).panel(conventionID: Int64(url.split(separator: "/").last!)!)
                let declined = try #require(panel.first?.reference)
                try await Walk.submit(driver, formWith: "#result form[action$='/draw/refusals'] input[value=\(WebDriver.quote(declined))]")
                let replacementKnown = clock.now().addingTimeInterval(600)
                try await Walk.set(driver, "#seed-source", "الأرقام الخمسة لليانصيب الوطني للأسبوع المقبل")
                try await Walk.set(driver, "#seed-not-before", paris.string(from: replacementKnown))
                try await Walk.markPage(driver)
                _ = try await driver.script("document.querySelector(\"form[action$='/draw/replacements']\").submit()")
                try await Walk.waitForNewPage(driver, then: "main .notice")
                #expect(try await DrawWorker(database: site.database, clock: site.clock, logger: Logger(label: "walk"), tickets: 200).processNext())
                try await Self.expectCommitted(site, url: url)
                try await driver.waitFor("#pick", seconds: 60)
                clock.advance(past: replacementKnown)
                try await Walk.set(driver, "#seed", "3 8 21 30 44")
                try await Walk.submit(driver, formWith: "#seed")
                problems += try await EndToEndTests.audit(driver, axe, "ar replacement drawn")
                let seated = try await ConventionDrawRepository(database: site.database).panel(conventionID: Int64(url.split(separator: "/").last!)!)
                    .filter { $0.refusedAt == nil }
                #expect(seated.count == 12 && !seated.contains { $0.reference == declined })
                try await Walk.signOut(driver)
                try await Self.verifyWithTheCommandLine(base: base, drawURL: url + "/draw")
                problems += try await Self.sit(driver, axe, site: site, base: base, url: url, member: try #require(seated.first?.reference))
                #expect(problems.isEmpty, "serious or critical accessibility violations:\n\(problems.joined(separator: "\n"))")
                await driver.quit()
            } catch {
                await driver.quit()
                throw error
            }
        }
    }

    /// The convention's latest draw reached its commitment; if not, why, as stored.
    static func expectCommitted(_ site: Site, url: String) async throws {
        let draws = try await ConventionDrawRepository(database: site.database).draws(conventionID: Int64(url.split(separator: "/").last!)!)
        let latest = try #require(draws.last)
        try #require(latest.status == "committed", "the draw is \(latest.status): \(latest.errorKey ?? "no error recorded")")
    }

    /// The convention sits: the secretariat plans a session and a proposal voted by majority judgment, a member drawn
    /// (signed in with the address they gave) grades it, the vote closes with its merit profile, and the report is
    /// published and read in Arabic. Returns axe's findings.
    static func sit(_ driver: WebDriver, _ axe: Axe, site: Site, base: String, url: String, member: String) async throws -> [String] {
        var problems: [String] = []
        try await Walk.signIn(driver, base, "secretariat@cese-fr.example")
        try await driver.open(base + "/lang/fr?next=" + (url.components(separatedBy: base).last ?? url))
        try await driver.open(url + "/sessions")
        problems += try await EndToEndTests.audit(driver, axe, "fr sessions, none")
        try await Walk.set(driver, "#new-session-title", "Première session : auditions et votes")
        try await Walk.set(driver, "#new-session-starts", "2027-01-15T09:00")
        try await Walk.set(driver, "#new-session-ends", "2027-01-17T17:00")
        try await Walk.set(driver, "#new-session-place", "Palais d’Iéna, Paris")
        try await Walk.set(driver, "#new-session-programme", "Auditions le vendredi, votes le dimanche.")
        try await Walk.submit(driver, formWith: "#new-session-title")
        try await Walk.set(driver, "#new-proposal-title", "Garantir l’accès à l’eau potable")
        try await Walk.set(driver, "#new-proposal-body", "La convention propose un tarif social de l’eau.")
        try await Walk.set(driver, "#new-proposal-drafted-by", "Groupe « Se nourrir »")
        try await Walk.set(driver, "#new-proposal-method", "majority_judgment")
        try await Walk.set(driver, "#new-proposal-grade", "3")
        try await Walk.submit(driver, formWith: "#new-proposal-title")
        let proposal = try await driver.currentURL.components(separatedBy: "?")[0]
        problems += try await EndToEndTests.audit(driver, axe, "fr proposal draft")
        _ = try await driver.script("window.confirm = () => true")
        try await Walk.submit(driver, formWith: "form[action$='/open'] button")
        try await Walk.signOut(driver)

        // A member drawn votes with the address they gave the polling institute.
        let hash = try #require(try await site.accounts.find(email: "citoyen@hemicycle.example")?.passwordHash)
        _ = try await site.accounts.create(email: "\(member)@example.org", passwordHash: hash, displayName: "Membre \(member)", language: .fr,
                                           verified: true, now: site.clock.now())
        try await Walk.signIn(driver, base, "\(member)@example.org")
        try await driver.open(proposal)
        problems += try await EndToEndTests.audit(driver, axe, "fr ballot")
        try await driver.click("#grade-1")
        try await Walk.submit(driver, formWith: "#grade-1")
        #expect(try await driver.text("#ballot").contains("Très bien"))
        try await Walk.signOut(driver)

        try await Walk.signIn(driver, base, "secretariat@cese-fr.example")
        try await driver.open(proposal)
        _ = try await driver.script("window.confirm = () => true")
        try await Walk.submit(driver, formWith: "form[action$='/close'] button")
        // One grade of twelve seated members: the eleven who did not vote count as "to reject".
        #expect(try await driver.text("#result").contains("mention majoritaire « À rejeter »"))
        problems += try await EndToEndTests.audit(driver, axe, "fr result")
        try await Walk.set(driver, "#minority-position", "Nous demandons la gratuité des premiers litres.")
        try await Walk.submit(driver, formWith: "#minority-position")
        try await driver.open(url + "/report")
        problems += try await EndToEndTests.audit(driver, axe, "fr report preview")
        try await Walk.set(driver, "#introduction", "La convention a siégé une fois.")
        _ = try await driver.script("window.confirm = () => true")
        try await Walk.submit(driver, formWith: "#introduction")
        try await Walk.signOut(driver)
        try await driver.open(base + "/lang/ar?next=" + (url.components(separatedBy: base).last ?? url))
        try await driver.open(url + "/report")
        #expect(try await driver.text("main").contains("Nous demandons la gratuité des premiers litres."))
        problems += try await EndToEndTests.audit(driver, axe, "ar report")
        try await driver.open(proposal)
        problems += try await EndToEndTests.audit(driver, axe, "ar result")
        return problems
    }

    /// Downloads proof.zip as anyone would (Python's urllib and zipfile) and runs `hemicycle draw verify` on it.
    static func verifyWithTheCommandLine(base: String, drawURL: String) async throws {
        let hemicycle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("hemicycle")
        try Requirement.require(FileManager.default.isExecutableFile(atPath: hemicycle.path), "the hemicycle executable beside the tests")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("proof-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: data, as: UTF8.self))
        }
        let fetched = try run("/usr/bin/python3", ["-c", "import io, sys, urllib.request, zipfile; "
            + "zipfile.ZipFile(io.BytesIO(urllib.request.urlopen(sys.argv[1]).read())).extractall(sys.argv[2])", drawURL + "/proof.zip", folder.path])
        #expect(fetched.status == 0, "\(fetched.output)")
        let verified = try run(hemicycle.path, ["draw", "verify", folder.path])
        #expect(verified.status == 0 && verified.output.contains("The draw is verified"), "\(verified.output)")
    }
}
