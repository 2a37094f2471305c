import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

/// The contributions' API: a council's contributions to its partners' works, drafts included, for its own members,
/// bureau and secretariat only, as its page shows them.
@Suite struct ContributionAPITests {
    @Test(arguments: TestDatabase.kinds)
    func aCouncilsContributionsAreReadByItsOwnPeopleOnly(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let morocco = try #require(try await site.councils.find(slug: "cese-ma"))
            let avis = try #require(try await site.works.all(councilID: france.id).first { $0.status == "published" })
            let sent = try #require(try await PartnerContributionRepository(database: site.database).all(councilID: morocco.id).first)
            // A draft of the Moroccan council's own, beside the demo's acknowledged contribution.
            let agreement = try #require(try await AgreementRepository(database: site.database).all(councilID: france.id).first)
            let draft = try await PartnerContributionRepository(database: site.database).create(
                workID: avis.id, councilID: morocco.id, agreementID: agreement.id, title: "Projet de note complémentaire", body: "En cours.",
                authorMembershipID: nil, at: 1)
            let path = "/api/v1/cese-ma/cooperation/contributions"
            #expect(try await Visitor(client).get(path).status == .unauthorized)
            for email in ["membre@cese-fr.example", "secretariat@cese-fr.example", "citoyenne@cese-ma.example"] {
                let someone = Visitor(client)
                try await someone.signIn(email)
                #expect(try await someone.get(path).status == .forbidden, "\(email)")
                #expect(try await someone.get("\(path)/\(sent.id)").status == .forbidden, "\(email)")
            }
            let member = Visitor(client)
            try await member.signIn("membre@cese-ma.example")
            let list = try await member.get(path)
            #expect(list.status == .ok)
            let items = try #require(try JSONSerialization.jsonObject(with: Data(list.text.utf8)) as? [[String: Any]])
            #expect(items.compactMap { $0["id"] as? Int } == [Int(draft), Int(sent.id)])
            let acknowledged = try #require(items.first { $0["id"] as? Int == Int(sent.id) })
            #expect(acknowledged["status"] as? String == "acknowledged" && acknowledged["acknowledgedAt"] is String && acknowledged["sentAt"] is String)
            let work = try #require(acknowledged["work"] as? [String: Any])
            #expect(work["council"] as? String == "cese-fr" && work["id"] as? Int == Int(avis.id))
            #expect(work["url"] as? String == "http://hemicycle.test/cese-fr/works/\(avis.id)")
            let first = try #require(items.first)
            #expect(first["status"] as? String == "draft" && first["sentAt"] == nil)
            // One by one; another council's contribution, or none, is not found here.
            #expect(try await member.get("\(path)/\(draft)").text.contains("Projet de note complémentaire"))
            #expect(try await member.get("\(path)/999999").status == .notFound)
            let frenchStaff = Visitor(client)
            try await frenchStaff.signIn("secretariat@cese-fr.example")
            #expect(try await frenchStaff.get("/api/v1/cese-fr/cooperation/contributions/\(sent.id)").status == .notFound)
            #expect(try await frenchStaff.get("/api/v1/cese-fr/cooperation/contributions").text == "[]")
        }
    }
}
