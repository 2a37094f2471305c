import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

/// The networks' directory: anyone reads it, in their language; the instance's administrators keep it.
@Suite struct NetworkTests {
    @Test(arguments: TestDatabase.kinds)
    func anyoneReadsTheDirectoryAndTheInstancesAdministratorsKeepIt(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let visitor = Visitor(client, acceptLanguage: "fr")
            let list = try await visitor.get("/networks")
            #expect(list.status == .ok && list.text.contains("href=\"/networks/ucesif\"") && list.text.contains("href=\"/networks/aicesis\"")
                && list.text.contains("6 conseils membres") && list.text.contains("Fondé en 2004"))
            let ucesif = try await visitor.get("/networks/ucesif")
            #expect(ucesif.status == .ok && ucesif.text.contains("href=\"/cese-fr\"") && ucesif.text.contains("href=\"/cese-ma\"")
                && ucesif.text.contains("Sénégal") && ucesif.text.contains("Conseil économique et social du Liban"))
            #expect(ucesif.text.contains("arabe, français") || ucesif.text.contains("arabe et français"))
            #expect(!ucesif.text.contains("/networks/ucesif/members"))
            let arabic = try await Visitor(client, acceptLanguage: "ar").get("/networks/ucesif")
            #expect(arabic.text.contains("السنغال") && arabic.text.contains("اتحاد المجالس الاقتصادية"))
            #expect(try await visitor.get("/networks/nowhere").status == .notFound)
            // A partner's page links the directories it is listed in.
            #expect(try await visitor.get("/cese-fr/cooperation/partners/cese-ma").text.contains("href=\"/networks/aicesis\""))

            let network: [(String, String)] = [("slug", "rescesao"), ("name_fr", "Réseau des conseils d’Afrique de l’Ouest"), ("founded", "2011"),
                                               ("website", "https://reseau.example")]
            let member: [(String, String)] = [("council", ""), ("name", "Conseil économique, social et environnemental du Mali"), ("country", "ml"),
                                              ("languages", "fr, bm"), ("website", ""), ("hemicycle", "https://hemicycle.example.ml")]
            let anonymous = try await visitor.post("/networks", network).status
            #expect(anonymous == .unauthorized || anonymous == .forbidden)
            for email in ["secretariat@cese-fr.example", "presidence@cese-ma.example", "citoyen@hemicycle.example"] {
                let someone = Visitor(client)
                try await someone.signIn(email)
                #expect(try await someone.post("/networks", network).status == .forbidden, "\(email)")
                #expect(try await someone.post("/networks/ucesif/members", member).status == .forbidden, "\(email)")
                #expect(try await someone.post("/networks/ucesif/delete", []).status == .forbidden, "\(email)")
                #expect(try await someone.post("/networks/ucesif", network).status == .forbidden, "\(email)")
            }
            let admin = Visitor(client, acceptLanguage: "fr")
            try await admin.signIn("admin@hemicycle.example")
            #expect(try await admin.post("/networks", network.map { $0.0 == "slug" ? ($0.0, "Réseau") : $0 }).status == .unprocessableContent)
            #expect(try await admin.post("/networks", network.map { $0.0 == "founded" ? ($0.0, "211") : $0 }).status == .unprocessableContent)
            #expect(try await admin.post("/networks", network.map { $0.0 == "slug" ? ($0.0, "ucesif") : $0 }).status == .conflict)
            #expect(try await NetworkRepository(database: site.database).all().count == 2)
            #expect(try await admin.post("/networks", network).location?.hasPrefix("/networks/rescesao") == true)
            // Members: one elsewhere with its own Hemicycle, and a council hosted here (once).
            let refused = try await admin.post("/networks/rescesao/members", member.map { $0.0 == "country" ? ($0.0, "Mali") : $0 })
            #expect(refused.status == .unprocessableContent && refused.text.contains("code ISO 3166-1 de deux lettres"))
            #expect(try await admin.post("/networks/rescesao/members", member.map { $0.0 == "hemicycle" ? ($0.0, "javascript:alert(1)") : $0 }).status
                == .unprocessableContent)
            #expect(try await admin.post("/networks/rescesao/members", member).status == .seeOther)
            #expect(try await admin.post("/networks/rescesao/members", [("council", "\(france.id)")]).status == .seeOther)
            #expect(try await admin.post("/networks/rescesao/members", [("council", "\(france.id)")]).status == .conflict)
            #expect(try await admin.post("/networks/rescesao/members", [("council", "999999")]).status == .unprocessableContent)
            let page = try await visitor.get("/networks/rescesao")
            #expect(page.text.contains("<td>Mali</td>") && page.text.contains("bambara") && page.text.contains("href=\"https://hemicycle.example.ml\"")
                && page.text.contains("href=\"/cese-fr\"") && page.text.contains("2 conseils membres"))
            // The network's site is its own, not its members' (who have none here).
            #expect(page.text.components(separatedBy: "href=\"https://reseau.example\"").count == 2)
            let stored = try await NetworkRepository(database: site.database).find(slug: "rescesao")
            let members = try await NetworkRepository(database: site.database).members(networkID: try #require(stored).id)
            #expect(members.first?.country == "ML" && members.first?.languageCodes == ["fr", "bm"])
            let first = try #require(members.first)
            #expect(try await admin.post("/networks/ucesif/members/\(first.id)/delete", []).status == .notFound)
            #expect(try await admin.post("/networks/rescesao/members/\(first.id)/delete", []).status == .seeOther)
            #expect(try await admin.post("/networks/rescesao/delete", []).status == .seeOther)
            #expect(try await visitor.get("/networks/rescesao").status == .notFound)
        }
    }
}

/// The themes of cooperation: the instance's administrators keep the list; a theme an agreement names stays.
@Suite struct CooperationThemeTests {
    /// A post that links a network's directory mentions it: the directory lists the public posts of every council hosted
    /// here that mention it, in the reader's language where the post has one, and no draft.
    @Test(arguments: TestDatabase.kinds)
    func aNetworksDirectoryListsThePostsThatMentionIt(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let clock = try #require(site.clock as? TestClock)
            let visitor = Visitor(client, acceptLanguage: "fr")
            let ucesif = try await visitor.get("/networks/ucesif").text
            #expect(ucesif.contains("Dans l’actualité"))
            // The French council's post on the mission, and the Moroccan council's on the delegation it received.
            #expect(ucesif.contains(">Mission à Rabat : vers un accord-cadre avec le Conseil du Maroc</a>"))
            #expect(ucesif.contains("href=\"/cese-ma/news/") && ucesif.contains(">Le Conseil reçoit une délégation du Conseil économique, social et environnemental français</a>"))
            let arabic = try await Visitor(client, acceptLanguage: "ar").get("/networks/ucesif").text
            #expect(arabic.contains(">بعثة إلى الرباط: نحو اتفاق إطار مع المجلس المغربي</a>"))
            #expect(!(try await visitor.get("/networks/aicesis").text.contains("Dans l’actualité")))

            let writer = Visitor(client, acceptLanguage: "fr")
            try await writer.signIn("secretariat@cese-fr.example")
            let editor = Visitor(client, acceptLanguage: "fr")
            try await editor.signIn("admin@hemicycle.example")
            // The writer finds the networks among what a post may mention.
            #expect(try await writer.get("/cese-fr/news/new").text.contains("&lt;a href=&quot;/networks/aicesis&quot;&gt;"))
            let created = try await writer.post("/cese-fr/news", [
                ("language", "fr"), ("category", "international"), ("title", "Assemblée générale de l’AICESIS"),
                ("summary", "Le Conseil a participé à l’assemblée générale du réseau mondial."),
                ("body", "<p>Le Conseil a participé à l’assemblée générale de l’<a href=\"/networks/aicesis/\">AICESIS</a>.</p>"),
            ])
            #expect(created.status == .seeOther)
            let url = try #require(created.location?.components(separatedBy: "?").first)
            // A draft, then a post scheduled for later, is not in the news.
            #expect(!(try await visitor.get("/networks/aicesis").text.contains("Assemblée générale de l’AICESIS")))
            #expect(try await writer.post("\(url)/status", [("action", "submit")]).status == .seeOther)
            #expect(try await editor.post("\(url)/status", [("action", "schedule"), ("publish_at", "2026-11-30T12:00")]).status == .seeOther)
            #expect(!(try await visitor.get("/networks/aicesis").text.contains("Assemblée générale de l’AICESIS")))
            clock.advance(by: 2 * 3_600 + 60)
            let aicesis = try await visitor.get("/networks/aicesis").text
            #expect(aicesis.contains("Dans l’actualité") && aicesis.contains(">Assemblée générale de l’AICESIS</a>"))
            #expect(aicesis.contains("30 nov. 2026"))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func theInstancesAdministratorsKeepTheThemesAndAThemeInUseStays(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let repository = AgreementRepository(database: site.database)
            let themes = try await repository.themes()
            #expect(themes.map(\.slug) == ["preparation", "dissent", "annual_report", "participation", "budget", "commissions", "plenary",
                                           "human_resources"])
            let theme: [(String, String)] = [("slug", "digital"), ("name_fr", "Transformation numérique"), ("name_ar", "التحول الرقمي")]
            let anonymous = try await Visitor(client).post("/admin/themes", theme).status
            #expect(anonymous == .unauthorized || anonymous == .forbidden)
            for email in ["secretariat@cese-fr.example", "secretariat@cese-ma.example", "citoyen@hemicycle.example"] {
                let someone = Visitor(client)
                try await someone.signIn(email)
                #expect(try await someone.get("/admin/themes").status == .forbidden, "\(email)")
                #expect(try await someone.post("/admin/themes", theme).status == .forbidden, "\(email)")
                #expect(try await someone.post("/admin/themes/\(themes[0].id)/delete", []).status == .forbidden, "\(email)")
            }
            let admin = Visitor(client, acceptLanguage: "fr")
            try await admin.signIn("admin@hemicycle.example")
            let page = try await admin.get("/admin/themes")
            #expect(page.status == .ok && page.text.contains("Traitement des opinions divergentes") && page.text.contains("Nommé par 1 accord."))
            #expect(try await admin.get("/cese-fr/cooperation").text.contains("href=\"/admin/themes\""))
            #expect(try await admin.post("/admin/themes", theme.map { $0.0 == "slug" ? ($0.0, "Numérique") : $0 }).status == .unprocessableContent)
            #expect(try await admin.post("/admin/themes", theme.map { $0.0 == "slug" ? ($0.0, "dissent") : $0 }).status == .conflict)
            #expect(try await admin.post("/admin/themes", [("slug", "digital")]).status == .unprocessableContent)
            #expect(try await admin.post("/admin/themes", theme).status == .seeOther)
            let digital = try #require(try await repository.themes().last)
            #expect(digital.slug == "digital" && digital.nameAr == "التحول الرقمي")
            #expect(try await admin.post("/admin/themes/\(digital.id)", [("name_fr", "Numérique"), ("name_en", "Digital")]).status == .seeOther)
            #expect(try await repository.themes().last?.nameEn == "Digital")
            // The demo agreement names every theme of the framework: they stay; the new one goes.
            let kept = try await admin.post("/admin/themes/\(themes[1].id)/delete", [])
            #expect(kept.status == .conflict && kept.text.contains("Un accord nomme ce thème"))
            #expect(try await admin.post("/admin/themes/\(digital.id)/delete", []).status == .seeOther)
            #expect(try await repository.themes().count == themes.count)
            #expect(try await admin.post("/admin/themes/\(digital.id)/delete", []).status == .notFound)
        }
    }
}
