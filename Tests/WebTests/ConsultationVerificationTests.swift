import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

/// Consultations open to verified people: an age, a residence, the council's list; each checked by the routes, the
/// page saying what is missing.
@Suite struct ConsultationVerificationTests {
    static let definition: [(String, String)] = [
        ("title_fr", "Consultation des résidents"), ("languages", "fr"), ("modules", "statements"), ("participation", "verified"),
        ("minimum_age", "16"), ("residences", " Paris \nLyon\n\nParis"), ("council_list", "1"),
        ("moderation", "before"), ("opens_at", "2026-11-29T10:00"), ("closes_at", "2026-12-31T10:00"),
    ]

    @Test(arguments: TestDatabase.kinds)
    func onlyPeopleMeetingEveryRequirementTakePart(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            #expect(try await staff.post("/cese-fr/consultations", Self.definition.map { $0.0 == "minimum_age" ? ($0.0, "seize") : $0 })
                .status == .unprocessableContent)
            let created = try await staff.post("/cese-fr/consultations", Self.definition)
            let url = try #require(created.location?.components(separatedBy: "?").first)
            #expect(try await staff.post("\(url)/statements", [("seed", "1"), ("text", "Une affirmation pour les résidents.")]).status == .seeOther)
            #expect(try await staff.post("\(url)/publish", []).status == .seeOther)
            let id = try #require(Int64(url.split(separator: "/").last ?? ""))
            let record = try #require(try await ConsultationRepository(database: site.database).find(id: id, councilID: 1))
            #expect(record.minimumAge == 16 && record.residences == ["Paris", "Lyon"] && record.councilList)
            #expect(try await staff.get("\(url)/edit").text.contains("Paris\nLyon"))
            let statement = try #require(try await ConsultationStatementRepository(database: site.database).statements(consultationID: id).first)
            let vote = "\(url)/statements/\(statement.id)/vote"

            // Signed out: asked to sign in with a verified address.
            let visitor = Visitor(client, acceptLanguage: "fr")
            #expect(try await visitor.get(url).text.contains("connectez-vous avec une adresse électronique vérifiée"))
            #expect(try await visitor.post(vote, [("vote", "1")]).status == .unauthorized)
            #expect(try await visitor.post("\(url)/declaration", [("birth_date", "1980-01-01"), ("residence", "Paris")]).status == .unauthorized)

            // Not on the council's list yet.
            let citizen = Visitor(client, acceptLanguage: "fr"), member = Visitor(client, acceptLanguage: "fr")
            try await citizen.signIn("citoyen@hemicycle.example")
            try await member.signIn("membre@cese-fr.example")
            #expect(try await citizen.get(url).text.contains("votre adresse n’y figure pas"))
            #expect(try await citizen.post(vote, [("vote", "1")]).status == .forbidden)

            // Only the council's secretariat keeps the list.
            let otherStaff = Visitor(client)
            try await otherStaff.signIn("secretariat@cese-ma.example")
            for (someone, refusal) in [(Visitor(client), HTTPResponse.Status.unauthorized), (citizen, .forbidden), (otherStaff, .forbidden)] {
                #expect(try await someone.get("/cese-fr/consultations/participants").status == refusal)
                #expect(try await someone.post("/cese-fr/consultations/participants", [("addresses", "citoyen@hemicycle.example")]).status == refusal)
            }
            // A line that is no address refuses the list, named by line and column; the stored list stays.
            let bad = try await staff.post("/cese-fr/consultations/participants", [("addresses", "citoyen@hemicycle.example\n  pas-une-adresse\n")])
            #expect(bad.status == .unprocessableContent && bad.text.contains("Ligne 2, colonne 3 : « pas-une-adresse »"))
            let verifications = ParticipantVerificationRepository(database: site.database)
            #expect(try await verifications.list(councilID: 1).count == 0)
            let saved = try await staff.post("/cese-fr/consultations/participants",
                                             [("addresses", "Citoyen@Hemicycle.example\r\n\r\nmembre@cese-fr.example\ncitoyen@hemicycle.example")])
            #expect(saved.status == .seeOther)
            #expect(try await staff.get("/cese-fr/consultations/participants").text.contains("La liste compte 2 adresses."))
            #expect(try await staff.get("/cese-fr/consultations").text.contains("/cese-fr/consultations/participants"))

            // On the list: the declaration is asked; bad dates and places are refused.
            let asked = try await citizen.get(url).text
            #expect(asked.contains("id=\"declaration\"") && asked.contains("<option value=\"Lyon\" dir=\"auto\">Lyon</option>"))
            #expect(try await citizen.post(vote, [("vote", "1")]).status == .forbidden)
            for fields in [[("birth_date", "2010-02-30"), ("residence", "Paris")], [("birth_date", "2030-01-01"), ("residence", "Paris")],
                           [("birth_date", "1980-01-01"), ("residence", "Marseille")], [("birth_date", "1980-01-01")]] {
                #expect(try await citizen.post("\(url)/declaration", fields).status == .unprocessableContent)
            }
            // Fifteen on the council's today: too young, and a second declaration does not change the first.
            #expect(try await citizen.post("\(url)/declaration", [("birth_date", "2011-06-01"), ("residence", "Paris")]).status == .seeOther)
            #expect(try await citizen.get(url).text.contains("ouverte à partir de 16 ans"))
            #expect(try await citizen.post("\(url)/declaration", [("birth_date", "1990-06-01"), ("residence", "Lyon")]).status == .seeOther)
            let digest = try await AddressDigests(persist: site.persist).digest("Citoyen@hemicycle.example", now: 0)
            let kept = try await verifications.standing(councilID: 1, emailDigest: digest)
            #expect(kept.onList)
            #expect(kept.birthDate == "2011-06-01" && kept.residence == "Paris")
            #expect(try await citizen.get(url).text.contains("ouverte à partir de 16 ans"))
            #expect(try await citizen.post(vote, [("vote", "1")]).status == .forbidden)
            // Of age and resident: takes part.
            #expect(try await member.post("\(url)/declaration", [("birth_date", "1980-05-01"), ("residence", "Lyon")]).status == .seeOther)
            #expect(try await member.post(vote, [("vote", "1")]).status == .seeOther)
            #expect(try await ConsultationStatementRepository(database: site.database).voteLog(consultationID: id).count == 1)
        }
    }
}
