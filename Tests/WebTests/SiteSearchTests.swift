import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

/// The council's search: its public news, works, members and consultations in French, Arabic and English, found
/// whatever the accents, the case, the Arabic vowel marks, hamza seats, taa marbuta or tatweel; every word
/// required; the best first; by type and year; nothing that is not public, nothing of another council.
@Suite struct SiteSearchTests {
    /// The titles of the results, in order.
    static func titles(_ page: String) -> [String] {
        page.components(separatedBy: "<ol class=\"search-results\">").dropFirst().first?.components(separatedBy: "<h2><a href=").dropFirst().map {
            String($0.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" })
        } ?? []
    }

    @Test(arguments: TestDatabase.kinds)
    func queriesInEachLanguageFindWhatTheyMust(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let visitor = Visitor(client, acceptLanguage: "fr")
            // Each query, and the title its first result must have.
            let expected: [(String, String, String)] = [
                ("cese-fr", "mission rabat", "Mission à Rabat : vers un accord-cadre avec le Conseil du Maroc"),
                ("cese-fr", "ACCORD cadre maroc", "Mission à Rabat : vers un accord-cadre avec le Conseil du Maroc"),
                ("cese-fr", "francophonie atout partenaires", "La Francophonie contemporaine : un atout pour la France et ses partenaires"),
                ("cese-fr", "seance pleniere francophonie", "La Francophonie contemporaine : le Conseil adopte son avis"),
                ("cese-fr", "framework agreement", "Mission to Rabat: towards a framework agreement with Morocco&#39;s Council"),
                ("cese-fr", "nadia", "Nadia Rapporteure"),
                ("cese-fr", "بعثه الرباط", "بعثة إلى الرباط: نحو اتفاق إطار مع المجلس المغربي"),
                ("cese-ma", "إتفاق إطار للتعاون", "المجلس يستقبل وفدًا من المجلس الاقتصادي والاجتماعي والبيئي الفرنسي"),
                ("cese-ma", "المـــياه العذبة", "جودة المياه العذبة: شاركوا في الاستشارة"),
                ("cese-ma", "délégation français", "Le Conseil reçoit une délégation du Conseil économique, social et environnemental français"),
                // Practice notes open to everyone.
                ("cese-fr", "opinions divergentes", "Faire place aux opinions divergentes : déclarations des groupes et positions minoritaires"),
                ("cese-fr", "electronic vote by group", "Running a plenary sitting with an electronic vote by group"),
                ("cese-ma", "اعداد التقرير السنوى", "إعداد التقرير السنوي: من جمع المعطيات إلى المصادقة في الجلسة العامة"),
            ]
            for (council, query, first) in expected {
                let page = try await visitor.get("/\(council)/search?q=\(Visitor.encode(query))")
                #expect(page.status == .ok)
                #expect(Self.titles(page.text).first == first, "\(council): \(query) → \(Self.titles(page.text))")
            }
            // Every word is required; the short words are whole words.
            #expect(Self.titles(try await visitor.get("/cese-fr/search?q=rabat+lunaire").text).isEmpty)
            // Not public, or another council's: never found.
            #expect(Self.titles(try await visitor.get("/cese-fr/search?q=prochaine+seance").text).isEmpty)
            #expect(!Self.titles(try await visitor.get("/cese-ma/search?q=mission+rabat").text).contains { $0.hasPrefix("Mission à Rabat") })
            // Notes kept to the council, its partners or a network are not searched here, even by those who may read them.
            #expect(Self.titles(try await visitor.get("/cese-fr/search?q=auditions+rapporteurs+calendrier").text).isEmpty)
            #expect(Self.titles(try await visitor.get("/cese-ma/search?q=hosting+staff").text).isEmpty)
            #expect(Self.titles(try await visitor.get("/cese-ma/search?q=منصة+المشاركة+المواطنة").text).isEmpty)
            let secretariat = Visitor(client, acceptLanguage: "fr")
            try await secretariat.signIn("secretariat@cese-fr.example")
            #expect(Self.titles(try await secretariat.get("/cese-fr/search?q=auditions+rapporteurs+calendrier").text).isEmpty)
            let practices = try await visitor.get("/cese-fr/search?q=groupes&type=practice").text
            #expect(practices.contains("aria-current=\"page\">Bonnes pratiques (1)"))
            #expect(Self.titles(practices) == ["Faire place aux opinions divergentes : déclarations des groupes et positions minoritaires"])
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let staff = try #require(try await site.memberships.all(councilID: france.id).first { $0.displayName == "Julien Secrétariat" })
            #expect(Self.titles(try await visitor.get("/cese-fr/search?q=julien").text).isEmpty, "\(staff.displayName) is staff")

            // By type and year, each with its count.
            let all = try await visitor.get("/cese-fr/search?q=rabat").text
            // The mission is found in each of its languages, the reader's first.
            #expect(all.contains("Actualités (2)") && all.contains("Missions (3)") && all.contains("2024 (5)"))
            #expect(Self.titles(try await visitor.get("/cese-fr/search?q=rabat&type=mission").text).first == "Mission à Rabat auprès du Conseil du Maroc")
            let news = try await visitor.get("/cese-fr/search?q=rabat&type=news&year=2024").text
            #expect(Self.titles(news).count == 2 && news.contains("aria-current=\"page\">Actualités (2)"))
            #expect(Self.titles(try await visitor.get("/cese-fr/search?q=rabat&type=member").text).isEmpty)
            // By body: the posts that mention the commission, its works and its members; a group, its members.
            let commission = try #require(try await site.commissions.all(councilID: france.id).first { ($0.nameFr ?? "").contains("internationales") })
            let unsa = try #require(try await site.groups.all(councilID: france.id).first { $0.nameFr == "Groupe UNSA" })
            let francophonie = try await visitor.get("/cese-fr/search?q=francophonie").text
            #expect(francophonie.contains("body=commission:\(commission.id)"))
            let inCommission = try await visitor.get("/cese-fr/search?q=francophonie&body=commission%3A\(commission.id)").text
            #expect(Self.titles(inCommission).contains("La Francophonie contemporaine : un atout pour la France et ses partenaires"))
            #expect(Self.titles(inCommission).contains("La Francophonie contemporaine : le Conseil adopte son avis"))
            #expect(Self.titles(try await visitor.get("/cese-fr/search?q=nadia&type=member&body=group%3A\(unsa.id)").text) == ["Nadia Rapporteure"])
            #expect(try await visitor.get("/cese-fr/search?q=nadia&type=member&body=group%3A\(unsa.id + 1_000)").status == .badRequest)
            let otherGroup = try #require(try await site.groups.all(councilID: france.id).first { $0.id != unsa.id })
            #expect(Self.titles(try await visitor.get("/cese-fr/search?q=nadia&type=member&body=group%3A\(otherGroup.id)").text).isEmpty)
            // A snippet around the first word found, marked.
            #expect(all.contains("<mark>Rabat</mark>"))
            // A query is shown as text, never as markup.
            let hostile = try await visitor.get("/cese-fr/search?q=%3Cscript%3Ealert(1)%3C/script%3E").text
            #expect(!hostile.contains("<script>alert(1)") && hostile.contains("&lt;script&gt;"))
        }
    }

    @Test func aNewPostIsFoundOnceTheIndexIsMadeAgain() async throws {
        try await Harness.run(.sqlite) { site, client in
            let editor = Visitor(client)
            try await editor.signIn("admin@hemicycle.example")
            let created = try await editor.post("/cese-fr/news", [("language", "fr"), ("category", "work"), ("title", "Hydrogène vert"),
                                                                  ("summary", "Un avis sur l’hydrogène."), ("body", "L’électrolyse.")])
            let url = try #require(created.location?.components(separatedBy: "?").first)
            let indexer = SiteSearchIndexer(site: site)
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            // A draft changes nothing in the index; published, it is found once the index is made again.
            #expect(try await indexer.refresh(france) == false)
            #expect(try await editor.post("\(url)/status", [("action", "schedule")]).status == .seeOther)
            #expect(Self.titles(try await Visitor(client).get("/cese-fr/search?q=hydrogene").text).isEmpty)
            #expect(try await indexer.refresh(france) == true)
            #expect(Self.titles(try await Visitor(client).get("/cese-fr/search?q=hydrogene+electrolyse").text) == ["Hydrogène vert"])
        }
    }
}
