import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

/// The library of good practice: each note is read by whom it is open to (the council, its partners under an
/// agreement in force, a network's councils, everyone), found by theme and language; the secretariat writes them.
@Suite struct PracticeTests {
    static let dissent = "Faire place aux opinions divergentes"
    static let preparation = "Préparer un avis en commission"
    static let plenary = "Running a plenary sitting"
    static let annual = "إعداد التقرير السنوي"
    static let participation = "منصة المشاركة المواطنة"
    static let staff = "Hosting staff from partner councils"

    @Test(arguments: TestDatabase.kinds)
    func eachNoteIsReadByWhomItIsOpenTo(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            func reads(_ email: String?, _ slug: String, _ query: String = "") async throws -> String {
                let someone = Visitor(client, acceptLanguage: "fr")
                if let email { try await someone.signIn(email) }
                let page = try await someone.get("/\(slug)/practices\(query)")
                #expect(page.status == .ok, "\(email ?? "visitor") \(slug)")
                return page.text
            }
            // A visitor: what is open to everyone.
            let french = try await reads(nil, "cese-fr")
            #expect(french.contains(Self.dissent) && french.contains(Self.plenary) && !french.contains(Self.preparation))
            let moroccan = try await reads(nil, "cese-ma")
            #expect(moroccan.contains(Self.annual) && !moroccan.contains(Self.participation) && !moroccan.contains(Self.staff))
            // A French member: all of the French council's; of the Moroccan council's, what is open to its partners and
            // to UCESIF, not what it keeps to itself.
            #expect(try await reads("membre@cese-fr.example", "cese-fr").contains(Self.preparation))
            let partner = try await reads("membre@cese-fr.example", "cese-ma")
            #expect(partner.contains(Self.annual) && partner.contains(Self.participation) && !partner.contains(Self.staff))
            // A Moroccan member reads the French note open to partners; a Moroccan citizen does not.
            #expect(try await reads("membre@cese-ma.example", "cese-fr").contains(Self.preparation))
            #expect(!(try await reads("citoyenne@cese-ma.example", "cese-fr")).contains(Self.preparation))
            #expect(try await reads("membre@cese-ma.example", "cese-ma").contains(Self.staff))
            // A hidden note does not exist for whoever may not read it.
            let morocco = try #require(try await site.councils.find(slug: "cese-ma"))
            let hidden = try #require(try await PracticeNoteRepository(database: site.database).all(councilID: morocco.id).first { $0.audience == "council" })
            #expect(try await Visitor(client).get("/cese-ma/practices/\(hidden.id)").status == .notFound)
            let frenchMember = Visitor(client)
            try await frenchMember.signIn("membre@cese-fr.example")
            #expect(try await frenchMember.get("/cese-ma/practices/\(hidden.id)").status == .notFound)
            // The same in the API, for the same callers.
            let api = try await Visitor(client).get("/api/v1/cese-ma/practices")
            #expect(api.status == .ok && api.text.contains("\"theme\":\"annual_report\"") && !api.text.contains("\"audience\":\"network\""))
            #expect(try await frenchMember.get("/api/v1/cese-ma/practices").text.contains("\"network\":\"ucesif\""))
            #expect(try await Visitor(client).get("/api/v1/cese-ma/practices/\(hidden.id)").status == .notFound)
            let annual = try await Visitor(client).get("/api/v1/cese-ma/practices?theme=annual_report&language=ar").text
            #expect(annual.contains("\"theme\":\"annual_report\"") && !annual.contains("\"language\":\"en\""))
            #expect(try await Visitor(client).get("/api/v1/cese-ma/practices?theme=nothing").status == .badRequest)
            // A note in Arabic read by a French reader: its text is marked Arabic, right to left; the page stays French.
            let arabicNote = try #require(try await PracticeNoteRepository(database: site.database).all(councilID: morocco.id).first { $0.audience == "public" })
            let page = try await Visitor(client, acceptLanguage: "fr").get("/cese-ma/practices/\(arabicNote.id)").text
            #expect(page.contains("<html lang=\"fr\" dir=\"ltr\"") && page.contains("<article lang=\"ar\" dir=\"rtl\">"))
            #expect(page.contains("<title>\(arabicNote.title) · Hemicycle</title>"))
            // By theme and language.
            let filtered = try await reads(nil, "cese-fr", "?theme=dissent&language=fr")
            #expect(filtered.contains(Self.dissent) && !filtered.contains(Self.plenary))
            #expect(try await reads(nil, "cese-fr", "?language=en").contains(Self.plenary))
            #expect(!(try await reads(nil, "cese-fr", "?language=en")).contains(Self.dissent))

            // Once the agreement is terminated, the Moroccan member no longer reads what the French council keeps for partners.
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let agreement = try #require(try await AgreementRepository(database: site.database).all(councilID: france.id).first)
            let secretariat = Visitor(client)
            try await secretariat.signIn("secretariat@cese-fr.example")
            let fields = try await AgreementTests.fields(site, agreement) + [("terminated_on", "2026-11-30")]
            #expect(try await secretariat.post("/cese-fr/cooperation/agreements/\(agreement.id)", fields).status == .seeOther)
            #expect(!(try await reads("membre@cese-ma.example", "cese-fr")).contains(Self.preparation))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func theSecretariatWritesNotesAndBadInputStoresNothing(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let notes = PracticeNoteRepository(database: site.database)
            let count = try await notes.all(councilID: france.id).count
            let note: [(String, String)] = [("title", "Associer les jeunes aux travaux"), ("language", "fr"), ("theme", ""), ("summary", ""),
                                            ("body", "Un comité de jeunes est consulté sur chaque avis."), ("maturity", "emerging"), ("audience", "public"),
                                            ("network", "")]
            let anonymous = try await Visitor(client).post("/cese-fr/practices", note).status
            #expect(anonymous == .unauthorized || anonymous == .forbidden)
            for email in ["citoyen@hemicycle.example", "membre@cese-fr.example", "bureau@cese-ma.example", "secretariat@cese-ma.example"] {
                let someone = Visitor(client)
                try await someone.signIn(email)
                #expect(try await someone.post("/cese-fr/practices", note).status == .forbidden, "\(email)")
                #expect(try await someone.get("/cese-fr/practices/new").status == .forbidden, "\(email)")
            }
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            let empty = try await staff.post("/cese-fr/practices", note.map { $0.0 == "body" ? ($0.0, "") : $0 })
            #expect(empty.status == .unprocessableContent && empty.text.contains("Donnez un titre et un texte") && empty.text.contains("Associer les jeunes"))
            let noNetwork = try await staff.post("/cese-fr/practices", note.map { $0.0 == "audience" ? ($0.0, "network") : $0 })
            #expect(noNetwork.status == .unprocessableContent && noNetwork.text.contains("Choisissez le réseau"))
            #expect(try await staff.post("/cese-fr/practices", note.map { $0.0 == "theme" ? ($0.0, "999999") : $0 }).status == .unprocessableContent)
            #expect(try await staff.post("/cese-fr/practices", note.map { $0.0 == "maturity" ? ($0.0, "wild") : $0 }).status == .unprocessableContent)
            #expect(try await notes.all(councilID: france.id).count == count)
            let created = try await staff.post("/cese-fr/practices", note)
            #expect(created.status == .seeOther)
            let url = try #require(created.location?.components(separatedBy: "?").first)
            #expect(try await Visitor(client).get(url).text.contains("Associer les jeunes aux travaux"))
            // Kept to the council: gone for visitors; then removed.
            #expect(try await staff.post(url, note.map { $0.0 == "audience" ? ($0.0, "council") : $0 }).status == .seeOther)
            #expect(try await Visitor(client).get(url).status == .notFound)
            #expect(try await staff.post("\(url)/delete", []).status == .seeOther)
            #expect(try await staff.get(url).status == .notFound)
        }
    }
}
