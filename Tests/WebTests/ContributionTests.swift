import Foundation
import FoundationXML
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

/// Partner contributions: a council opens a work to a partner's contribution under an agreement until a day; the
/// partner's members draft it in their own space (private until sent), its bureau sends it, and the receiving council
/// sees it with its provenance and acknowledges it; after the last day, refused in the sender's language.
@Suite struct ContributionTests {
    @Test(arguments: TestDatabase.kinds)
    func theMoroccanContributionToTheFrenchAvisIsShownWithItsProvenanceAndCited(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let avis = try #require(try await site.works.all(councilID: france.id).first { $0.status == "published" })
            let page = try await Visitor(client, acceptLanguage: "fr").get("/cese-fr/works/\(avis.id)")
            #expect(page.text.contains("Contributions des conseils partenaires") && page.text.contains("Contribution du Conseil du Maroc au titre de l’accord-cadre de 2024"))
            #expect(page.text.contains("Envoyée le 30 avr. 2026, validée par Omar Bureau") && page.text.contains("Reçue le 4 mai 2026"))
            #expect(page.text.contains("href=\"/cese-fr/cooperation/partners/cese-ma\""))
            let xml = try await Visitor(client).get("/cese-fr/works/\(avis.id)/akoma-ntoso.xml").text
            #expect(xml.contains("<TLCOrganization eId=\"org_cese-ma\"") && xml.contains("<TLCReference eId=\"contribution_1\" name=\"contribution\""))
            #expect(XMLParser(data: Data(xml.utf8)).parse())
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aPartnerDraftsItsBureauSendsBeforeTheDeadlineAndTheReceiverAcknowledges(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let morocco = try #require(try await site.councils.find(slug: "cese-ma"))
            let agreement = try #require(try await AgreementRepository(database: site.database).all(councilID: france.id).first)
            let youth = try #require(try await site.works.all(councilID: france.id).first { $0.status == "in_preparation" })
            let contributions = PartnerContributionRepository(database: site.database)
            let clock = try #require(site.clock as? TestClock)
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            let share = "/cese-fr/cooperation/agreements/\(agreement.id)/shares"
            // A last day already past is refused; then the work opens until 2 December.
            #expect(try await staff.post(share, [("work", "\(youth.id)"), ("grantee", "\(morocco.id)"), ("due_on", "2026-11-29")]).status
                == .unprocessableContent)
            #expect(try await staff.post(share, [("work", "\(youth.id)"), ("grantee", "\(morocco.id)"), ("due_on", "2026-12-02")]).status == .seeOther)
            #expect(try await staff.get("/cese-fr/cooperation/agreements/\(agreement.id)").text.contains("contributions jusqu’au 2 déc. 2026"))

            // A Moroccan member finds it in the council's space and drafts; citizens and other councils' people may not.
            let member = Visitor(client, acceptLanguage: "fr")
            try await member.signIn("membre@cese-ma.example")
            let space = try await member.get("/cese-ma/cooperation/contributions")
            #expect(space.status == .ok && space.text.contains("name=\"share\""))
            let shareID = try #require(try await AgreementPlanRepository(database: site.database).shares(agreementID: agreement.id)
                .first { $0.itemKind == "contribution" && $0.itemId == youth.id }?.id)
            let draft: [(String, String)] = [("share", "\(shareID)"), ("title", "Contribution sur l’emploi des jeunes ruraux"),
                                             ("body", "Le Conseil du Maroc partage ses travaux sur l’économie sociale et solidaire.")]
            for email in ["citoyenne@cese-ma.example", "membre@cese-fr.example"] {
                let someone = Visitor(client)
                try await someone.signIn(email)
                #expect(try await someone.post("/cese-ma/cooperation/contributions", draft).status == .forbidden, "\(email)")
            }
            let anonymous = try await Visitor(client).post("/cese-ma/cooperation/contributions", draft).status
            #expect(anonymous == .unauthorized || anonymous == .forbidden)
            #expect(try await member.post("/cese-ma/cooperation/contributions", draft.map { $0.0 == "body" ? ($0.0, "") : $0 }).status == .unprocessableContent)
            #expect(try await member.post("/cese-ma/cooperation/contributions", draft.map { $0.0 == "share" ? ($0.0, "999999") : $0 }).status
                == .unprocessableContent)
            let created = try await member.post("/cese-ma/cooperation/contributions", draft)
            #expect(created.status == .seeOther)
            let url = try #require(created.location?.components(separatedBy: "?").first)
            let id = try #require(url.split(separator: "/").last.flatMap { Int64($0) })
            // Private until sent: the French council sees nothing of it, and its members may not open it.
            #expect(!(try await staff.get("/cese-fr/works/\(youth.id)")).text.contains("Contribution sur l’emploi des jeunes ruraux"))
            #expect(try await staff.get("/cese-fr/cooperation/contributions/\(id)").status == .notFound)
            // A member does not send it; the bureau does, once.
            #expect(try await member.post("\(url)/send", []).status == .forbidden)
            let bureau = Visitor(client, acceptLanguage: "fr")
            try await bureau.signIn("bureau@cese-ma.example")
            #expect(try await bureau.post("\(url)/send", []).status == .seeOther)
            #expect(try await bureau.post("\(url)/send", []).status == .conflict)
            #expect(try await member.post(url, [("title", "Autre"), ("body", "Autre")]).status == .conflict)
            #expect(try await member.post("\(url)/delete", []).status == .conflict)
            #expect(try await contributions.find(id: id, councilID: morocco.id)?.title == "Contribution sur l’emploi des jeunes ruraux")

            // Delivered with its provenance; the French secretariat acknowledges it, a member may not.
            let received = try await staff.get("/cese-fr/works/\(youth.id)").text
            #expect(received.contains("Contribution sur l’emploi des jeunes ruraux") && received.contains("validée par Omar Bureau"))
            let acknowledge = "/cese-fr/works/\(youth.id)/partner-contributions/\(id)/acknowledge"
            #expect(received.contains(acknowledge))
            // A French member reads it, without the button; the Moroccan member sees her council's contribution on the work.
            let french = Visitor(client)
            try await french.signIn("membre2@cese-fr.example")
            let memberView = try await french.get("/cese-fr/works/\(youth.id)").text
            #expect(memberView.contains("Contribution sur l’emploi des jeunes ruraux") && !memberView.contains(acknowledge))
            #expect(try await member.get("/cese-fr/works/\(youth.id)").text.contains("Contribution sur l’emploi des jeunes ruraux"))
            #expect(try await french.post(acknowledge, []).status == .forbidden)
            #expect(try await member.post("/cese-ma/works/\(youth.id)/partner-contributions/\(id)/acknowledge", []).status == .notFound)
            #expect(try await staff.post(acknowledge, []).status == .seeOther)
            #expect(try await staff.post(acknowledge, []).status == .conflict)
            #expect(try await member.get(url).text.contains("status-acknowledged"))

            // After the last day (2 December, midnight in Paris), a draft is no longer sent, and none is started.
            let second = try await member.post("/cese-ma/cooperation/contributions", draft.map { $0.0 == "title" ? ($0.0, "Complément") : $0 })
            let secondURL = try #require(second.location?.components(separatedBy: "?").first)
            let afterMidnight = Date(timeIntervalSince1970: 1_796_252_401) // 2026-12-03 00:00:01 in Paris
            clock.advance(by: afterMidnight.timeIntervalSince(clock.now()))
            // In the sender's language: Arabic from his profile, or the language the address asks for.
            let late = try await bureau.post("\(secondURL)/send", [])
            #expect(late.status == .conflict && late.text.contains("انقضى أجل المساهمات"))
            #expect(try await bureau.post("\(secondURL)/send?lang=fr", []).text.contains("La date limite des contributions à ce travail est passée"))
            #expect(try await member.post("/cese-ma/cooperation/contributions", draft).status == .conflict)
            #expect(try await contributions.all(councilID: morocco.id).filter { $0.status == "draft" }.count == 1)
            // What was written under the agreement keeps it: it is terminated, not deleted.
            let kept = try await staff.post("/cese-fr/cooperation/agreements/\(agreement.id)/delete", [])
            #expect(kept.status == .conflict && kept.text.contains("Indiquez plutôt sa date de résiliation"))
            #expect(try await contributions.all(agreementID: agreement.id).count == 3)
        }
    }
}
