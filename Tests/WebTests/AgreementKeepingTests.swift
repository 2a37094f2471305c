import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

/// Keeping an agreement: only a party's secretariat records and corrects it, its plan and documents; each party shares
/// only its own works; the recorder alone removes it; bad input is refused with its sentence and stores nothing.
@Suite struct AgreementKeepingTests {
    @Test(arguments: TestDatabase.kinds)
    func onlyAPartysSecretariatKeepsAnAgreementAndEachSharesOnlyItsOwn(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let morocco = try #require(try await site.councils.find(slug: "cese-ma"))
            let repository = AgreementRepository(database: site.database), plans = AgreementPlanRepository(database: site.database)
            let demo = try #require(try await repository.all(councilID: france.id).first)
            let youth = try #require(try await site.works.all(councilID: france.id).first { $0.status == "in_preparation" })
            let moroccanWork = try #require(try await site.works.all(councilID: morocco.id).first)
            let themes = try await repository.themes()
            let fields: [(String, String)] = [("title_fr", "Protocole d’échange de personnels"), ("party", "\(morocco.id)"), ("place", ""),
                                              ("signed_on", ""), ("ends_on", ""), ("theme", "\(themes[7].id)"),
                                              ("signatories_\(france.id)", "Claire Dumas, présidente"), ("text_fr", "Article unique.")]
            let visitor = Visitor(client, acceptLanguage: "fr")
            let anonymous = try await visitor.post("/cese-fr/cooperation/agreements", fields).status
            #expect(anonymous == .unauthorized || anonymous == .forbidden)
            for email in ["membre@cese-fr.example", "citoyen@hemicycle.example", "bureau@cese-ma.example", "secretariat@cese-ma.example"] {
                let someone = Visitor(client)
                try await someone.signIn(email)
                #expect(try await someone.post("/cese-fr/cooperation/agreements", fields).status == .forbidden, "\(email)")
                #expect(try await someone.get("/cese-fr/cooperation/agreements/new").status == .forbidden, "\(email)")
                #expect(try await someone.post("/cese-fr/cooperation/agreements/\(demo.id)", fields).status == .forbidden, "\(email)")
                #expect(try await someone.post("/cese-fr/cooperation/agreements/\(demo.id)/delete", []).status == .forbidden, "\(email)")
                #expect(try await someone.post("/cese-fr/cooperation/agreements/\(demo.id)/shares",
                                               [("work", "\(youth.id)"), ("grantee", "\(morocco.id)")]).status == .forbidden, "\(email)")
                #expect(try await someone.post("/cese-fr/cooperation/agreements/\(demo.id)/actions",
                                               [("title", "x"), ("council", "\(france.id)"), ("state", "planned")]).status == .forbidden, "\(email)")
            }
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            // Refused with its sentence, nothing stored: days backwards, days without a signature, no other party, a party that is no council.
            let count = try await repository.all(councilID: france.id).count
            let backwards = try await staff.post("/cese-fr/cooperation/agreements",
                                                 fields.map { $0.0 == "signed_on" ? ($0.0, "2026-01-10") : $0.0 == "ends_on" ? ($0.0, "2026-01-09") : $0 })
            #expect(backwards.status == .unprocessableContent && backwards.text.contains("Les dates ne se suivent pas"))
            #expect(backwards.text.contains("value=\"Protocole d’échange de personnels\""))
            let unsigned = try await staff.post("/cese-fr/cooperation/agreements", fields.map { $0.0 == "ends_on" ? ($0.0, "2027-01-01") : $0 })
            #expect(unsigned.status == .unprocessableContent && unsigned.text.contains("indiquez d’abord la date de signature"))
            let alone = try await staff.post("/cese-fr/cooperation/agreements", fields.filter { $0.0 != "party" })
            #expect(alone.status == .unprocessableContent && alone.text.contains("au moins un autre conseil"))
            #expect(try await staff.post("/cese-fr/cooperation/agreements", fields.map { $0.0 == "party" ? ($0.0, "999999") : $0 }).status
                == .unprocessableContent)
            #expect(try await staff.post("/cese-fr/cooperation/agreements", fields.map { $0.0 == "signed_on" ? ($0.0, "2026-02-30") : $0 }).status
                == .unprocessableContent)
            #expect(try await repository.all(councilID: france.id).count == count)

            // Under negotiation: the parties' members and secretariat see it; visitors and citizens do not find it.
            let created = try await staff.post("/cese-fr/cooperation/agreements", fields)
            #expect(created.status == .seeOther)
            let url = try #require(created.location?.components(separatedBy: "?").first)
            let id = try #require(url.split(separator: "/").last.flatMap { Int64($0) })
            #expect(try await visitor.get(url).status == .notFound)
            #expect(try await visitor.get("/cese-ma/cooperation/agreements/\(id)").status == .notFound)
            #expect(!(try await visitor.get("/api/v1/cese-fr/cooperation/agreements")).text.contains("Protocole d’échange"))
            let moroccanStaff = Visitor(client, acceptLanguage: "fr")
            try await moroccanStaff.signIn("secretariat@cese-ma.example")
            let seen = try await moroccanStaff.get("/cese-ma/cooperation/agreements/\(id)")
            #expect(seen.status == .ok && seen.text.contains("قيد التفاوض") && seen.text.contains("الموارد البشرية"))

            // The other party's secretariat keeps it too, under its own address: the plan, but not the other's works.
            let action = try await moroccanStaff.post("/cese-ma/cooperation/agreements/\(id)/actions",
                                                      [("title", "Accueillir deux agents"), ("council", "\(morocco.id)"), ("owner", "Secrétariat général"),
                                                       ("due_on", "2027-02-01"), ("state", "planned"), ("follow_up", "")])
            #expect(action.status == .seeOther)
            let stranger = try await moroccanStaff.post("/cese-ma/cooperation/agreements/\(id)/actions",
                                                        [("title", "x"), ("council", "999999"), ("state", "planned")])
            #expect(stranger.status == .unprocessableContent && stranger.text.contains("أطراف الاتفاقية"))
            #expect(try await moroccanStaff.post("/cese-ma/cooperation/agreements/\(id)/actions",
                                                 [("title", "x"), ("council", "\(morocco.id)"), ("state", "planned"), ("due_on", "demain")]).status
                == .unprocessableContent)
            #expect(try await plans.actions(agreementID: id).count == 1)
            let borrowed = try await moroccanStaff.post("/cese-ma/cooperation/agreements/\(id)/shares", [("work", "\(youth.id)"), ("grantee", "\(france.id)")])
            #expect(borrowed.status == .unprocessableContent)
            #expect(try await moroccanStaff.post("/cese-ma/cooperation/agreements/\(id)/shares",
                                                 [("work", "\(moroccanWork.id)"), ("grantee", "\(morocco.id)")]).status == .unprocessableContent)
            #expect(try await moroccanStaff.post("/cese-ma/cooperation/agreements/\(id)/shares",
                                                 [("work", "\(moroccanWork.id)"), ("grantee", "\(france.id)")]).status == .seeOther)
            #expect(try await plans.shares(agreementID: id).map(\.grantingCouncilId) == [morocco.id])
            // The demo agreement shares the same work: withdrawn by the council that shared it (and by no one else).
            let demoShare = try #require(try await plans.shares(agreementID: demo.id).first { $0.grantingCouncilId == morocco.id })
            #expect(try await staff.post("/cese-fr/cooperation/agreements/\(demo.id)/shares/\(demoShare.id)/delete", []).status == .notFound)
            #expect(try await moroccanStaff.post("/cese-ma/cooperation/agreements/\(demo.id)/shares/\(demoShare.id)/delete", []).status == .seeOther)
            #expect(try await plans.shares(agreementID: demo.id).allSatisfy { $0.grantingCouncilId == france.id })
            // Only the recorder removes it; the other party may not withdraw what it did not share.
            #expect(try await moroccanStaff.post("/cese-ma/cooperation/agreements/\(id)/delete", []).status == .forbidden)
            let share = try #require(try await plans.shares(agreementID: id).first)
            #expect(try await staff.post("/cese-fr/cooperation/agreements/\(id)/shares/\(share.id)/delete", []).status == .notFound)
            // Not signed yet: nothing is read under it.
            let french = Visitor(client)
            try await french.signIn("membre@cese-fr.example")
            let progressOnly = "seront rendus publics à sa publication."
            #expect(try await french.get("/cese-ma/works/\(moroccanWork.id)").text.contains(progressOnly))

            // The signed text, as a PDF: kept by the secretariat, read by whoever sees the agreement.
            let pdf = Array("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)
            #expect(try await staff.postFile("/cese-fr/cooperation/agreements/\(id)/documents", fields: [("title", "Texte signé")], fileName: "protocole.pdf",
                                             content: pdf).status == .seeOther)
            let refused = try await staff.postFile("/cese-fr/cooperation/agreements/\(id)/documents", fields: [("title", "x")], fileName: "x.pdf",
                                                   content: Array("MZ\u{90}\u{00}not a pdf".utf8))
            #expect(refused.status == .unsupportedMediaType)
            let page = try await moroccanStaff.get("/cese-ma/cooperation/agreements/\(id)").text
            let link = try #require(page.firstMatch(of: /href="(\/cese-ma\/cooperation\/agreements\/\d+\/documents\/\d+)"/)?.1)
            #expect(Array(try await moroccanStaff.get(String(link)).body.readableBytesView) == pdf)
            #expect(try await visitor.get(String(link)).status == .notFound)
            #expect(try await visitor.postFile("/cese-fr/cooperation/agreements/\(id)/documents", fields: [], fileName: "p.pdf", content: pdf).status
                != .seeOther)

            // Only the recorder corrects the record and its documents: no other party moves the days that open what a
            // council shares. Signed, it is public; removed by the recorder, with its plan, shares and documents.
            let signed = fields.map { $0.0 == "signed_on" ? ($0.0, "2026-11-02") : $0 }
            #expect(try await moroccanStaff.post("/cese-ma/cooperation/agreements/\(id)", signed).status == .forbidden)
            #expect(try await moroccanStaff.get("/cese-ma/cooperation/agreements/\(id)/edit").status == .forbidden)
            #expect(try await moroccanStaff.postFile("/cese-ma/cooperation/agreements/\(id)/documents", fields: [], fileName: "p.pdf", content: pdf).status
                == .forbidden)
            #expect(try await moroccanStaff.post("\(String(link))/delete", []).status == .forbidden)
            #expect(try await visitor.get(url).status == .notFound)
            #expect(try await staff.post(url, signed).status == .seeOther)
            #expect(try await visitor.get(url).text.contains("En vigueur"))
            // Its documents stay with the parties.
            #expect(try await visitor.get(String(link)).status != .ok)
            #expect(try await !french.get("/cese-ma/works/\(moroccanWork.id)").text.contains(progressOnly))
            #expect(try await staff.post("/cese-fr/cooperation/agreements/\(id)/delete", []).status == .seeOther)
            #expect(try await visitor.get(url).status == .notFound)
            #expect(try await plans.shares(agreementID: id).isEmpty)
            #expect(try await plans.actions(agreementID: id).isEmpty)
            #expect(try await site.attachments.all(councilID: france.id, ownerKind: "agreement", ownerID: id).isEmpty)
        }
    }
}

/// An agreement's documents: what is too large or not a document is refused with its sentence, and nothing is kept.
@Suite struct AgreementDocumentTests {
    @Test(arguments: TestDatabase.kinds)
    func anOversizedOrWrongTypeDocumentIsRefusedAndNothingKept(kind: DatabaseKind) async throws {
        try await Harness.run(kind, configure: { $0.uploadLimit = 1_048_576 }) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let agreement = try #require(try await AgreementRepository(database: site.database).all(councilID: france.id).first)
            let path = "/cese-fr/cooperation/agreements/\(agreement.id)/documents"
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            let pdf = Array("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)
            let large = try await staff.postFile(path, fileName: "accord.pdf", content: pdf + [UInt8](repeating: 0x20, count: 1_048_576))
            #expect(large.status == .contentTooLarge && large.text.contains("1 Mo"))
            let html = try await staff.postFile(path, fileName: "accord.pdf", content: Array("<html><script>alert(1)</script></html>".utf8))
            #expect(html.status == .unsupportedMediaType && html.text.contains("ni un PDF"))
            #expect(try await site.attachments.all(councilID: france.id, ownerKind: "agreement", ownerID: agreement.id).isEmpty)
            #expect(try await staff.postFile(path, fileName: "accord.pdf", content: pdf).status == .seeOther)
            #expect(try await site.attachments.all(councilID: france.id, ownerKind: "agreement", ownerID: agreement.id).count == 1)
        }
    }
}
