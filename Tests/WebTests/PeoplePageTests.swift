import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

/// The public pages of members and groups: seat, commissions, works as rapporteur, votes on published works only, and
/// the news that mention them, one version per post in the reader's language.
@Suite struct PeoplePageTests {
    @Test(arguments: TestDatabase.kinds)
    func aMembersPageShowsTheirRecordAndTheNewsThatMentionThem(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let seats = try await site.memberships.all(councilID: france.id)
            let nadia = try #require(seats.first { $0.displayName == "Nadia Rapporteure" })
            let staff = try #require(seats.first { $0.displayName == "Julien Secrétariat" })
            let visitor = Visitor(client, acceptLanguage: "fr")
            let page = try await visitor.get("/cese-fr/members/\(nadia.id)")
            #expect(page.status == .ok)
            let text = page.text
            #expect(text.contains(">Groupe UNSA<") && text.contains("Commission Affaires européennes et internationales"))
            #expect(text.contains("Rapporteur ou rapporteure de") && text.contains("La Francophonie contemporaine"))
            #expect(text.contains("Vote sur l&#39;ensemble du texte (assemblée plénière)"))
            // In the news: the mission to Rabat, once, in French.
            #expect(text.contains("Dans l’actualité") && text.contains("Mission à Rabat"))
            #expect(!text.contains("Mission to Rabat") && !text.contains("بعثة إلى الرباط"))
            #expect(try await Visitor(client, acceptLanguage: "en").get("/cese-fr/members/\(nadia.id)").text.contains("Mission to Rabat"))
            // Only sitting members have a page; another council's seat is not found here.
            #expect(try await visitor.get("/cese-fr/members/\(staff.id)").status == .notFound)
            let morocco = try #require(try await site.councils.find(slug: "cese-ma"))
            let moroccan = try #require(try await site.memberships.all(councilID: morocco.id).first { $0.roleValue.sitsInAssembly })
            #expect(try await visitor.get("/cese-fr/members/\(moroccan.id)").status == .notFound)
            #expect(try await visitor.get("/cese-fr/members/0").status == .notFound)

            // The votes of works not yet published are not on any page.
            let records = PublicRecordRepository(database: site.database)
            let votes = try await records.publishedVotes(membershipID: nadia.id, councilID: france.id, limit: 100)
            let published = Set(try await site.works.all(councilID: france.id, statuses: ["published"], kind: nil).map(\.id))
            #expect(!votes.isEmpty && votes.allSatisfy { published.contains($0.workID) })

            // The group's page lists its members, linked, and the news that mention it; the directory links both.
            let group = try #require(try await site.groups.all(councilID: france.id).first { $0.nameFr == "Groupe UNSA" })
            let groupPage = try await visitor.get("/cese-fr/groups/\(group.id)").text
            #expect(groupPage.contains("/cese-fr/members/\(nadia.id)") && groupPage.contains("Mission à Rabat"))
            let directory = try await visitor.get("/cese-fr/members").text
            #expect(directory.contains("/cese-fr/groups/\(group.id)") && directory.contains("/cese-fr/members/\(nadia.id)"))
            let commission = try #require(try await site.commissions.all(councilID: france.id).first { ($0.nameFr ?? "").contains("internationales") })
            #expect(try await visitor.get("/cese-fr/commissions/\(commission.id)").text.contains("Mission à Rabat"))
            #expect(try await visitor.get("/cese-ma/groups/\(group.id)").status == .notFound)

            // Since when a member sits, and their group's declarations on published works; the group's page lists the works
            // its members are rapporteurs of and its declarations; the commission's, the works entrusted to it.
            #expect(text.contains("Siège depuis le") && text.contains("Déclarations de son groupe"))
            #expect(groupPage.contains("Textes dont ses membres sont rapporteurs") && groupPage.contains("La Francophonie contemporaine"))
            #expect(groupPage.contains("Déclarations du groupe"))
            let commissionPage = try await visitor.get("/cese-fr/commissions/\(commission.id)").text
            #expect(commissionPage.contains("Textes confiés à la commission") && commissionPage.contains("La Francophonie contemporaine"))
            // The published avis and the consultation are in the news too.
            let avis = try #require(published.first)
            #expect(try await visitor.get("/cese-fr/works/\(avis)").text.contains("Mission à Rabat"))
            let consultation = try #require(try await ConsultationRepository(database: site.database).all(councilID: france.id, includeDrafts: false).first)
            #expect(try await visitor.get("/cese-fr/consultations/\(consultation.id)").text.contains("La Francophonie et vous : la consultation est ouverte"))

            // Another council's post that links this council's member is not "in the news" of their page.
            let moroccanEditor = Visitor(client)
            try await moroccanEditor.signIn("admin@hemicycle.example")
            let created = try await moroccanEditor.post("/cese-ma/news", [
                ("language", "fr"), ("category", "international"), ("title", "Une visite"), ("summary", "Une visite."),
                ("body", "<p><a href=\"/cese-fr/members/\(nadia.id)\">Nadia</a> et <a href=\"/cese-fr\">le Conseil français</a>.</p>"),
            ])
            let url = try #require(created.location?.components(separatedBy: "?").first)
            #expect(try await moroccanEditor.post("\(url)/status", [("action", "schedule")]).status == .seeOther)
            #expect(!(try await visitor.get("/cese-fr/members/\(nadia.id)").text.contains("Une visite")))
        }
    }
}
