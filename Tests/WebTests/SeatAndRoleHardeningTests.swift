import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

/// A seat exists only once its owner accepts the invitation sent to their address; the secretariat cannot rewrite
/// the top of the council.
@Suite struct SeatAndRoleHardeningTests {
    static func group(_ site: Site, _ slug: String = "cese-fr") async throws -> Int64 {
        let council = try #require(try await site.councils.find(slug: slug))
        return try #require(try await site.groups.all(councilID: council.id).first).id
    }

    @Test(arguments: TestDatabase.kinds)
    func aSeatIsTakenOnlyByAcceptingTheInvitation(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            // Someone signs up with the address first, and never verifies it.
            let newcomer = Visitor(client)
            #expect(try await newcomer.post("/signup", [("display_name", "Nouveau"), ("email", "nouveau@cese-fr.example"),
                                                        ("password", "un mot de passe"), ("password_confirmation", "un mot de passe")]).status == .ok)
            try await newcomer.signIn("nouveau@cese-fr.example", password: "un mot de passe")
            let staff = Visitor(client)
            try await staff.signIn("secretariat@cese-fr.example")
            let group = try await Self.group(site)
            let invite = try await staff.post("/cese-fr/admin/members", [("email", "nouveau@cese-fr.example"), ("role", "member"), ("group", "\(group)")])
            #expect(invite.status == .seeOther)
            // Nothing is given before acceptance: no seat, no draft in the API.
            #expect(try await site.seat("nouveau@cese-fr.example", in: "cese-fr") == nil)
            #expect(!(try await newcomer.get("/api/v1/cese-fr/works").text.contains("\"in_preparation\"")))
            let token = try await mailedToken(site, to: "nouveau@cese-fr.example", kind: "invitation")
            // Another account cannot take the seat with the link.
            let other = Visitor(client)
            try await other.signIn("citoyen@hemicycle.example")
            #expect(try await other.post("/invitation", [("token", token)]).status == .forbidden)
            #expect(try await site.seat("citoyen@hemicycle.example", in: "cese-fr")?.roleValue == .citizen)
            // Its owner accepts: the link proves the address, the seat is taken.
            #expect(try await newcomer.get("/invitation?token=\(token)").status == .ok)
            #expect(try await newcomer.post("/invitation", [("token", token)]).status == .seeOther)
            let seat = try #require(try await site.seat("nouveau@cese-fr.example", in: "cese-fr"))
            #expect(seat.roleValue == .member && seat.groupId == group)
            #expect(try await site.accounts.find(email: "nouveau@cese-fr.example")?.isVerified == true)
            #expect(try await newcomer.get("/api/v1/cese-fr/works").text.contains("\"in_preparation\""))
            // The link works once.
            #expect(try await newcomer.post("/invitation", [("token", token)]).status == .badRequest)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aPersonWithoutAccountCreatesItThroughTheInvitation(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let staff = Visitor(client)
            try await staff.signIn("secretariat@cese-fr.example")
            #expect(try await staff.post("/cese-fr/admin/members", [("email", "nouvelle@cese-fr.example"), ("role", "staff")]).status == .seeOther)
            #expect(try await site.accounts.find(email: "nouvelle@cese-fr.example") == nil)
            let token = try await mailedToken(site, to: "nouvelle@cese-fr.example", kind: "invitation")
            let invited = Visitor(client, acceptLanguage: "ar")
            let page = try await invited.get("/invitation?token=\(token)")
            #expect(page.status == .ok && page.text.contains("dir=\"rtl\""))
            let short = try await invited.post("/invitation", [("token", token), ("display_name", "Nouvelle"), ("password", "court"),
                                                               ("password_confirmation", "court")])
            #expect(short.status == .unprocessableContent)
            let accepted = try await invited.post("/invitation", [("token", token), ("display_name", "Nouvelle"),
                                                                  ("password", "un mot de passe"), ("password_confirmation", "un mot de passe")])
            #expect(accepted.status == .seeOther)
            #expect(try await site.seat("nouvelle@cese-fr.example", in: "cese-fr")?.roleValue == .staff)
            #expect(try await invited.get("/cese-fr/admin/members").status == .ok)
            // A withdrawn or unknown link gives nothing.
            #expect(try await Visitor(client).get("/invitation?token=nope").status == .badRequest)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func anUnverifiedAddressHoldsOnlyReadingRightsWhateverItsSeat(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let hash = try await Passwords(cost: 4).hash("un mot de passe")
            let id = try await site.accounts.create(email: "seat@cese-fr.example", passwordHash: hash, displayName: "Seat",
                                                    language: .fr, verified: false, now: site.clock.now())
            try await site.memberships.add(councilID: france.id, accountID: id, role: .staff, groupID: nil, now: site.clock.now())
            let person = Visitor(client)
            try await person.signIn("seat@cese-fr.example", password: "un mot de passe")
            #expect(try await person.get("/cese-fr/admin/members").status == .forbidden)
            #expect(!(try await person.get("/api/v1/cese-fr/works").text.contains("\"in_preparation\"")))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func staffCannotRewriteTheTopOfTheCouncil(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let staff = Visitor(client)
            try await staff.signIn("secretariat@cese-fr.example")
            let administrator = try #require(try await site.seat("admin@hemicycle.example", in: "cese-fr"))
            let president = try #require(try await site.seat("presidence@cese-fr.example", in: "cese-fr"))
            let own = try #require(try await site.seat("secretariat@cese-fr.example", in: "cese-fr"))
            let group = try await Self.group(site)
            #expect(try await staff.post("/cese-fr/admin/members/\(administrator.id)", [("role", "citizen")]).status == .forbidden)
            #expect(try await staff.post("/cese-fr/admin/members/\(own.id)", [("role", "president"), ("group", "\(group)")]).status == .forbidden)
            #expect(try await staff.post("/cese-fr/admin/members/\(president.id)/delete", []).status == .forbidden)
            #expect(try await staff.post("/cese-fr/admin/members/\(president.id)", [("role", "president"), ("group", "\(group)")]).status == .forbidden)
            #expect(try await staff.post("/cese-fr/admin/members", [("email", "x@cese-fr.example"), ("role", "bureau"),
                                                                   ("group", "\(group)")]).status == .unprocessableContent)
            #expect(try await site.seat("admin@hemicycle.example", in: "cese-fr")?.roleValue == administrator.roleValue)
            #expect(try await site.seat("secretariat@cese-fr.example", in: "cese-fr")?.roleValue == .staff)
            #expect(try await site.seat("presidence@cese-fr.example", in: "cese-fr")?.roleValue == .president)
            // The page offers only what the table allows.
            let page = try await staff.get("/cese-fr/admin/members/\(own.id)").text
            #expect(!page.contains("value=\"president\"") && !page.contains("value=\"administrator\""))
            // Staff still manage ordinary seats; an administrator manages the bureau.
            let member = try #require(try await site.seat("membre2@cese-fr.example", in: "cese-fr"))
            #expect(try await staff.post("/cese-fr/admin/members/\(member.id)", [("role", "citizen")]).status == .seeOther)
            let admin = Visitor(client)
            try await admin.signIn("admin@hemicycle.example")
            #expect(try await admin.post("/cese-fr/admin/members/\(president.id)", [("role", "bureau"), ("group", "\(group)")]).status == .seeOther)
            // Another council's administrator has no say here.
            let foreign = Visitor(client)
            try await foreign.signIn("secretariat@cese-ma.example")
            #expect(try await foreign.post("/cese-fr/admin/members/\(member.id)", [("role", "member"), ("group", "\(group)")]).status == .forbidden)
        }
    }
}
