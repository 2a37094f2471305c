import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

/// Missions between councils: the secretariat records them, everyone reads them, the member pages list them, and a
/// post about one starts from it, pre-filled with its people (linked) and its partner.
@Suite struct MissionTests {
    @Test(arguments: TestDatabase.kinds)
    func theSecretariatRecordsAMissionThatMembersPagesAndPostsShow(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let morocco = try #require(try await site.councils.find(slug: "cese-ma"))
            let seats = try await site.memberships.all(councilID: france.id)
            let nadia = try #require(seats.first { $0.displayName == "Nadia Rapporteure" })
            let sophie = try #require(seats.first { $0.displayName == "Sophie Conseillère" })
            let staffSeat = try #require(seats.first { $0.displayName == "Julien Secrétariat" })
            let visitor = Visitor(client, acceptLanguage: "fr")

            // The demo's mission to Rabat, public, on its members' pages.
            let list = try await visitor.get("/cese-fr/cooperation/missions")
            #expect(list.status == .ok && list.text.contains("Mission à Rabat auprès du Conseil du Maroc") && list.text.contains("2 membres"))
            let demo = try #require(try await MissionRepository(database: site.database).all(councilID: france.id).first)
            let page = try await visitor.get("/cese-fr/cooperation/missions/\(demo.id)")
            #expect(page.text.contains("/cese-fr/members/\(nadia.id)") && page.text.contains("Groupe UNSA")
                && page.text.contains("href=\"/cese-fr/cooperation/partners/cese-ma\""))
            #expect(!page.text.contains("/edit") && !page.text.contains("?from=mission"))
            // The post on the mission links it: the mission's page shows it.
            #expect(page.text.contains("Mission à Rabat : vers un accord-cadre avec le Conseil du Maroc"))
            #expect(try await visitor.get("/cese-fr/members/\(nadia.id)").text.contains("Mission à Rabat auprès du Conseil du Maroc"))
            #expect(try await visitor.get("/cese-ma/cooperation/missions/\(demo.id)").status == .notFound)
            // The same in the API.
            let api = try await visitor.get("/api/v1/cese-fr/cooperation/missions")
            #expect(api.status == .ok && api.text.contains("\"partner\":\"cese-ma\"") && api.text.contains("\"firstDay\":\"2024-01-31\"")
                && api.text.contains("\"lastDay\":\"2024-02-01\"") && api.text.contains("Nadia Rapporteure"))
            #expect(try await visitor.get("/api/v1/cese-ma/cooperation/missions/\(demo.id)").status == .notFound)
            // The partner's page, from the cooperation data: the missions between the two councils, both ways, and its news.
            let partners = try await visitor.get("/cese-fr/cooperation/partners")
            #expect(partners.status == .ok && partners.text.contains("/cese-fr/cooperation/partners/cese-ma") && partners.text.contains("1 mission"))
            let partner = try await visitor.get("/cese-fr/cooperation/partners/cese-ma").text
            #expect(partner.contains("Mission à Rabat auprès du Conseil du Maroc") && partner.contains("href=\"/cese-ma\""))
            #expect(partner.contains("Mission à Rabat : vers un accord-cadre avec le Conseil du Maroc"))
            let reverse = try await visitor.get("/cese-ma/cooperation/partners/cese-fr").text
            #expect(reverse.contains("/cese-fr/cooperation/missions/\(demo.id)"))
            #expect(try await visitor.get("/cese-fr/cooperation/partners/cese-fr").status == .notFound)
            #expect(try await visitor.get("/cese-fr/cooperation/partners/nowhere").status == .notFound)

            let fields: [(String, String)] = [("title_fr", "Mission à Dakar"), ("destination", "Dakar, Sénégal"), ("partner", ""),
                                              ("starts_on", "2026-03-02"), ("ends_on", "2026-03-04"), ("member", "\(sophie.id)"),
                                              ("purpose", "Rencontrer le Conseil du Sénégal."), ("met", ""), ("outcomes", "")]
            // Nobody but the secretariat records one, whatever the page shows.
            let anonymous = try await visitor.post("/cese-fr/cooperation/missions", fields).status
            #expect(anonymous == .unauthorized || anonymous == .forbidden)
            for email in ["membre@cese-fr.example", "citoyen@hemicycle.example", "secretariat@cese-ma.example"] {
                let someone = Visitor(client)
                try await someone.signIn(email)
                #expect(try await someone.post("/cese-fr/cooperation/missions", fields).status == .forbidden, "\(email)")
                #expect(try await someone.post("/cese-fr/cooperation/missions/\(demo.id)/delete", []).status == .forbidden, "\(email)")
                #expect(try await someone.get("/cese-fr/cooperation/missions/new").status == .forbidden, "\(email)")
            }
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            // Refused with the sentence, and nothing stored: days backwards, nobody, a member of staff, a partner that is this council.
            let count = try await MissionRepository(database: site.database).all(councilID: france.id).count
            let backwards = try await staff.post("/cese-fr/cooperation/missions", fields.map { $0.0 == "ends_on" ? ($0.0, "2026-03-01") : $0 })
            #expect(backwards.status == .unprocessableContent && backwards.text.contains("le dernier ne précède pas le premier"))
            #expect(backwards.text.contains("value=\"Dakar, Sénégal\""))
            #expect(try await staff.post("/cese-fr/cooperation/missions", fields.filter { $0.0 != "member" }).status == .unprocessableContent)
            #expect(try await staff.post("/cese-fr/cooperation/missions", fields.map { $0.0 == "member" ? ($0.0, "\(staffSeat.id)") : $0 }).status
                == .unprocessableContent)
            #expect(try await staff.post("/cese-fr/cooperation/missions", fields.map { $0.0 == "partner" ? ($0.0, "\(france.id)") : $0 }).status
                == .unprocessableContent)
            #expect(try await MissionRepository(database: site.database).all(councilID: france.id).count == count)

            let created = try await staff.post("/cese-fr/cooperation/missions", fields.map { $0.0 == "partner" ? ($0.0, "\(morocco.id)") : $0 })
            #expect(created.status == .seeOther)
            let url = try #require(created.location?.components(separatedBy: "?").first)
            let mine = try await staff.get(url).text
            #expect(mine.contains("Mission à Dakar") && mine.contains("/cese-fr/members/\(sophie.id)") && mine.contains("?from=mission:"))
            #expect(try await visitor.get("/cese-fr/members/\(sophie.id)").text.contains("Mission à Dakar"))
            // A post about it starts pre-filled, its people and partner linked (mentions once saved).
            let id = try #require(url.split(separator: "/").last.map(String.init))
            let form = try await staff.get("/cese-fr/news/new?from=mission:\(id)").text
            #expect(form.contains("value=\"Mission à Dakar\"") && form.contains("&lt;a href=&quot;/cese-fr/members/\(sophie.id)&quot;&gt;"))
            #expect(form.contains("&lt;a href=&quot;/cese-ma&quot;&gt;"))
            // Someone who travelled and no longer sits stays on the mission when it is corrected (unlinked).
            let admin = Visitor(client)
            try await admin.signIn("admin@hemicycle.example")
            #expect(try await admin.post("/cese-fr/admin/members/\(sophie.id)", [("role", "citizen")]).status == .seeOther)
            let edit = try await staff.get("\(url)/edit").text
            #expect(edit.contains("id=\"member-\(sophie.id)\" name=\"member\" value=\"\(sophie.id)\" checked"))
            #expect(try await staff.post(url, fields.map { $0.0 == "outcomes" ? ($0.0, "Un accord de principe.") : $0 }).status == .seeOther)
            let kept = try await visitor.get(url).text
            #expect(kept.contains("Sophie Conseillère") && !kept.contains("/cese-fr/members/\(sophie.id)") && kept.contains("Un accord de principe."))
            // Corrected, then removed.
            #expect(try await staff.post(url, fields.map { $0.0 == "title_fr" ? ($0.0, "Mission à Dakar et Saint-Louis") : $0 }).status == .seeOther)
            #expect(try await visitor.get(url).text.contains("Mission à Dakar et Saint-Louis"))
            #expect(try await staff.post("\(url)/delete", []).status == .seeOther)
            #expect(try await visitor.get(url).status == .notFound)
        }
    }

    /// A mission serves an agreement between the council and its partner: the demo's mission to Rabat, the framework
    /// agreement it went to finalise; the link shows on both pages and in the API; an agreement the council is not
    /// party to, or not with the partner named, is refused and nothing is kept.
    @Test(arguments: TestDatabase.kinds)
    func aMissionIsLinkedToTheAgreementItServes(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let morocco = try #require(try await site.councils.find(slug: "cese-ma"))
            let missions = MissionRepository(database: site.database), agreements = AgreementRepository(database: site.database)
            let demo = try #require(try await missions.all(councilID: france.id).first)
            let framework = try #require(try await agreements.all(councilID: france.id).first)
            #expect(demo.agreementId == framework.id)
            let visitor = Visitor(client, acceptLanguage: "fr")
            let page = try await visitor.get("/cese-fr/cooperation/missions/\(demo.id)").text
            #expect(page.contains("href=\"/cese-fr/cooperation/agreements/\(framework.id)\""))
            let agreementPage = try await visitor.get("/cese-ma/cooperation/agreements/\(framework.id)")
            #expect(agreementPage.status == .ok && agreementPage.text.contains("/cese-fr/cooperation/missions/\(demo.id)"))
            let api = try await visitor.get("/api/v1/cese-fr/cooperation/missions/\(demo.id)").text
            #expect(api.contains("\"agreement\":\"http:\\/\\/hemicycle.test\\/api\\/v1\\/cese-fr\\/cooperation\\/agreements\\/\(framework.id)\"")
                || api.contains("\"agreement\":\"http://hemicycle.test/api/v1/cese-fr/cooperation/agreements/\(framework.id)\""))

            // An agreement between the Moroccan council and a third one, without the French council.
            let third = try await site.councils.create(NewCouncil(slug: "cese-sn", name: LocalizedText(fr: "Conseil du Sénégal", ar: nil, en: nil), country: "SN",
                                                                  defaultLanguage: .fr, languages: [.fr], timeZone: "Africa/Dakar"), at: site.clock.now())
            let other = try await agreements.create(councilID: morocco.id, AgreementFields(
                title: LocalizedText(fr: "Accord Maroc–Sénégal", ar: nil, en: nil), text: LocalizedText(fr: "Texte.", ar: nil, en: nil), place: "Dakar", signedOn: nil, inForceFrom: nil,
                endsOn: nil, terminatedOn: nil, parties: [morocco.id, third], signatories: [:], themes: []), at: 1)
            let seats = try await site.memberships.all(councilID: france.id)
            let sophie = try #require(seats.first { $0.displayName == "Sophie Conseillère" })
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            let form = try await staff.get("/cese-fr/cooperation/missions/new").text
            #expect(form.contains("name=\"agreement\"") && form.contains("value=\"\(framework.id)\"") && !form.contains("Accord Maroc–Sénégal"))
            let fields: [(String, String)] = [("title_fr", "Mission à Dakar"), ("destination", "Dakar, Sénégal"), ("partner", "\(third)"),
                                              ("starts_on", "2026-03-02"), ("ends_on", "2026-03-04"), ("member", "\(sophie.id)"),
                                              ("purpose", "Rencontrer le Conseil du Sénégal."), ("met", ""), ("outcomes", "")]
            for agreement in ["\(other)", "\(framework.id)", "x"] {
                let refused = try await staff.post("/cese-fr/cooperation/missions", fields + [("agreement", agreement)])
                #expect(refused.status == .unprocessableContent && refused.text.contains("Choisissez un accord dont le conseil est partie"), "\(agreement)")
            }
            #expect(try await missions.all(councilID: france.id).count == 1)
            // With the partner the agreement is with, it is kept.
            let kept = fields.map { $0.0 == "partner" ? ($0.0, "\(morocco.id)") : $0 } + [("agreement", "\(framework.id)")]
            #expect(try await staff.post("/cese-fr/cooperation/missions", kept).status == .seeOther)
            #expect(try await missions.all(agreementID: framework.id).count == 2)
        }
    }
}
