import Crypto
import Federation
import Foundation
import HemicycleDomain
import Storage
import TestRequirements
import Testing
import TestSupport
@testable import Web

/// Cooperation in headless Chromium: the French secretariat records an agreement with the Moroccan council ending
/// today, shares its avis in preparation (open to contributions until today) and plans an action; a Moroccan member (in
/// Arabic) finds the work, reads its draft and drafts a contribution, which the Moroccan bureau sends; the French
/// secretariat finds it on its work with its provenance and writes a note for its partners, which a visitor does not
/// read and the Moroccan member does; a second after midnight in Paris the agreement has ended, and the work's draft is
/// the Moroccan member's no more (the note stays hers under the councils' framework agreement, still in force). The
/// instance's administrator keeps the networks' directory. Every page is audited by axe-core, in French and Arabic.
@Suite(.enabled(if: BrowserEnvironment.shouldRun), .serialized)
struct CooperationWalkTests {
    typealias Walk = CouncilWorkWalkTests

    @Test func twoCouncilsSignAnAgreementAndShareAWorkUntilItEnds() async throws {
        let clock = TestClock()
        try await EndToEndTests.withLiveSite(clock: clock) { site, base in
            let axe = try Axe()
            let driver = try await WebDriver(language: "fr")
            do {
                var problems: [String] = []
                let france = try #require(try await site.councils.find(slug: "cese-fr"))
                let morocco = try #require(try await site.councils.find(slug: "cese-ma"))
                let youth = try #require(try await site.works.all(councilID: france.id).first { $0.status == "in_preparation" })

                // The French secretariat records the agreement, signed today and ending today.
                try await Walk.signIn(driver, base, "secretariat@cese-fr.example")
                try await driver.open(base + "/cese-fr/cooperation/agreements/new")
                problems += try await EndToEndTests.audit(driver, axe, "fr new agreement")
                try await driver.type("Protocole d’échange sur les ressources humaines", into: "#title_fr")
                try await driver.click("#party-\(morocco.id)")
                try await driver.type("Rabat", into: "#place")
                try await Walk.set(driver, "#signed_on", "2026-11-30")
                try await Walk.set(driver, "#ends_on", "2026-11-30")
                try await driver.type("Claire Dumas, présidente", into: "#signatories-\(france.id)")
                try await Walk.submit(driver, formWith: "#title_fr")
                #expect(try await driver.text("main .status") == "En vigueur")
                let agreement = try #require(try await AgreementRepository(database: site.database).all(councilID: france.id)
                    .first { $0.titleFr == "Protocole d’échange sur les ressources humaines" })
                problems += try await EndToEndTests.audit(driver, axe, "fr agreement kept by its secretariat")

                // It shares its avis in preparation, and plans an action.
                try await Walk.set(driver, "#share-work", "\(youth.id)")
                try await Walk.set(driver, "#share-grantee", "\(morocco.id)")
                try await Walk.set(driver, "#share-due", "2026-11-30")
                try await Walk.submit(driver, formWith: "#share-work")
                #expect(try await driver.text("#shared").contains("Jeunes et emploi dans les territoires ruraux"))
                try await Walk.set(driver, "#new-action-title", "Accueillir deux agents du Conseil du Maroc")
                try await Walk.set(driver, "#new-action-due", "2027-03-01")
                try await Walk.submit(driver, formWith: "#new-action-title")
                #expect(try await driver.text("#plan").contains("Accueillir deux agents du Conseil du Maroc"))
                problems += try await EndToEndTests.audit(driver, axe, "fr agreement with its plan and shares")
                try await Walk.signOut(driver)

                // A Moroccan member finds the shared work from the agreement, in Arabic, and reads its draft.
                try await Walk.signIn(driver, base, "membre@cese-ma.example")
                try await driver.open(base + "/cese-ma/cooperation/agreements/\(agreement.id)")
                #expect(try await driver.script("return document.documentElement.dir") as? String == "rtl")
                problems += try await EndToEndTests.audit(driver, axe, "ar agreement followed by a member")
                try await Walk.markPage(driver)
                try await driver.click("#shared a[href='/cese-fr/works/\(youth.id)']")
                try await Walk.waitForNewPage(driver, then: "main h1")
                #expect(try await driver.text("main").contains("Financer le permis"))
                problems += try await EndToEndTests.audit(driver, axe, "ar shared work")

                // She drafts a contribution in her council's space.
                try await driver.open(base + "/cese-ma/cooperation/contributions")
                problems += try await EndToEndTests.audit(driver, axe, "ar contributions")
                let share = try #require(try await AgreementPlanRepository(database: site.database).shares(agreementID: agreement.id)
                    .first { $0.itemKind == "contribution" })
                try await Walk.set(driver, "#share-\(share.id)-title", "Contribution du Conseil du Maroc")
                try await Walk.set(driver, "#share-\(share.id)-body", "Le Conseil partage ses travaux sur l’emploi des jeunes.")
                try await Walk.submit(driver, formWith: "#share-\(share.id)-title")
                #expect(try await driver.text("main h1") == "Contribution du Conseil du Maroc")
                problems += try await EndToEndTests.audit(driver, axe, "ar contribution draft")
                try await Walk.signOut(driver)

                // The Moroccan bureau validates and sends it before the end of the day; the French secretariat finds it on
                // its work with its provenance, and writes a note for its partners.
                try await Walk.signIn(driver, base, "bureau@cese-ma.example")
                let draft = try #require(try await PartnerContributionRepository(database: site.database).all(councilID: morocco.id)
                    .first { $0.title == "Contribution du Conseil du Maroc" })
                try await driver.open(base + "/cese-ma/cooperation/contributions/\(draft.id)")
                problems += try await EndToEndTests.audit(driver, axe, "ar contribution before it is sent")
                try await Walk.submit(driver, formWith: "form[action$='/send'] input[name=_csrf]")
                try await Walk.signOut(driver)
                try await Walk.signIn(driver, base, "secretariat@cese-fr.example")
                try await driver.open(base + "/cese-fr/works/\(youth.id)")
                let work = try await driver.text("main")
                #expect(work.contains("Contribution du Conseil du Maroc") && work.contains("validée par Omar Bureau"))
                problems += try await EndToEndTests.audit(driver, axe, "fr work with the partner's contribution")
                try await driver.open(base + "/cese-fr/practices/new")
                try await driver.type("Associer un conseil partenaire à un avis", into: "#practice-title")
                try await driver.type("Le partage de l’avis en préparation, avec une date limite, permet au partenaire de contribuer.", into: "#practice-body")
                try await Walk.set(driver, "#practice-language", "fr")
                try await Walk.set(driver, "#practice-maturity", "emerging")
                try await Walk.set(driver, "#practice-audience", "partners")
                try await Walk.submit(driver, formWith: "#practice-title")
                problems += try await EndToEndTests.audit(driver, axe, "fr note for the partners")
                try await Walk.signOut(driver)
                // Nobody outside the agreement reads it; the Moroccan member does.
                try await driver.open(base + "/cese-fr/practices")
                #expect(try await !driver.text("main").contains("Associer un conseil partenaire à un avis"))
                try await Walk.signIn(driver, base, "membre@cese-ma.example")
                try await driver.open(base + "/cese-fr/practices")
                #expect(try await driver.text("main").contains("Associer un conseil partenaire à un avis"))
                problems += try await EndToEndTests.audit(driver, axe, "ar the partner's library")

                // A second after midnight in Paris, the agreement has expired: the draft is hers no more.
                let midnight = Date(timeIntervalSince1970: 1_796_079_601) // 2026-12-01 00:00:01 in Paris
                clock.advance(by: midnight.timeIntervalSince(clock.now()))
                try await driver.open(base + "/cese-fr/works/\(youth.id)")
                #expect(try await !driver.text("main").contains("Financer le permis"))
                try await driver.open(base + "/cese-ma/cooperation")
                problems += try await EndToEndTests.audit(driver, axe, "ar cooperation")
                try await Walk.signOut(driver)

                // The instance's administrator keeps the networks' directory.
                try await Walk.signIn(driver, base, "admin@hemicycle.example")
                try await driver.open(base + "/lang/fr?next=/networks/ucesif")
                try await driver.open(base + "/networks/ucesif")
                problems += try await EndToEndTests.audit(driver, axe, "fr network kept by the administrator")
                try await driver.open(base + "/networks")
                problems += try await EndToEndTests.audit(driver, axe, "fr networks kept by the administrator")
                try await driver.open(base + "/admin/themes")
                #expect(try await driver.text("main").contains("Traitement des opinions divergentes"))
                problems += try await EndToEndTests.audit(driver, axe, "fr themes of cooperation")
                try await driver.open(base + "/lang/ar?next=/admin/themes")
                try await driver.open(base + "/admin/themes")
                problems += try await EndToEndTests.audit(driver, axe, "ar themes of cooperation")

                // The administrator links a partner instance with the key its administrators gave; a document it
                // delivered to the French council is read there, and the secretariat's form shares more.
                try await driver.open(base + "/lang/fr?next=/admin/federation")
                try await driver.open(base + "/admin/federation")
                try await driver.type("CESE du Maroc", into: "#peer-name")
                try await driver.type("https://hemicycle.cese.ma.example", into: "#peer-address")
                try await driver.type(FederationKey.text(Curve25519.Signing.PrivateKey().publicKey), into: "#peer-key")
                try await Walk.submit(driver, formWith: "#peer-name")
                #expect(try await driver.text("main").contains("https://hemicycle.cese.ma.example"))
                problems += try await EndToEndTests.audit(driver, axe, "fr partner instances")
                let peer = try #require(try await FederationPeerRepository(database: site.database).all().first)
                let received = try await FederationInboxRepository(database: site.database).receive(
                    peerID: peer.id, signatureDigest: "walk", document: IncomingDocument(
                        documentID: UUID().uuidString.lowercased(), kind: "practice_note", senderInstance: peer.baseUrl, senderCouncil: "cese-ma",
                        senderName: "المجلس الاقتصادي والاجتماعي والبيئي", recipient: "cese-fr", title: "معالجة الآراء المخالفة",
                        summary: "كيف تضاف الآراء المخالفة إلى الرأي.", body: "يودع كل فريق تصريحه.", language: "ar",
                        url: peer.baseUrl + "/cese-ma/practices/9", detail: "", sharedAt: clock.now().timeIntervalSince1970),
                    at: clock.now().timeIntervalSince1970, forgetBefore: 0)
                let receivedID: Int64
                switch received { case .accepted(let id), .duplicate(let id): receivedID = id }
                try await driver.open(base + "/cese-fr/cooperation/instances")
                #expect(try await driver.text("main").contains("معالجة الآراء المخالفة"))
                problems += try await EndToEndTests.audit(driver, axe, "fr exchanges with partner instances")
                try await driver.open(base + "/cese-fr/cooperation/instances/received/\(receivedID)")
                problems += try await EndToEndTests.audit(driver, axe, "fr a document from a partner instance")
                try await driver.open(base + "/lang/ar?next=/admin/federation")
                try await driver.open(base + "/admin/federation")
                problems += try await EndToEndTests.audit(driver, axe, "ar partner instances")
                try await driver.open(base + "/cese-fr/cooperation/instances")
                problems += try await EndToEndTests.audit(driver, axe, "ar exchanges with partner instances")
                try await driver.open(base + "/cese-fr/cooperation/instances/received/\(receivedID)")
                problems += try await EndToEndTests.audit(driver, axe, "ar a document from a partner instance")
                #expect(problems.isEmpty, "serious or critical accessibility violations:\n\(problems.joined(separator: "\n"))")
                await driver.quit()
            } catch {
                await driver.quit()
                throw error
            }
        }
    }
}
