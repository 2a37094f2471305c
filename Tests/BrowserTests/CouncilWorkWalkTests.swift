import CouncilWork
import Foundation
import HemicycleDomain
import Storage
import Testing
import TestSupport
@testable import Web

/// A whole avis in headless Chromium: referral, assignment, draft, two conflicting amendments, a commission vote,
/// a plenary vote with results by group, publication — in French, then the published avis in Arabic — with every
/// page audited by axe-core. Members' votes beyond the one cast through the page are recorded through the same
/// repository call the vote form uses.
@Suite(.enabled(if: BrowserEnvironment.shouldRun), .serialized)
struct CouncilWorkWalkTests {
    static func signIn(_ driver: WebDriver, _ base: String, _ email: String) async throws {
        try await driver.open(base + "/signin")
        try await driver.type(email, into: "#email")
        try await driver.type(DemoData.password, into: "#password")
        try await markPage(driver)
        try await driver.click("main form button[type=submit]")
        try await waitForNewPage(driver, then: "form[action='/signout']")
    }

    static func signOut(_ driver: WebDriver) async throws {
        try await markPage(driver)
        try await driver.click("form[action='/signout'] button")
        try await waitForNewPage(driver, then: "main .notice")
    }

    /// Marks the current document, so that waiting for the next page cannot be fooled by the current one.
    static func markPage(_ driver: WebDriver) async throws {
        _ = try await driver.script("window.hemicycleOldPage = true")
    }

    static func waitForNewPage(_ driver: WebDriver, then css: String) async throws {
        for _ in 0..<200 {
            let old = try? await driver.script("return window.hemicycleOldPage === true") as? Bool
            if old == false { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        try await driver.waitFor(css)
    }

    /// Sets a field's value (selects, date fields, hidden choices) as a person would.
    static func set(_ driver: WebDriver, _ css: String, _ value: String) async throws {
        _ = try await driver.script("document.querySelector(\(WebDriver.quote(css))).value = \(WebDriver.quote(value))")
    }

    /// Submits the form that contains `css` by clicking its button, and waits for the next page's notice.
    static func submit(_ driver: WebDriver, formWith css: String) async throws {
        try await markPage(driver)
        _ = try await driver.script("document.querySelector(\(WebDriver.quote(css))).form.querySelector('button[type=submit]').click()")
        try await waitForNewPage(driver, then: "main .notice")
    }

    @Test func anAvisFromReferralToPublicationInTwoLanguages() async throws {
        try await EndToEndTests.withLiveSite { site, base in
            let axe = try Axe()
            let driver = try await WebDriver(language: "fr")
            do {
                var problems: [String] = []
                let france = try #require(try await site.councils.find(slug: "cese-fr"))
                let people = try await site.memberships.all(councilID: france.id)
                let commission = try #require(try await site.commissions.all(councilID: france.id).first { $0.name[.fr] == "Commission Affaires européennes et internationales" })
                let rapporteur = try #require(people.first { $0.email == "membre@cese-fr.example" })

                // The secretariat records the referral.
                try await Self.signIn(driver, base, "secretariat@cese-fr.example")
                try await driver.open(base + "/cese-fr/works/new")
                problems += try await EndToEndTests.audit(driver, axe, "fr new referral")
                try await driver.type("L'eau, bien commun des territoires", into: "#title_fr")
                try await driver.type("Lettre du Premier ministre du 3 mars 2027", into: "#reference")
                try await Self.markPage(driver)
                try await driver.click("main form button[type=submit]")
                try await Self.waitForNewPage(driver, then: "main .notice")
                let workURL = try await driver.currentURL.components(separatedBy: "?")[0]
                let id = try #require(Int64(workURL.components(separatedBy: "/").last ?? ""))
                problems += try await EndToEndTests.audit(driver, axe, "fr referred")
                try await Self.signOut(driver)

                // The bureau assigns it to a commission with a deadline.
                try await Self.signIn(driver, base, "bureau@cese-fr.example")
                try await driver.open(workURL)
                try await Self.set(driver, "#move-commission", "\(commission.id)")
                try await Self.set(driver, "#move-deadline", "2027-09-30T12:00")
                try await Self.submit(driver, formWith: "#move-commission")
                // The kind and status line is set in capitals by the stylesheet: compare without case.
                let header = try await driver.text(".work-header")
                #expect(header.lowercased().contains("confié à une commission"), "\(header)")
                try await Self.signOut(driver)

                // The secretariat designates the rapporteur, opens the preparation, files the draft, sets the deadline.
                try await Self.signIn(driver, base, "secretariat@cese-fr.example")
                try await driver.open(workURL)
                try await Self.set(driver, "#rapporteur", "\(rapporteur.id)")
                try await Self.submit(driver, formWith: "#rapporteur")
                try await Self.submit(driver, formWith: "input[name=to][value=in_preparation]")
                try await driver.click("details:has(#draft-text) summary")
                try await Self.set(driver, "#draft-text", "# Constat\nL'eau douce manque déjà dans plusieurs régions en été.\n> Réduire de moitié les fuites des réseaux d'ici 2035.")
                try await Self.submit(driver, formWith: "#draft-text")
                try await Self.set(driver, "#amendment-deadline", "2099-01-01T12:00")
                try await Self.submit(driver, formWith: "#amendment-deadline")
                #expect(try await driver.text("#text").contains("plusieurs régions en été"))
                problems += try await EndToEndTests.audit(driver, axe, "fr in preparation (secretariat)")
                try await Self.signOut(driver)

                // Two members table conflicting amendments through the form.
                for (email, passage, text) in [("membre2@cese-fr.example", "plusieurs régions", "la plupart des régions"),
                                               ("membre6@cese-fr.example", "régions en été", "régions, toute l'année")] {
                    try await Self.signIn(driver, base, email)
                    try await driver.open(workURL)
                    let anchor = try await driver.script("return [...document.querySelectorAll('#am-anchor option')].find(o => o.textContent.includes('plusieurs')).value") as? String ?? ""
                    try await Self.set(driver, "#am-anchor", anchor)
                    try await Self.set(driver, "#am-operation", "replace")
                    try await driver.type(passage, into: "#am-passage")
                    try await driver.type(text, into: "#am-text")
                    try await driver.type("Les données de 2026 le montrent.", into: "#am-justification")
                    try await Self.submit(driver, formWith: "#am-passage")
                    problems += try await EndToEndTests.audit(driver, axe, "fr amendment by \(email)")
                    try await Self.signOut(driver)
                }
                let amendments = try await site.drafts.amendments(workID: id)
                #expect(amendments.count == 2)
                let first = try #require(amendments.first { $0.number == 1 }), second = try #require(amendments.first { $0.number == 2 })

                // Commission vote on amendment 1: opened by the secretariat, one member votes through the page.
                try await Self.signIn(driver, base, "secretariat@cese-fr.example")
                try await driver.open(workURL)
                #expect(try await driver.text("#amendments").contains("en discussion commune"))
                // While the commission prepares the text, the ballot is the commission's.
                try await Self.submit(driver, formWith: "form[action$='/ballots'] input[name=amendment][value='\(first.id)']")
                #expect(try await site.ballots.all(workID: id).last?.body == "commission")
                try await Self.signOut(driver)
                let amendmentBallot = try #require(try await site.ballots.all(workID: id).last)
                let voter = try #require(try await site.ballots.voters(ballotID: amendmentBallot.id).first)
                let voterEmail = try #require(people.first { $0.id == voter.membershipID }?.email)
                try await Self.signIn(driver, base, voterEmail)
                try await driver.open(workURL)
                problems += try await EndToEndTests.audit(driver, axe, "fr open ballot (member)")
                try await driver.click("#ballot-\(amendmentBallot.id) input[value=for]")
                try await Self.submit(driver, formWith: "#ballot-\(amendmentBallot.id) input[value=for]")
                #expect(try await driver.text("#ballot-\(amendmentBallot.id)").contains("Vous avez voté"))
                try await Self.signOut(driver)
                for other in try await site.ballots.voters(ballotID: amendmentBallot.id) where other.choice == nil {
                    try await site.ballots.vote(ballotID: amendmentBallot.id, membershipID: other.membershipID, choice: "for", at: site.clock.now().timeIntervalSince1970)
                }

                // The secretariat closes it: amendment 1 is adopted, 2 falls; the consolidated text; the vote on the text.
                try await Self.signIn(driver, base, "secretariat@cese-fr.example")
                try await driver.open(workURL)
                try await Self.submit(driver, formWith: "#ballot-\(amendmentBallot.id) form[action$='/close'] button")
                #expect(try await site.drafts.amendments(workID: id).first { $0.id == second.id }?.status == "fallen")
                try await Self.markPage(driver)
                try await driver.click("form[action$='/consolidate'] button")
                try await Self.waitForNewPage(driver, then: "main .notice")
                #expect(try await driver.text("#text").contains("la plupart des régions en été"))
                for body in ["commission", "plenary"] {
                    if body == "plenary" {
                        try await Self.signOut(driver)
                        try await Self.signIn(driver, base, "bureau@cese-fr.example")
                        try await driver.open(workURL)
                        try await Self.submit(driver, formWith: "input[name=to][value=on_plenary_agenda]")
                        try await Self.signOut(driver)
                        try await Self.signIn(driver, base, "secretariat@cese-fr.example")
                        try await driver.open(workURL)
                    }
                    try await Self.submit(driver, formWith: "#text-ballot-majority")
                    let ballot = try #require(try await site.ballots.all(workID: id).last)
                    #expect(ballot.body == body)
                    for (index, voter) in try await site.ballots.voters(ballotID: ballot.id).enumerated() where index % 9 != 8 {
                        try await site.ballots.vote(ballotID: ballot.id, membershipID: voter.membershipID,
                                                    choice: index % 6 == 1 ? "against" : (index % 4 == 2 ? "abstain" : "for"), at: site.clock.now().timeIntervalSince1970)
                    }
                    try await driver.open(workURL)
                    try await Self.submit(driver, formWith: "#ballot-\(ballot.id) form[action$='/close'] button")
                    try await Self.submit(driver, formWith: body == "commission" ? "input[name=to][value=adopted_in_commission]" : "input[name=to][value=adopted]")
                }
                #expect(try await driver.script("return document.querySelectorAll('#votes svg.vote-chart').length") as? Int ?? 0 >= 3)
                problems += try await EndToEndTests.audit(driver, axe, "fr adopted (secretariat)")
                try await driver.click("details:has(#declaration-group) summary")
                try await driver.type("Le groupe vote ce texte, qui protège une ressource commune.", into: "#declaration-body")
                try await Self.submit(driver, formWith: "#declaration-body")
                try await Self.submit(driver, formWith: "input[name=to][value=published]")
                try await Self.signOut(driver)

                // Anyone reads the published avis, with the results by group; then in Arabic, right to left.
                try await driver.open(workURL)
                #expect(try await driver.text("h1").contains("L'eau, bien commun"))
                #expect(try await driver.text("#votes").contains("Résultat par groupe"))
                problems += try await EndToEndTests.audit(driver, axe, "fr published (visitor)")
                try await Self.markPage(driver)
                try await driver.click("nav.languages a[lang=ar]")
                try await Self.waitForNewPage(driver, then: "html[dir=rtl] main")
                #expect(try await driver.text("#votes").contains("النتيجة حسب الفئة"))
                problems += try await EndToEndTests.audit(driver, axe, "ar published (visitor)")
                for path in ["/cese-fr/works", "/cese-fr/works/\(id)/compare?from=1&to=2", "/cese-ma/works"] {
                    try await driver.open(base + path)
                    #expect(try await driver.script("return document.documentElement.dir") as? String == "rtl")
                    problems += try await EndToEndTests.audit(driver, axe, "ar \(path)")
                }
                // The progress of the work in preparation, as a visitor reads it (with the form to follow it), in
                // Arabic then in French.
                let preparing = try #require(try await site.works.all(councilID: france.id).first { $0.status == "in_preparation" })
                try await driver.open(base + "/cese-fr/works/\(preparing.id)")
                #expect(try await driver.script("return document.querySelector('form[action$=\"/works/\(preparing.id)/follow\"]') !== null") as? Bool == true)
                problems += try await EndToEndTests.audit(driver, axe, "ar visitor progress /cese-fr/works/\(preparing.id)")
                try await driver.open(base + "/cese-fr/works/\(preparing.id)?lang=fr")
                problems += try await EndToEndTests.audit(driver, axe, "fr visitor progress /cese-fr/works/\(preparing.id)")
                // The demo avis and the one in preparation, seen by a member in Arabic.
                try await Self.signIn(driver, base, "membre3@cese-fr.example")
                for work in try await site.works.all(councilID: france.id) where work.id != id {
                    try await driver.open(base + "/cese-fr/works/\(work.id)")
                    problems += try await EndToEndTests.audit(driver, axe, "ar member /cese-fr/works/\(work.id)")
                }
                #expect(problems.isEmpty, "serious or critical accessibility violations:\n\(problems.joined(separator: "\n"))")
                await driver.quit()
            } catch {
                await driver.quit()
                throw error
            }
        }
    }
}
