import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import SQLKit
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
            // A theme not in the instance's list has no note (a filter, like the words searched).
            let none = try await Visitor(client).get("/api/v1/cese-ma/practices?theme=nothing")
            #expect(none.status == .ok && none.text == "[]")
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

    static func search(_ words: String) -> String {
        "?q=" + (words.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
    }

    /// The library searched in French, Arabic and English: every word required as a word beginning, whatever its case,
    /// accents, vowel marks, hamza seat, taa marbuta or tatweel; the words found marked; only the notes open to the
    /// reader; the best first; the index follows each change of a note.
    @Test(arguments: TestDatabase.kinds)
    func theLibraryIsSearchedInEachLanguage(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let visitor = Visitor(client, acceptLanguage: "fr")
            // French, whatever the case and accents; the words found are marked as written.
            let french = try await visitor.get("/cese-fr/practices" + Self.search("PLENIERE divergente")).text
            #expect(french.contains("<mark>divergentes</mark>") && french.contains("<mark>plénière</mark>"))
            #expect(!french.contains(Self.plenary) && french.contains("1 résultat pour « \u{2068}PLENIERE divergente\u{2069} »."))
            // The note kept for partners holds « plénière » too: not the visitor's to find, nor to count; a member's.
            let plenary = try await visitor.get("/cese-fr/practices" + Self.search("plénière")).text
            #expect(plenary.contains("1 résultat pour « \u{2068}plénière\u{2069} ».") && !plenary.contains("Préparer un avis"))
            let member = Visitor(client, acceptLanguage: "fr")
            try await member.signIn("membre@cese-fr.example")
            let membersPlenary = try await member.get("/cese-fr/practices" + Self.search("plénière")).text
            #expect(membersPlenary.contains("Préparer un avis") && membersPlenary.contains("2 résultats pour « \u{2068}plénière\u{2069} »."))
            // A stop word of the note's language and the beginning of a word are still words to find, on both databases.
            #expect(try await visitor.get("/cese-fr/practices" + Self.search("le vote")).text.contains("Faire place aux opinions"))
            #expect(try await visitor.get("/cese-fr/practices" + Self.search("runni")).text.contains("a plenary sitting with an electronic vote"))
            // Arabic: without the article, with vowel marks and tatweel, the alef without its hamza, the taa marbuta as a haa.
            for words in ["تقرير", "التَّقْرِيـــر", "اعداد", "الجلسه العامه"] {
                let page = try await visitor.get("/cese-ma/practices" + Self.search(words)).text
                // The title's words the search did not ask for (those it found are marked).
                #expect(page.contains("السنوي: من جمع المعطيات") && page.contains("1 résultat pour"), "\(words)")
            }
            let arabic = try await Visitor(client, acceptLanguage: "ar").get("/cese-ma/practices" + Self.search("الجلسه")).text
            #expect(arabic.contains("<mark>الجلسة</mark>") && arabic.contains("نتيجة واحدة لـ«\u{2068}الجلسه\u{2069}»."))
            // Every word is required; a word found nowhere finds nothing.
            let none = try await visitor.get("/cese-ma/practices" + Self.search("تقرير zebra")).text
            #expect(!none.contains("السنوي: من جمع المعطيات") && none.contains("0 résultat pour « \u{2068}تقرير zebra\u{2069} »."))
            // English, and a note kept to its council: found by its secretariat, not by a partner's member.
            #expect(try await member.get("/cese-ma/practices" + Self.search("tutor")).text.contains("0 résultat pour « \u{2068}tutor\u{2069} »."))
            let moroccanStaff = Visitor(client, acceptLanguage: "fr")
            try await moroccanStaff.signIn("secretariat@cese-ma.example")
            let tutor = try await moroccanStaff.get("/cese-ma/practices" + Self.search("Tutor")).text
            // (Her pages are in Arabic, her account's language.)
            #expect(tutor.contains(Self.staff) && tutor.contains("نتيجة واحدة لـ«\u{2068}Tutor\u{2069}»."))
            // The API answers the same search, with the filters.
            let api = try await Visitor(client).get("/api/v1/cese-fr/practices" + Self.search("séance"))
            #expect(api.status == .ok && api.text.contains("\"theme\":\"dissent\"") && !api.text.contains("\"language\":\"en\""))
            #expect(try await Visitor(client).get("/api/v1/cese-fr/practices" + Self.search("séance") + "&language=en").text == "[]")

            // The best first: a word in the title before the same word in the text.
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let notes = PracticeNoteRepository(database: site.database)
            func note(_ title: String, _ body: String) -> PracticeNoteFields {
                PracticeNoteFields(themeID: nil, language: "fr", title: title, summary: "", body: body, maturity: "tested", audience: "public", networkID: nil)
            }
            // (The note with the word in its title is the older: the latest would come first among equals.)
            let inTitle = try await notes.create(councilID: france.id, note("Le budget du conseil", "Voté chaque année par le bureau."), at: 1)
            let inText = try await notes.create(councilID: france.id, note("Le calendrier des commissions",
                                                                          "Chaque commission arrête son calendrier ; le budget vient après."), at: 1)
            #expect(Set(try await notes.search(councilID: france.id, query: "budget")) == [inTitle, inText])
            let listed = try await visitor.get("/cese-fr/practices" + Self.search("budget")).text
            let first = try #require(listed.range(of: "Le <mark>budget</mark> du conseil")), second = try #require(listed.range(of: "Le calendrier des commissions"))
            #expect(first.lowerBound < second.lowerBound)
            // Changed, the note is found by its new words only; deleted, by none.
            try await notes.update(id: inText, councilID: france.id, note("Le calendrier des commissions", "Arrêté par le bureau."), at: 2)
            #expect(try await notes.search(councilID: france.id, query: "budget") == [inTitle])
            #expect(try await notes.search(councilID: france.id, query: "arrete bureau") == [inText])
            // Deleted, the note leaves the index too.
            func indexed(_ id: Int64) async throws -> Int {
                let column = kind == .postgres ? "note_id" : "rowid"
                return try await site.database.read { sql in
                    try await sql.raw("SELECT COUNT(*) AS n FROM practice_note_text WHERE \(unsafeRaw: column) = \(bind: id)").first()?
                        .decode(column: "n", as: Int.self) ?? 0
                }
            }
            #expect(try await indexed(inTitle) == 1)
            try await notes.delete(id: inTitle, councilID: france.id)
            #expect(try await notes.search(councilID: france.id, query: "budget").isEmpty)
            #expect(try await indexed(inTitle) == 0)
            // Another council's notes are not found here; a query without a word finds nothing.
            let morocco = try #require(try await site.councils.find(slug: "cese-ma"))
            #expect(try await notes.search(councilID: morocco.id, query: "bureau").isEmpty)
            #expect(try await notes.search(councilID: france.id, query: "« » !").isEmpty)
        }
    }

    /// The library of every council (`/practices`): each note shown to whom its council opens it, searched together,
    /// filtered by council, theme and language.
    @Test(arguments: TestDatabase.kinds)
    func theLibraryOfEveryCouncilIsSearchedTogether(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { _, client in
            let visitor = Visitor(client, acceptLanguage: "fr")
            let all = try await visitor.get("/practices")
            #expect(all.status == .ok)
            #expect(all.text.contains(Self.dissent) && all.text.contains(Self.annual) && all.text.contains(Self.plenary))
            #expect(!all.text.contains(Self.preparation) && !all.text.contains(Self.participation) && !all.text.contains(Self.staff))
            #expect(all.text.contains("Conseil économique, social et environnemental") && all.text.contains("/practices/"))
            // Searched across councils, and narrowed to one.
            let report = try await visitor.get("/practices" + Self.search("تقرير")).text
            #expect(report.contains("السنوي: من جمع المعطيات") && report.contains("1 résultat pour « \u{2068}تقرير\u{2069} »."))
            #expect(try await visitor.get("/practices" + Self.search("تقرير") + "&council=cese-fr").text.contains("0 résultat pour « \u{2068}تقرير\u{2069} »."))
            let sitting = try await visitor.get("/practices" + Self.search("séance")).text
            #expect(sitting.contains("<mark>séance</mark>") && sitting.contains("1 résultat pour « \u{2068}séance\u{2069} »."))
            // A French member reads, and finds, what the Moroccan council opens to UCESIF; a visitor does not.
            let platform = Self.search("منصة")
            #expect(try await visitor.get("/practices" + platform).text.contains("0 résultat"))
            let member = Visitor(client, acceptLanguage: "fr")
            try await member.signIn("membre@cese-fr.example")
            #expect(try await member.get("/practices" + platform).text.contains("إشراك المواطنين في أشغال المجلس"))
            // What a council keeps to itself is found by its own secretariat only.
            #expect(try await member.get("/practices" + Self.search("tutor")).text.contains("0 résultat"))
            let moroccanStaff = Visitor(client, acceptLanguage: "fr")
            try await moroccanStaff.signIn("secretariat@cese-ma.example")
            #expect(try await moroccanStaff.get("/practices" + Self.search("tutor")).text.contains(Self.staff))
            // By theme and language.
            let english = try await visitor.get("/practices?language=en").text
            #expect(english.contains(Self.plenary) && !english.contains(Self.dissent) && !english.contains(Self.annual))
            let dissent = try await visitor.get("/practices?theme=dissent").text
            #expect(dissent.contains(Self.dissent) && !dissent.contains(Self.plenary))
            // The council's own library links to it; the sitemap lists it and the public notes.
            #expect(try await visitor.get("/cese-fr/practices").text.contains("href=\"/practices\""))
            let sitemap = try await visitor.get("/sitemap.xml").text
            #expect(sitemap.contains("<loc>http://hemicycle.test/practices</loc>") && sitemap.contains("<loc>http://hemicycle.test/cese-fr/practices</loc>"))
        }
    }

    /// A note's documents: attached by its council's secretariat alone (the right checked again once the file is in),
    /// read by whoever reads the note, gone with it.
    @Test(arguments: TestDatabase.kinds)
    func aNotesDocumentsAreReadByItsReadersAndGoWithIt(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let notes = try await PracticeNoteRepository(database: site.database).all(councilID: france.id)
            let partnersNote = try #require(notes.first { $0.audience == "partners" }), publicNote = try #require(notes.first { $0.audience == "public" })
            let pdf = Array("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)
            let path = "/cese-fr/practices/\(partnersNote.id)/documents"
            // Nobody but the council's secretariat attaches one.
            let visitor = Visitor(client, acceptLanguage: "fr")
            #expect(try await visitor.postFile(path, fields: [], fileName: "calendrier.pdf", content: pdf).status != .seeOther)
            // (For a citizen, a note kept for partners does not exist.)
            for (email, status) in [("citoyen@hemicycle.example", HTTPResponse.Status.notFound), ("membre@cese-fr.example", .forbidden),
                                    ("secretariat@cese-ma.example", .forbidden)] {
                let someone = Visitor(client)
                try await someone.signIn(email)
                #expect(try await someone.postFile(path, fields: [], fileName: "calendrier.pdf", content: pdf).status == status, "\(email)")
            }
            #expect(try await site.attachments.all(councilID: france.id, ownerKind: "practice", ownerID: partnersNote.id).isEmpty)
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            #expect(try await staff.postFile(path, fields: [("title", "Calendrier type d’un avis")], fileName: "calendrier.pdf", content: pdf).status
                == .seeOther)
            let wrong = try await staff.postFile(path, fields: [], fileName: "x.pdf", content: Array("MZ\u{90}\u{00}not a pdf".utf8))
            #expect(wrong.status == .unsupportedMediaType)
            #expect(try await site.attachments.all(councilID: france.id, ownerKind: "practice", ownerID: partnersNote.id).count == 1)
            // Read by the partner's member who reads the note; not by a visitor, for whom the note does not exist.
            let page = try await staff.get("/cese-fr/practices/\(partnersNote.id)").text
            let link = try #require(page.firstMatch(of: /href="(\/cese-fr\/practices\/\d+\/documents\/\d+)"/)?.1)
            #expect(page.contains("Calendrier type d’un avis") && page.contains("enctype=\"multipart/form-data\""))
            let partner = Visitor(client, acceptLanguage: "fr")
            try await partner.signIn("membre@cese-ma.example")
            #expect(Array(try await partner.get(String(link)).body.readableBytesView) == pdf)
            #expect(try await !partner.get("/cese-fr/practices/\(partnersNote.id)").text.contains("enctype=\"multipart/form-data\""))
            #expect(try await visitor.get(String(link)).status == .notFound)
            // Another note's address does not reach it; nor does a partner remove it.
            let elsewhere = String(link).replacingOccurrences(of: "/practices/\(partnersNote.id)/", with: "/practices/\(publicNote.id)/")
            #expect(try await visitor.get(elsewhere).status == .notFound)
            #expect(try await partner.post("\(String(link))/delete", []).status == .forbidden)
            // The note deleted, its document goes too.
            #expect(try await staff.post("/cese-fr/practices/\(partnersNote.id)/delete", []).status == .seeOther)
            #expect(try await site.attachments.all(councilID: france.id, ownerKind: "practice", ownerID: partnersNote.id).isEmpty)
            #expect(try await staff.get(String(link)).status == .notFound)
        }
    }

    /// A set of queries in each language, each with the note it must find first (read by a French member, who reads
    /// every demo note but the one the Moroccan council keeps to itself).
    @Test(arguments: TestDatabase.kinds)
    func eachQueryFindsItsNoteFirst(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            var notes: [PracticeNoteRecord] = []
            for council in try await site.councils.all() { notes += try await PracticeNoteRepository(database: site.database).all(councilID: council.id) }
            let slugs = Dictionary(try await site.councils.all().map { ($0.id, $0.slug) }, uniquingKeysWith: { first, _ in first })
            func url(_ title: String) throws -> String {
                let note = try #require(notes.first { $0.title.hasPrefix(title) }, "\(title)")
                return "/\(slugs[note.councilId] ?? "")/practices/\(note.id)"
            }
            let member = Visitor(client, acceptLanguage: "fr")
            try await member.signIn("membre@cese-fr.example")
            let cases: [(query: String, first: String)] = [
                ("opinions divergentes", Self.dissent), ("auditions rapporteurs", Self.preparation), ("déclarations des groupes", Self.dissent),
                ("التقرير السنوي", Self.annual), ("إشراك المواطنين", Self.participation), ("المصادقة", Self.annual),
                ("electronic vote", Self.plenary), ("vote group", Self.plenary),
            ]
            for (query, first) in cases {
                let page = try await member.get("/practices" + Self.search(query)).text
                let list = try #require(page.range(of: "<ul class=\"plan\">"), "\(query) finds nothing")
                let found = try #require(page[list.upperBound...].firstMatch(of: /href="(\/cese-(?:fr|ma)\/practices\/\d+)"/)?.1)
                #expect(String(found) == (try url(first)), "\(query)")
            }
        }
    }
}
