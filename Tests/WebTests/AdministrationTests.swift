import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

@Suite struct AdministrationTests {
    @Test(arguments: TestDatabase.kinds)
    func staffManageGroupsInThreeLanguages(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            let empty = try await staff.post("/cese-fr/admin/groups", [("name_fr", " "), ("name_ar", ""), ("name_en", "")])
            #expect(empty.status == .unprocessableContent)
            #expect(empty.text.contains("Indiquez un nom dans au moins une langue."))

            let created = try await staff.post("/cese-fr/admin/groups", [
                ("name_fr", "Groupe Coopération"), ("name_ar", "مجموعة التعاونيات"), ("name_en", ""), ("acronym", ""),
            ])
            #expect(created.location == "/cese-fr/admin/groups?notice=saved")
            let group = try #require(try await site.groups.all(councilID: france.id).first { $0.nameFr == "Groupe Coopération" })
            #expect(group.nameAr == "مجموعة التعاونيات" && group.nameEn == nil)
            #expect(try await staff.get("/cese-fr/admin/groups").text.contains("Groupe Coopération"))
            #expect(try await staff.get("/cese-fr/admin/groups/\(group.id)").text.contains(#"value="مجموعة التعاونيات""#))
            // A NUL typed into a form (%00) is kept visible, never a failure of the database.
            let withNUL = try await staff.post("/cese-fr/admin/groups", [
                ("name_fr", "Groupe\u{0} NUL"), ("acronym", "N\u{0}"), ("description_fr", "Une\u{0}description"),
            ])
            #expect(withNUL.location == "/cese-fr/admin/groups?notice=saved")
            let stored = try #require(try await site.groups.all(councilID: france.id).first { $0.nameFr == "Groupe\u{FFFD} NUL" })
            #expect(stored.acronym == "N\u{FFFD}" && stored.descriptionFr == "Une\u{FFFD}description")

            let renamed = try await staff.post("/cese-fr/admin/groups/\(group.id)", [
                ("name_fr", "Groupe Coopération"), ("name_ar", "مجموعة التعاونيات"), ("name_en", "Cooperatives Group"),
            ])
            #expect(renamed.status == .seeOther)
            #expect(try await site.groups.find(id: group.id, councilID: france.id)?.nameEn == "Cooperatives Group")
            let english = try await Visitor(client, acceptLanguage: "en").get("/cese-fr/members")
            #expect(english.text.contains("Cooperatives Group"))

            #expect(try await staff.post("/cese-fr/admin/groups/\(group.id)/delete", []).status == .seeOther)
            #expect(try await site.groups.find(id: group.id, councilID: france.id) == nil)

            // A group with members cannot be removed: nothing is lost.
            let unsa = try #require(try await site.groups.all(councilID: france.id).first { $0.acronym == "UNSA" })
            let refused = try await staff.post("/cese-fr/admin/groups/\(unsa.id)/delete", [])
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("Ce groupe compte encore des membres"))
            #expect(try await site.groups.find(id: unsa.id, councilID: france.id) != nil)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func staffManageCommissions(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let staff = Visitor(client)
            try await staff.signIn("secretariat@cese-fr.example")
            try await staff.post("/cese-fr/admin/commissions", [("name_fr", "Commission temporaire Fin de vie")])
            let commission = try #require(try await site.commissions.all(councilID: france.id)
                .first { $0.nameFr == "Commission temporaire Fin de vie" })
            #expect(try await Visitor(client).get("/cese-fr/commissions").text.contains("Commission temporaire Fin de vie"))
            try await staff.post("/cese-fr/admin/commissions/\(commission.id)/delete", [])
            #expect(try await site.commissions.find(id: commission.id, councilID: france.id) == nil)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func staffAddPeopleWithARoleAGroupAndCommissions(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let groups = try await site.groups.all(councilID: france.id)
            let unsa = try #require(groups.first { $0.acronym == "UNSA" })
            let commissions = try await site.commissions.all(councilID: france.id)
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")

            let noGroup = try await staff.post("/cese-fr/admin/members", [
                ("email", "nouveau@example.org"), ("display_name", "Nouveau Membre"), ("role", "member"), ("group", ""),
            ])
            #expect(noGroup.status == .unprocessableContent)
            #expect(noGroup.text.contains("Un membre siège dans exactement un groupe"))
            #expect(try await site.accounts.find(email: "nouveau@example.org") == nil, "nothing half-written")

            let notAllowed = try await staff.post("/cese-fr/admin/members", [
                ("email", "nouveau@example.org"), ("display_name", "Nouveau"), ("role", "administrator"), ("group", ""),
            ])
            #expect(notAllowed.status == .unprocessableContent, "staff cannot appoint administrators")

            let added = try await staff.post("/cese-fr/admin/members", [
                ("email", "Nouveau@Example.org"), ("role", "member"), ("group", "\(unsa.id)"),
            ])
            #expect(added.location == "/cese-fr/admin/members?notice=invited")
            #expect(try await site.accounts.find(email: "nouveau@example.org") == nil, "nothing exists before the invitation is accepted")
            #expect(try await staff.get("/cese-fr/admin/members").text.contains("nouveau@example.org"), "listed as pending")
            let token = try await mailedToken(site, to: "nouveau@example.org", kind: "invitation")
            let invited = Visitor(client)
            #expect(try await invited.post("/invitation", [("token", token), ("display_name", "Nouveau Membre"), ("password", "un mot de passe"),
                                                           ("password_confirmation", "un mot de passe")]).status == .seeOther)
            let account = try #require(try await site.accounts.find(email: "nouveau@example.org"))
            let membership = try #require(try await site.memberships.find(accountID: account.id, councilID: france.id))
            #expect(membership.role == "member" && membership.groupId == unsa.id)

            let again = try await staff.post("/cese-fr/admin/members", [
                ("email", "nouveau@example.org"), ("role", "citizen"), ("group", ""),
            ])
            #expect(again.status == .conflict)

            // Staff seat people in commissions; the bureau is the administrators' to give.
            #expect(try await staff.post("/cese-fr/admin/members/\(membership.id)", [("role", "bureau"), ("group", "\(unsa.id)")]).status == .forbidden)
            let seated = try await staff.post("/cese-fr/admin/members/\(membership.id)", [
                ("role", "member"), ("group", "\(unsa.id)"), ("commission", "\(commissions[0].id)"), ("commission", "\(commissions[1].id)"),
            ])
            #expect(seated.status == .seeOther)
            #expect(try await site.memberships.find(id: membership.id, councilID: france.id)?.role == "member")
            let seats = try await site.commissions.seats(councilID: france.id).filter { $0.membershipID == membership.id }
            #expect(Set(seats.map(\.commissionID)) == [commissions[0].id, commissions[1].id])
            let page = try await Visitor(client).get("/cese-fr/commissions/\(commissions[0].id)")
            #expect(page.text.contains("Nouveau Membre"))

            #expect(try await staff.post("/cese-fr/admin/members/\(membership.id)/delete", []).status == .seeOther)
            #expect(try await site.memberships.find(id: membership.id, councilID: france.id) == nil)
            #expect(try await site.accounts.find(email: "nouveau@example.org") != nil, "the account itself stays")
        }
    }
}
