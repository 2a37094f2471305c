import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import SQLKit
import Storage
import Testing
import TestSupport
@testable import Web

/// Petitions to a council: one signature per verified person, the council's threshold turning a petition into a
/// referral of its work, the secretariat's hiding, the administrators' rule.
@Suite struct PetitionTests {
    @Test(arguments: TestDatabase.kinds)
    func aPetitionThatReachesTheThresholdBecomesAReferral(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            // The demo's petition, far from France's 150,000.
            let visitor = Visitor(client, acceptLanguage: "fr")
            let list = try await visitor.get("/cese-fr/petitions").text
            #expect(list.contains("Pour un plan national contre l’illectronisme") && list.contains("5 signatures sur les 150\u{202F}000 nécessaires"))
            // The administrators set the rule; nobody else, the secretariat included.
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            let administrator = Visitor(client)
            try await administrator.signIn("admin@hemicycle.example")
            let citizen = Visitor(client, acceptLanguage: "fr")
            try await citizen.signIn("citoyen@hemicycle.example")
            let otherStaff = Visitor(client)
            try await otherStaff.signIn("secretariat@cese-ma.example")
            #expect(try await visitor.post("/cese-fr/petitions/rule", [("threshold", "3"), ("days", "30")]).status == .unauthorized)
            for someone in [citizen, otherStaff, staff] {
                #expect(try await someone.post("/cese-fr/petitions/rule", [("threshold", "3"), ("days", "30")]).status == .forbidden)
            }
            #expect(try await administrator.post("/cese-fr/petitions/rule", [("threshold", "0"), ("days", "30")]).status == .unprocessableContent)
            #expect(try await administrator.post("/cese-fr/petitions/rule", [("threshold", "3"), ("days", "30")]).status == .seeOther)

            // A verified person writes one; a visitor or an unverified account may not.
            try await ConventionSittingTests.account(site, for: "unverified", verified: false)
            let unverified = Visitor(client)
            try await unverified.signIn("unverified@example.org")
            let fields = [("title", "Des fontaines d’eau potable dans chaque gare"), ("body", "Boire sans acheter de bouteille.")]
            #expect(try await visitor.post("/cese-fr/petitions", fields).status == .unauthorized)
            #expect(try await unverified.post("/cese-fr/petitions", fields).status == .forbidden)
            #expect(try await citizen.post("/cese-fr/petitions", [("title", ""), ("body", "x")]).status == .unprocessableContent)
            let created = try await citizen.post("/cese-fr/petitions", fields)
            #expect(created.status == .seeOther)
            let url = try #require(created.location?.components(separatedBy: "?").first)
            let last = try #require(url.split(separator: "/").last.map(String.init))
            let id = try #require(Int64(last))
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let petitions = PetitionRepository(database: site.database)
            #expect(try await petitions.find(id: id, councilID: france.id)?.threshold == 3)

            // One signature per person, whatever the clicks; visitors and unverified accounts cannot sign.
            #expect(try await visitor.post("\(url)/sign", []).status == .unauthorized)
            #expect(try await unverified.post("\(url)/sign", []).status == .forbidden)
            for _ in 0..<3 { #expect(try await citizen.post("\(url)/sign", []).status == .seeOther) }
            #expect(try await petitions.find(id: id, councilID: france.id)?.signatures == 1)
            #expect(try await citizen.get(url).text.contains("Vous avez signé cette pétition."))
            // The third signature reaches the threshold: a referral of the council, linked both ways.
            let member = Visitor(client)
            try await member.signIn("membre@cese-fr.example")
            #expect(try await member.post("\(url)/sign", []).status == .seeOther)
            let third = try await staff.post("\(url)/sign", [])
            #expect(third.status == .seeOther && third.location?.contains("notice=petition_referred") == true)
            let referred = try #require(try await petitions.find(id: id, councilID: france.id))
            #expect(referred.status == "referred" && referred.signatures == 3)
            let workID = try #require(referred.workId)
            let work = try #require(try await site.works.find(id: workID, councilID: france.id))
            #expect(work.referralSource == "petition" && work.petitionUrl == "http://hemicycle.test\(url)" && work.status == "referred")
            #expect(work.title[.fr] == "Des fontaines d’eau potable dans chaque gare")
            #expect(try await visitor.get(url).text.contains("/cese-fr/works/\(work.id)"))
            // Referred: no more signatures, and only one referral.
            let late = Visitor(client)
            try await late.signIn("membre2@cese-fr.example")
            #expect(try await late.post("\(url)/sign", []).status == .conflict)
            try await site.database.withSQL { sql in
                let count = try await sql.raw("SELECT COUNT(*) AS n FROM works WHERE petition_url = \(bind: "http://hemicycle.test\(url)")")
                    .first(decodingColumn: "n", as: Int.self)
                #expect(count == 1)
            }
            // One signature per account, and per address, is the database's rule: an account deleted and made again
            // with the same address does not sign twice.
            try await site.database.withSQL { sql in
                let account = try #require(try await site.accounts.find(email: "citoyen@hemicycle.example")).id
                await #expect(throws: (any Error).self) {
                    try await sql.raw("""
                        INSERT INTO petition_signatures (petition_id, account_id, email_digest, created_at) VALUES (\(bind: id), \(bind: account), 'x', 0)
                        """).run()
                }
            }
            let other = try await petitions.create(councilID: france.id, accountID: 1, title: "Autre", body: "Texte", at: site.clock.now().timeIntervalSince1970)
            let digest = Tokens.digest("citoyen@hemicycle.example")
            let referral: @Sendable (PetitionRecord) -> NewWork = { _ in
                NewWork(kind: "avis", title: LocalizedText(), summary: LocalizedText(), referralSource: "petition", procedure: "ordinary")
            }
            #expect(try await petitions.sign(petitionID: other, councilID: france.id, accountID: 1, emailDigest: digest, at: site.clock.now().timeIntervalSince1970, referral: referral).isNew)
            #expect(try await !petitions.sign(petitionID: other, councilID: france.id, accountID: 2, emailDigest: digest, at: site.clock.now().timeIntervalSince1970, referral: referral).isNew)
            #expect(try await petitions.find(id: other, councilID: france.id)?.signatures == 1)
        }
    }

    @Test func theSecretariatHidesAPetitionWithAReasonAndAClosedOneTakesNoSignature() async throws {
        try await Harness.run(.sqlite) { site, client in
            let citizen = Visitor(client, acceptLanguage: "fr")
            try await citizen.signIn("citoyen@hemicycle.example")
            let url = try #require(try await citizen.post("/cese-fr/petitions", [("title", "Injurieuse"), ("body", "…")]).location?
                .components(separatedBy: "?").first)
            let other = try #require(try await citizen.post("/cese-fr/petitions", [("title", "Ordinaire"), ("body", "Un texte.")]).location?
                .components(separatedBy: "?").first)
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            let otherStaff = Visitor(client)
            try await otherStaff.signIn("secretariat@cese-ma.example")
            #expect(try await citizen.post("\(url)/hide", [("reason", "x")]).status == .forbidden)
            #expect(try await otherStaff.post("\(url)/hide", [("reason", "x")]).status == .forbidden)
            #expect(try await staff.post("\(url)/hide", []).status == .unprocessableContent)
            #expect(try await staff.post("\(url)/hide", [("reason", "Propos injurieux.")]).status == .seeOther)
            #expect(try await Visitor(client).get(url).status == .notFound)
            #expect(!(try await Visitor(client).get("/cese-fr/petitions").text.contains("Injurieuse")))
            #expect(try await staff.get(url).text.contains("Propos injurieux."))
            // The secretariat reads who hid it and when (nobody else reads a hidden petition).
            #expect(try await staff.get(url).text.contains("Julien Secrétariat a masqué ce contenu. Motif : Propos injurieux."))
            #expect(try await citizen.post("\(url)/sign", []).status == .notFound)
            #expect(try await staff.post("\(url)/hide", [("reason", "Encore.")]).status == .conflict)
            // A year later the other one is closed; abusive content still comes down.
            try #require(site.clock as? TestClock).advance(by: 366 * 86_400)
            let again = Visitor(client, acceptLanguage: "fr")
            try await again.signIn("citoyen@hemicycle.example")
            #expect(try await again.post("\(other)/sign", []).status == .conflict)
            #expect(try await Visitor(client, acceptLanguage: "fr").get(other).text.contains("Close"))
            let staffAgain = Visitor(client)
            try await staffAgain.signIn("secretariat@cese-fr.example")
            #expect(try await staffAgain.post("\(other)/hide", [("reason", "Injurieuse aussi.")]).status == .seeOther)
        }
    }
}
