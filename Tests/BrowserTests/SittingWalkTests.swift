import Foundation
import HemicycleDomain
import Storage
import Testing
import TestSupport
@testable import Web

/// A council's sittings in headless Chromium: the secretariat plans a plenary sitting under way, sets its agenda,
/// records attendance and a proxy, opens the vote at it; the member holding the proxy votes for the member away;
/// another sitting is convened; the minutes of the previous sitting are approved at this one and published; then the
/// Moroccan council's sittings in Arabic. Every page is audited by axe-core.
@Suite(.enabled(if: BrowserEnvironment.shouldRun), .serialized)
struct SittingWalkTests {
    typealias Walk = CouncilWorkWalkTests

    /// `yyyy-MM-ddTHH:mm` in Paris, `offset` seconds from now: what the form's fields take.
    static func paris(_ offset: Double) -> String {
        WorkPageModel.inputDate(Date().timeIntervalSince1970 + offset, in: TimeZone(identifier: "Europe/Paris")!)
    }

    @Test func aSittingIsHeldWithAProxyAndItsMinutesApprovedInFrenchAndArabic() async throws {
        try await EndToEndTests.withLiveSite { site, base in
            let axe = try Axe()
            let driver = try await WebDriver(language: "fr")
            do {
                var problems: [String] = []
                let france = try #require(try await site.councils.find(slug: "cese-fr"))
                let seats = try await site.memberships.all(councilID: france.id).filter(\.sits)
                let holder = try #require(seats.first { $0.email == "membre3@cese-fr.example" })
                let giver = try #require(seats.first { $0.email == "membre4@cese-fr.example" })
                let youth = try #require(try await site.works.all(councilID: france.id).first { $0.status == "in_preparation" })
                try await site.works.move(id: youth.id, councilID: france.id, to: "on_plenary_agenda", note: nil, accountID: nil,
                                          at: site.clock.now().timeIntervalSince1970)

                // The secretariat plans a sitting that has just started.
                try await Walk.signIn(driver, base, "secretariat@cese-fr.example")
                try await driver.open(base + "/cese-fr/sittings")
                problems += try await EndToEndTests.audit(driver, axe, "fr sittings")
                try await driver.open(base + "/cese-fr/sittings/new")
                problems += try await EndToEndTests.audit(driver, axe, "fr new sitting")
                try await Walk.set(driver, "#starts_at", Self.paris(-600))
                try await Walk.set(driver, "#ends_at", Self.paris(7_200))
                try await driver.type("Palais d’Iéna, hémicycle", into: "#place")
                try await Walk.submit(driver, formWith: "#place")
                let url = try #require(try await driver.script("return location.pathname") as? String)
                // Its agenda: the vote on the avis.
                try await Walk.set(driver, "#agenda-kind", "vote")
                try await Walk.set(driver, "#agenda-work", "\(youth.id)")
                try await Walk.submit(driver, formWith: "#agenda-work")
                #expect(try await driver.text("#agenda").contains("Jeunes et emploi dans les territoires ruraux"))
                // Attendance: everyone present but one member, excused, who gave their vote.
                _ = try await driver.script("document.querySelectorAll('select[name^=attendance_]').forEach(s => s.value = 'present')")
                try await Walk.set(driver, "#attendance-\(giver.id)", "excused")
                try await Walk.submit(driver, formWith: "#attendance-\(giver.id)")
                #expect(try await driver.text("#attendance").contains("Quorum atteint"))
                try await Walk.set(driver, "#proxy-giver", "\(giver.id)")
                try await Walk.set(driver, "#proxy-holder", "\(holder.id)")
                try await Walk.submit(driver, formWith: "#proxy-giver")
                #expect(try await driver.text("#proxies").contains("\(giver.displayName) a donné délégation de vote à \(holder.displayName)"))
                problems += try await EndToEndTests.audit(driver, axe, "fr sitting under way")

                // The vote on the text opens at the sitting.
                try await driver.open(base + "/cese-fr/works/\(youth.id)")
                try await Walk.submit(driver, formWith: "#text-ballot-majority")
                let ballot = try #require(try await site.ballots.all(workID: youth.id).last)
                #expect(ballot.sittingId.map { url.hasSuffix("/\($0)") } == true)
                try await Walk.signOut(driver)

                // The member holding the proxy votes, for themself and for the member away.
                try await Walk.signIn(driver, base, holder.email)
                try await driver.open(base + "/cese-fr/works/\(youth.id)")
                problems += try await EndToEndTests.audit(driver, axe, "fr ballot with a proxy")
                _ = try await driver.script("document.querySelector('#ballot-\(ballot.id) form:not(:has(input[name=for])) input[value=for]').checked = true")
                try await Walk.submit(driver, formWith: "#ballot-\(ballot.id) form:not(:has(input[name=for])) input[value=for]")
                _ = try await driver.script("document.querySelector('#ballot-\(ballot.id) form:has(input[name=for]) input[value=against]').checked = true")
                try await Walk.submit(driver, formWith: "#ballot-\(ballot.id) form:has(input[name=for]) input[value=against]")
                let voters = try await site.ballots.voters(ballotID: ballot.id)
                #expect(voters.first { $0.membershipID == giver.id }?.castBy == holder.id)
                #expect(voters.first { $0.membershipID == holder.id }?.choice == "for")
                try await Walk.signOut(driver)

                // Another sitting is convened; the minutes of 8 July are approved at this one, then published.
                try await Walk.signIn(driver, base, "secretariat@cese-fr.example")
                let next = try #require(try await SittingRepository(database: site.database).all(councilID: france.id)
                    .first { $0.body == "plenary" && $0.startsAt > Date().timeIntervalSince1970 + 86_400 })
                try await driver.open(base + "/cese-fr/sittings/\(next.id)")
                try await Walk.submit(driver, formWith: "form input[name=action][value=convene]")
                #expect(try await driver.text("main .facts").contains("Convoquée"))
                #expect(!(try await site.outbox.messages(to: holder.email).filter { $0.kind == "sitting_convocation" }.isEmpty))
                let july = try #require(try await SittingRepository(database: site.database).all(councilID: france.id)
                    .first { $0.startsAt == 1_783_513_800 })
                try await driver.open(base + "/cese-fr/sittings/\(july.id)")
                problems += try await EndToEndTests.audit(driver, axe, "fr minutes to approve")
                try await Walk.set(driver, "#minutes-approved-at", String(url.split(separator: "/").last ?? ""))
                try await Walk.submit(driver, formWith: "#minutes-approved-at")
                try await Walk.markPage(driver)
                try await driver.click("#minutes form[action$='/minutes/publish'] button")
                try await Walk.waitForNewPage(driver, then: "main .notice")
                #expect(try await driver.text("#minutes").contains("Publié"))
                try await Walk.signOut(driver)

                // In Arabic, right to left: the Moroccan council's sittings, and the French sitting read by a visitor.
                try await driver.open(base + "/lang/ar?next=/cese-ma/sittings")
                try await driver.open(base + "/cese-ma/sittings")
                #expect(try await driver.script("return document.documentElement.dir") as? String == "rtl")
                problems += try await EndToEndTests.audit(driver, axe, "ar sittings")
                try await Walk.markPage(driver)
                try await driver.click("main table a")
                try await Walk.waitForNewPage(driver, then: "#agenda")
                problems += try await EndToEndTests.audit(driver, axe, "ar sitting")
                try await driver.open(base + url)
                problems += try await EndToEndTests.audit(driver, axe, "ar French sitting with attendance")

                // A Moroccan member changes their calendar's address.
                try await Walk.signIn(driver, base, "membre@cese-ma.example")
                try await driver.open(base + "/cese-ma/sittings")
                problems += try await EndToEndTests.audit(driver, axe, "ar member's sittings")
                try await Walk.submit(driver, formWith: "form[action$='/calendar-reset'] button")
                #expect(try await driver.text("main .notice").contains("تغيّر عنوان تقويمكم"))
                try await Walk.signOut(driver)
                // The administrator sets the Moroccan council's sitting rules: two proxies, a third of the members.
                try await Walk.signIn(driver, base, "admin@hemicycle.example")
                try await driver.open(base + "/lang/ar?next=/cese-ma/admin")
                try await driver.open(base + "/cese-ma/admin")
                #expect(try await driver.script("return document.documentElement.dir") as? String == "rtl")
                problems += try await EndToEndTests.audit(driver, axe, "ar sitting rules")
                try await Walk.set(driver, "#rules-proxies", "2")
                try await Walk.set(driver, "#rules-quorum", "third")
                try await Walk.submit(driver, formWith: "#rules-quorum")
                #expect(try await driver.text("main").contains("النصاب: يجب أن يشارك ثلث الأعضاء على الأقل."))
                problems += try await EndToEndTests.audit(driver, axe, "ar sitting rules saved")
                let morocco = try #require(try await site.councils.find(slug: "cese-ma"))
                #expect(morocco.proxiesHeld == 2 && morocco.quorum == "third")
                #expect(problems.isEmpty, "serious or critical accessibility violations:\n\(problems.joined(separator: "\n"))")
                await driver.quit()
            } catch {
                await driver.quit()
                throw error
            }
        }
    }
}
