import Configuration
import CouncilWork
import Foundation
import HTTPTypes
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

/// Holes found reading the hardening as an attacker would, each closed and kept closed.
@Suite struct ReviewFindingsTests {
    @Test(arguments: TestDatabase.kinds)
    func staffCannotReplaceAnAdministratorsInvitationToTheBureau(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let group = try await SeatAndRoleHardeningTests.group(site)
            let admin = Visitor(client)
            try await admin.signIn("admin@hemicycle.example")
            #expect(try await admin.post("/cese-fr/admin/members", [("email", "futur@cese-fr.example"), ("role", "bureau"),
                                                                   ("group", "\(group)")]).status == .seeOther)
            let staff = Visitor(client)
            try await staff.signIn("secretariat@cese-fr.example")
            #expect(try await staff.post("/cese-fr/admin/members", [("email", "futur@cese-fr.example"), ("role", "citizen")]).status
                == .unprocessableContent)
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let pending = try await site.invitations.pending(councilID: france.id, now: site.clock.now()).filter { $0.email == "futur@cese-fr.example" }
            #expect(pending.map(\.roleValue) == [.bureau])
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aRemovedRapporteurInvitedBackIsNoLongerRapporteur(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let preparing = try #require(try await site.works.all(councilID: france.id).first { $0.status == "in_preparation" })
            let rapporteurs = try await site.works.rapporteurs(workID: preparing.id)
            let seat = try #require(try await site.memberships.all(councilID: france.id).first { rapporteurs.contains($0.id) })
            let staff = Visitor(client)
            try await staff.signIn("secretariat@cese-fr.example")
            #expect(try await staff.post("/cese-fr/admin/members/\(seat.id)/delete", []).status == .seeOther)
            #expect(!(try await site.works.rapporteurs(workID: preparing.id).contains(seat.id)))
            // Seated again (the same seat, with its history), the designation does not come back with it.
            try await site.memberships.add(councilID: france.id, accountID: seat.accountId, role: .member, groupID: seat.groupId, now: site.clock.now())
            #expect(!(try await site.works.rapporteurs(workID: preparing.id).contains(seat.id)))
            let published = try #require(try await site.works.all(councilID: france.id).first { $0.status == "published" })
            #expect(!(try await site.works.rapporteurs(workID: published.id)).isEmpty, "designations on decided works stay")
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aVoteOnTheTextCountsForTheVersionItWasHeldOn(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let preparing = try #require(try await site.works.all(councilID: france.id).first { $0.status == "in_preparation" })
            let base = "/cese-fr/works/\(preparing.id)"
            let staff = Visitor(client)
            try await staff.signIn("secretariat@cese-fr.example")
            #expect(try await staff.post("\(base)/ballots", [("body", "commission")]).status == .seeOther)
            let ballot = try #require(try await site.ballots.all(workID: preparing.id).last)
            // A move while a ballot is open is refused.
            #expect(try await staff.post("\(base)/move", [("to", "adopted_in_commission"), ("delay", "7")]).status == .conflict)
            for voter in try await site.ballots.voters(ballotID: ballot.id) {
                try await site.ballots.vote(ballotID: ballot.id, membershipID: voter.membershipID, choice: "for", at: site.clock.now().timeIntervalSince1970)
            }
            #expect(try await staff.post("\(base)/ballots/\(ballot.id)/close", []).status == .seeOther)
            // A version filed after the vote needs a vote of its own.
            try await Task.sleep(for: .milliseconds(20))
            #expect(try await staff.post("\(base)/versions", [("text", "# Nouveau\nUn texte changé après le vote.")]).status == .seeOther)
            #expect(try await staff.post("\(base)/move", [("to", "adopted_in_commission"), ("delay", "7")]).status == .conflict)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func guessesSpreadOverClientsAreLimitedButTheOwnersBrowserIsNot(kind: DatabaseKind) async throws {
        try await Harness.run(kind, configure: { $0.trustForwardedFor = true }) { site, client in
            let owner = Visitor(client), oldLaptop = Visitor(client)
            try await owner.signIn("membre2@cese-fr.example")
            try await oldLaptop.signIn("membre2@cese-fr.example")
            #expect(owner.cookies["hemicycle_device"] != nil)
            // A new password makes the browsers known under the old one unknown again (this one is known anew).
            #expect(try await owner.post("/account/password", [("current_password", DemoData.password), ("password", "un nouveau mot de passe"),
                                                               ("password_confirmation", "un nouveau mot de passe")]).status == .seeOther)
            try await owner.post("/signout", [])
            let limit = site.throttle.signInPerAddressFromNewDevices.maximum
            for index in 0..<limit {
                let guess = try await Visitor(client).signIn(from: "198.18.\(index / 200).\(index % 200 + 1)", email: "membre2@cese-fr.example",
                                                              password: "guess-\(index)")
                #expect(guess.status == .unauthorized)
            }
            let refused = try await Visitor(client).signIn(from: "198.19.0.1", email: "membre2@cese-fr.example", password: DemoData.password)
            #expect(refused.status == .tooManyRequests)
            // The owner's own browser is never held back by them; one known only under the old password is.
            try await owner.signIn("membre2@cese-fr.example", password: "un nouveau mot de passe")
            #expect(try await oldLaptop.signIn(from: "local", email: "membre2@cese-fr.example", password: "un nouveau mot de passe").status
                == .tooManyRequests)
        }
    }

    @Test func anIPv6ClientIsCountedByItsNetwork() {
        #expect(ClientAddress.key("2001:db8:1:2:aaaa::1") == ClientAddress.key("2001:db8:1:2:bbbb::9"))
        #expect(ClientAddress.key("2001:db8:1:2::1") != ClientAddress.key("2001:db8:1:3::1"))
        #expect(ClientAddress.key("::ffff:203.0.113.9") == "203.0.113.9")
        #expect(ClientAddress.key("203.0.113.9") == "203.0.113.9")
    }

    @Test func onlyTwoEnvironmentsExist() throws {
        func configuration(_ value: String) throws -> AppConfiguration {
            try AppConfiguration(reader: ConfigReader(provider: InMemoryProvider(values: ["hemicycle.env": .init(stringLiteral: value)])))
        }
        #expect(try configuration("Production").isDevelopment == false)
        #expect(try configuration("development").isDevelopment)
        for typo in ["prod", "staging", "productoin", ""] {
            #expect(throws: AppConfiguration.InvalidSetting.self, "\(typo)") { try configuration(typo) }
        }
    }

    @Test func credentialsGoInClearOnlyToARelayOnThisMachine() throws {
        #expect(try SMTPSettings(url: "smtp://u:p@127.0.0.1:25").isLoopback)
        #expect(try SMTPSettings(url: "smtp://u:p@localhost:25").isLoopback)
        #expect(!(try SMTPSettings(url: "smtp://u:p@relay.cese.fr:587").isLoopback))
    }
}
