import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

@Suite struct AuthorizationTests {
    static let adminPages = ["/cese-fr/admin", "/cese-fr/admin/groups", "/cese-fr/admin/commissions", "/cese-fr/admin/members"]

    @Test(arguments: TestDatabase.kinds)
    func visitorsAreAskedToSignInAndOthersAreRefused(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { _, client in
            let anonymous = Visitor(client, acceptLanguage: "fr")
            for page in Self.adminPages {
                let response = try await anonymous.get(page)
                #expect(response.status == .unauthorized, "\(page)")
                #expect(response.text.contains("Connectez-vous"))
            }
            // A citizen, a member and the president of cese-fr, and the staff of another council.
            for email in ["citoyen@hemicycle.example", "membre@cese-fr.example", "presidence@cese-fr.example",
                          "secretariat@cese-ma.example"] {
                let person = Visitor(client, acceptLanguage: "fr")
                try await person.signIn(email)
                for page in Self.adminPages {
                    #expect(try await person.get(page).status == .forbidden, "\(email) on \(page)")
                }
                let write = try await person.post("/cese-fr/admin/groups", [("name_fr", "Groupe pirate")])
                #expect(write.status == .forbidden, "\(email) may not create groups")
                #expect(try await person.get("/cese-fr").text.contains("/cese-fr/admin") == false)
            }
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func staffOfOneCouncilCannotReachAnotherCouncilsDataByID(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let frenchGroup = try #require(try await site.groups.all(councilID: france.id).first)
            let frenchMember = try #require(try await site.memberships.all(councilID: france.id).first)
            let frenchCommission = try #require(try await site.commissions.all(councilID: france.id).first)
            let moroccanStaff = Visitor(client)
            try await moroccanStaff.signIn("secretariat@cese-ma.example")
            // Their own admin pages work...
            #expect(try await moroccanStaff.get("/cese-ma/admin/members").status == .ok)
            // ...but French ids under the Moroccan council's address are not found.
            #expect(try await moroccanStaff.get("/cese-ma/admin/groups/\(frenchGroup.id)").status == .notFound)
            #expect(try await moroccanStaff.get("/cese-ma/admin/members/\(frenchMember.id)").status == .notFound)
            #expect(try await moroccanStaff.post("/cese-ma/admin/members/\(frenchMember.id)/delete", []).status == .notFound)
            #expect(try await moroccanStaff.post("/cese-ma/admin/groups/\(frenchGroup.id)/delete", []).status == .notFound)
            #expect(try await moroccanStaff.get("/cese-ma/commissions/\(frenchCommission.id)").status == .notFound)
            #expect(try await site.memberships.find(id: frenchMember.id, councilID: france.id) != nil)
            // A French group cannot be given to a Moroccan member.
            let moroccan = try #require(try await site.councils.find(slug: "cese-ma"))
            let moroccanMember = try #require(try await site.memberships.all(councilID: moroccan.id).first { $0.role == "member" })
            let response = try await moroccanStaff.post("/cese-ma/admin/members/\(moroccanMember.id)",
                                                        [("role", "member"), ("group", "\(frenchGroup.id)")])
            #expect(response.status == .unprocessableContent)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func personalDataIsNotPublic(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { _, client in
            let visitor = Visitor(client)
            let directory = try await visitor.get("/cese-fr/members")
            #expect(directory.text.contains("Nadia Rapporteure"))
            #expect(!directory.text.contains("@cese-fr.example"))
            #expect(!directory.text.contains("Alex Citoyen"), "citizens are not in the members' directory")
            #expect(directory.text.contains(#"Hélène Présidente</a> <span class="badge">Présidence</span>"#))
            #expect(!directory.text.contains(#"<span class="badge"></span>"#), "plain members carry no empty badge")
            let api = try await visitor.get("/api/v1/cese-fr/members")
            #expect(!api.text.contains("@"))
            #expect(try await visitor.get("/api/v1/cese-fr/members?all=true").status == .unauthorized)
            let member = Visitor(client)
            try await member.signIn("membre@cese-fr.example")
            #expect(try await member.get("/api/v1/cese-fr/members?all=true").status == .forbidden)
            let otherStaff = Visitor(client)
            try await otherStaff.signIn("secretariat@cese-ma.example")
            #expect(try await otherStaff.get("/api/v1/cese-fr/members?all=true").status == .forbidden)
            let staff = Visitor(client)
            try await staff.signIn("secretariat@cese-fr.example")
            let everyone = try await staff.get("/api/v1/cese-fr/members?all=true")
            #expect(everyone.status == .ok)
            #expect(everyone.text.contains("citoyen@hemicycle.example"))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func theOutboxIsForInstanceAdministrators(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { _, client in
            let staff = Visitor(client)
            try await staff.signIn("secretariat@cese-fr.example")
            #expect(try await staff.get("/admin/outbox").status == .forbidden)
            let admin = Visitor(client, acceptLanguage: "en")
            try await admin.signIn("admin@hemicycle.example")
            try await admin.post("/password/forgot", [("email", "membre@cese-fr.example")])
            let outbox = try await admin.get("/admin/outbox")
            #expect(outbox.status == .ok)
            #expect(outbox.text.contains("membre@cese-fr.example"))
            #expect(outbox.text.contains("Choisir un mot de passe sur Hemicycle"))
        }
    }
}
