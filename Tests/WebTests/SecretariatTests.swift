import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

/// The council's administration: its staff and bureau read it, nobody else; its administrators keep it; posts go to
/// the council's own staff, one each; what belongs to another council is not found; bad input stores nothing.
@Suite struct SecretariatTests {
    @Test(arguments: TestDatabase.kinds)
    func staffDataIsReadOnlyByStaffAndBureau(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            #expect(try await Visitor(client).get("/cese-fr/secretariat").status == .unauthorized)
            for email in ["citoyen@hemicycle.example", "membre@cese-fr.example", "secretariat@cese-ma.example", "membre@cese-ma.example"] {
                let someone = Visitor(client)
                try await someone.signIn(email)
                let page = try await someone.get("/cese-fr/secretariat")
                #expect(page.status == .forbidden && !page.text.contains("Administrateur de commission"), "\(email)")
                #expect(!(try await someone.get("/cese-fr").text.contains("/cese-fr/secretariat")), "\(email)")
                let api = try await someone.get("/api/v1/cese-fr/secretariat")
                #expect(api.status == .forbidden && !api.text.contains("Julien"), "\(email)")
            }
            #expect(try await Visitor(client).get("/api/v1/cese-fr/secretariat").status == .unauthorized)
            for email in ["secretariat@cese-fr.example", "bureau@cese-fr.example", "presidence@cese-fr.example"] {
                let someone = Visitor(client, acceptLanguage: "fr")
                try await someone.signIn(email)
                let page = try await someone.get("/cese-fr/secretariat")
                #expect(page.status == .ok && page.text.contains("Administrateur de commission") && page.text.contains("Titulaire : Julien Secrétariat"),
                        "\(email)")
                #expect(page.text.contains("1 travail suivi") && !page.text.contains("name=\"holder\""), "\(email)")
                let api = try await someone.get("/api/v1/cese-fr/secretariat")
                let json = try #require(try JSONSerialization.jsonObject(with: Data(api.text.utf8)) as? [String: Any], "\(email)")
                let staff = try #require(json["staff"] as? [[String: Any]])
                let julien = try #require(staff.first { $0["name"] as? String == "Julien Secrétariat" })
                let posts = try #require(json["posts"] as? [[String: Any]])
                #expect(posts.contains { $0["holder"] as? Int == julien["membership"] as? Int } && julien["worksInPreparation"] as? Int == 1)
            }
            let arabic = Visitor(client, acceptLanguage: "ar")
            try await arabic.signIn("secretariat@cese-ma.example")
            let moroccan = try await arabic.get("/cese-ma/secretariat")
            #expect(moroccan.status == .ok && moroccan.text.contains("مصلحة اللجان"))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func administratorsKeepTheOrganisation(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let morocco = try #require(try await site.councils.find(slug: "cese-ma"))
            let repository = SecretariatRepository(database: site.database)
            let units = try await repository.units(councilID: france.id)
            let direction = try #require(units.first { $0.parentId == nil })
            let service = [("kind", "service"), ("parent", "\(direction.id)"), ("name_fr", "Service de la communication"), ("name_ar", ""), ("name_en", "")]
            // Nobody but an administrator changes it.
            #expect(try await Visitor(client).post("/cese-fr/secretariat/units", service).status == .unauthorized)
            for email in ["secretariat@cese-fr.example", "bureau@cese-fr.example", "membre@cese-fr.example", "secretariat@cese-ma.example"] {
                let someone = Visitor(client)
                try await someone.signIn(email)
                #expect(try await someone.post("/cese-fr/secretariat/units", service).status == .forbidden, "\(email)")
            }
            #expect(try await repository.units(councilID: france.id).count == units.count)
            let admin = Visitor(client, acceptLanguage: "fr")
            try await admin.signIn("admin@hemicycle.example")
            // Bad input: the sentence, nothing stored.
            #expect(try await admin.post("/cese-fr/secretariat/units", service.map { $0.0 == "name_fr" ? ($0.0, "") : $0 }).text
                .contains("Donnez un nom"))
            #expect(try await admin.post("/cese-fr/secretariat/units", service.map { $0.0 == "parent" ? ($0.0, "") : $0 }).status == .conflict)
            let serviceUnit = try #require(units.first { $0.parentId != nil })
            #expect(try await admin.post("/cese-fr/secretariat/units", service.map { $0.0 == "parent" ? ($0.0, "\(serviceUnit.id)") : $0 }).status == .conflict)
            let foreign = try #require(try await repository.units(councilID: morocco.id).first)
            #expect(try await admin.post("/cese-fr/secretariat/units", service.map { $0.0 == "parent" ? ($0.0, "\(foreign.id)") : $0 }).status == .notFound)
            #expect(try await repository.units(councilID: france.id).count == units.count)
            #expect(try await admin.post("/cese-fr/secretariat/units", service).status == .seeOther)
            let added = try #require(try await repository.units(councilID: france.id).last)
            #expect(added.nameFr == "Service de la communication" && added.parentId == direction.id)

            // A post, held by the council's staff only, one each.
            #expect(try await admin.post("/cese-fr/secretariat/posts", [("unit", "\(added.id)"), ("title_fr", "Chargé de communication"), ("grade", "Attaché")])
                .status == .seeOther)
            let post = try #require(try await repository.posts(councilID: france.id).last)
            let seats = try await site.memberships.all(councilID: france.id)
            let member = try #require(seats.first { $0.email == "membre@cese-fr.example" })
            let staff = try #require(seats.first { $0.email == "secretariat@cese-fr.example" })
            let moroccanStaff = try #require(try await site.memberships.all(councilID: morocco.id).first { $0.email == "secretariat@cese-ma.example" })
            #expect(try await admin.post("/cese-fr/secretariat/posts/\(post.id)", [("holder", "\(member.id)")]).text.contains("revient à un membre du personnel"))
            #expect(try await admin.post("/cese-fr/secretariat/posts/\(post.id)", [("holder", "\(moroccanStaff.id)")]).status == .conflict)
            #expect(try await admin.post("/cese-fr/secretariat/posts/\(post.id)", [("holder", "\(staff.id)")]).text.contains("occupe déjà un autre poste"))
            #expect(try await repository.posts(councilID: france.id).last?.holderId == nil)
            let foreignPost = try #require(try await repository.posts(councilID: morocco.id).first)
            #expect(try await admin.post("/cese-fr/secretariat/posts/\(foreignPost.id)", [("holder", "")]).status == .notFound)
            #expect(try await admin.post("/cese-fr/secretariat/posts/\(foreignPost.id)/delete", []).status == .notFound)
            let foreignAssignment = try #require(try await repository.assignments(councilID: morocco.id).first)
            #expect(try await admin.post("/cese-fr/secretariat/assignments/\(foreignAssignment.id)/delete", []).status == .notFound)
            #expect(try await repository.posts(councilID: morocco.id).contains { $0.id == foreignPost.id })
            // A unit with a post in it stays.
            #expect(try await admin.post("/cese-fr/secretariat/units/\(added.id)/delete", []).status == .conflict)
            #expect(try await admin.post("/cese-fr/secretariat/posts/\(post.id)/delete", []).status == .seeOther)
            #expect(try await admin.post("/cese-fr/secretariat/units/\(added.id)/delete", []).status == .seeOther)

            // Assignments: to the council's own commissions and works, once.
            let commission = try #require(try await site.commissions.all(councilID: france.id).last)
            let assignments = try await repository.assignments(councilID: france.id)
            #expect(try await admin.post("/cese-fr/secretariat/assignments", [("seat", "\(staff.id)"), ("subject", "commission:\(commission.id)")]).status
                == .seeOther)
            #expect(try await admin.post("/cese-fr/secretariat/assignments", [("seat", "\(staff.id)"), ("subject", "commission:\(commission.id)")]).status
                == .conflict)
            let moroccanCommission = try #require(try await site.commissions.all(councilID: morocco.id).first)
            #expect(try await admin.post("/cese-fr/secretariat/assignments", [("seat", "\(staff.id)"), ("subject", "commission:\(moroccanCommission.id)")])
                .status == .conflict)
            #expect(try await admin.post("/cese-fr/secretariat/assignments", [("seat", "\(member.id)"), ("subject", "commission:\(commission.id)")]).status
                == .conflict)
            #expect(try await repository.assignments(councilID: france.id).count == assignments.count + 1)
            // A seat that leaves the staff leaves its post and assignments.
            #expect(try await repository.posts(councilID: france.id).contains { $0.holderId == staff.id })
            try await site.memberships.update(id: staff.id, councilID: france.id, role: .citizen, groupID: nil, now: Date())
            #expect(!(try await repository.posts(councilID: france.id).contains { $0.holderId == staff.id }))
            #expect(!(try await repository.assignments(councilID: france.id).contains { $0.membershipId == staff.id }))
        }
    }
}
