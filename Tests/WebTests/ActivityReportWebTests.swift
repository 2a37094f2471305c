import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

/// The activity report: its figures computed from the council's data, public once published; a draft read by the
/// secretariat and the bureau only; the secretariat writes and publishes it; a published report no longer changes.
@Suite struct ActivityReportWebTests {
    @Test(arguments: TestDatabase.kinds)
    func theYearsReportShowsFiguresComputedFromTheData(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            // The year's report is in preparation: the bureau reads it, visitors do not.
            #expect(try await Visitor(client).get("/cese-fr/reports/2026").status == .notFound)
            #expect(try await Visitor(client).get("/cese-fr/reports/2026/tables.csv").status == .notFound)
            let visitor = Visitor(client, acceptLanguage: "fr")
            try await visitor.signIn("bureau@cese-fr.example")
            let page = try await visitor.get("/cese-fr/reports/2026")
            #expect(page.status == .ok && page.text.contains("Rapport d’activité 2026") && page.text.contains("L’année 2026 a vu le conseil"))
            // The avis adopted in plenary on 24 June, its final vote by group, the attendance of that sitting, the budget.
            #expect(page.text.contains("1 travail adopté en séance plénière") && page.text.contains("1 texte adopté au vote final"))
            #expect(page.text.contains("Groupe UNSA") && page.text.contains("<svg") && page.text.contains("Taux de participation"))
            #expect(page.text.contains("47\u{202F}200\u{202F}000,00\u{00A0}€ de crédits"))
            #expect(!page.text.contains("name=\"foreword_fr\""))
            #expect(try await visitor.get("/cese-fr/reports").text.contains("/cese-fr/reports/2026"))
            let csv = try await visitor.get("/cese-fr/reports/2026/tables.csv")
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true && csv.text.contains("votes_by_group,Groupe UNSA,Pour,3"))
            #expect(csv.headers[.cacheControl] == "private, no-store")
            #expect(csv.text.contains("works_by_kind,Avis,Travaux adoptés,1"))
            // The figures are those of the data: the final ballot's votes add up to its voters'.
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let avis = try #require(try await site.works.all(councilID: france.id).first { ($0.title[.fr] ?? "").contains("Francophonie") })
            let final = try #require(try await site.ballots.all(workID: avis.id).last { $0.body == "plenary" && $0.amendmentId == nil })
            let cast = try await site.ballots.voters(ballotID: final.id).filter { $0.choice != nil }.count
            let votes = csv.text.split(separator: "\n").filter { $0.hasPrefix("votes_by_group,") }.compactMap { Int($0.split(separator: ",").last ?? "") }
            #expect(votes.reduce(0, +) == cast && cast > 0)
            // In Arabic, right to left.
            let reader = Visitor(client, acceptLanguage: "ar")
            try await reader.signIn("presidence@cese-fr.example")
            let arabic = try await reader.get("/cese-fr/reports/2026?lang=ar")
            #expect(arabic.status == .ok && arabic.text.contains("dir=\"rtl\"") && arabic.text.contains("تقرير النشاط لسنة 2026"))
            // A year to come has no report.
            #expect(try await visitor.get("/cese-fr/reports/2031").status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func theSecretariatWritesAndPublishesTheReport(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            // The Moroccan report is in preparation: not announced.
            #expect(try await Visitor(client).get("/cese-ma/reports/2026").status == .notFound)
            let member = Visitor(client)
            try await member.signIn("membre@cese-ma.example")
            #expect(try await member.get("/cese-ma/reports/2026").status == .notFound)
            let bureau = Visitor(client)
            try await bureau.signIn("bureau@cese-ma.example")
            #expect(try await bureau.get("/cese-ma/reports/2026").status == .ok)

            let narrative = [("foreword_fr", "L’année 2025 du conseil."), ("foreword_ar", ""), ("foreword_en", ""), ("outlook_fr", "Et ensuite."),
                             ("outlook_ar", ""), ("outlook_en", "")]
            #expect(try await Visitor(client).post("/cese-fr/reports/2025", narrative).status == .unauthorized)
            for email in ["citoyen@hemicycle.example", "membre@cese-fr.example", "presidence@cese-fr.example", "secretariat@cese-ma.example"] {
                let someone = Visitor(client)
                try await someone.signIn(email)
                #expect(try await someone.post("/cese-fr/reports/2025", narrative).status == .forbidden, "\(email)")
                #expect(try await someone.post("/cese-fr/reports/2026/publish", []).status == .forbidden, "\(email)")
            }
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let reports = ActivityReportRepository(database: site.database)
            #expect(try await reports.find(councilID: france.id, year: 2025) == nil)
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            // Nothing to publish before the narrative is saved; too long a text is refused; a published report is kept.
            #expect(try await staff.post("/cese-fr/reports/2025/publish", []).text.contains("Enregistrez d’abord"))
            let long = try await staff.post("/cese-fr/reports/2025", narrative.map { $0.0 == "outlook_fr" ? ($0.0, String(repeating: "a", count: 20_001)) : $0 })
            #expect(long.status == .unprocessableContent && long.text.contains("20\u{202F}000 caractères au plus") || long.text.contains("20 000 caractères au plus"))
            #expect(try await reports.find(councilID: france.id, year: 2025) == nil)
            // The year under way is not published: its figures are not final.
            #expect(try await staff.post("/cese-fr/reports/2026/publish", []).text.contains("une fois l’année terminée"))
            #expect(try await staff.post("/cese-fr/reports/2025", narrative).status == .seeOther)
            #expect(try await Visitor(client).get("/cese-fr/reports/2025").status == .notFound)
            #expect(try await staff.post("/cese-fr/reports/2025/publish", []).status == .seeOther)
            // The API gives the reader what they may read: the published report to a visitor, drafts too to the bureau.
            let listed = try JSONSerialization.jsonObject(with: Data(try await Visitor(client).get("/api/v1/cese-fr/reports").text.utf8)) as? [[String: Any]]
            #expect(listed?.count == 1 && listed?.first?["year"] as? Int == 2025 && (listed?.first?["tables"] as? [Any])?.count == 7)
            let bureauReader = Visitor(client)
            try await bureauReader.signIn("bureau@cese-fr.example")
            let all = try JSONSerialization.jsonObject(with: Data(try await bureauReader.get("/api/v1/cese-fr/reports").text.utf8)) as? [[String: Any]]
            #expect(all?.map { $0["year"] as? Int } == [2026, 2025])
            let published = try await Visitor(client, acceptLanguage: "fr").get("/cese-fr/reports/2025")
            #expect(published.status == .ok && published.text.contains("L’année 2025 du conseil.") && published.text.contains("0 séance plénière"))
            #expect(try await reports.find(councilID: france.id, year: 2025)?.status == "published")
            #expect(try await staff.post("/cese-fr/reports/2025", narrative).status == .conflict)
            // Its figures are kept: a plenary sitting recorded afterwards in 2025 does not change them.
            _ = try await SittingRepository(database: site.database).create(councilID: france.id, SittingFields(
                body: "plenary", commissionID: nil, startsAt: 1_750_000_000, endsAt: 1_750_010_000, place: "Palais d’Iéna", remoteURL: nil), at: 0)
            #expect(try await Visitor(client, acceptLanguage: "fr").get("/cese-fr/reports/2025").text.contains("0 séance plénière"))
        }
    }
}
