import CouncilWork
import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

/// What was recorded stays: an erased account or a removed member leaves a published work's record unchanged to the
/// byte, and routes refuse what the rules refuse, whatever the page shows.
@Suite struct RecordHardeningTests {
    static func published(_ site: Site) async throws -> WorkRecord {
        let france = try #require(try await site.councils.find(slug: "cese-fr"))
        return try #require(try await site.works.all(councilID: france.id).first { $0.status == "published" })
    }

    @Test(arguments: TestDatabase.kinds)
    func erasingAnAccountOrRemovingAMemberLeavesThePublishedRecordUnchanged(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let work = try await Self.published(site)
            let reader = Visitor(client, acceptLanguage: "fr")
            let paths = ["/cese-fr/works/\(work.id)", "/cese-fr/works/\(work.id)/votes.csv", "/api/v1/cese-fr/works/\(work.id)",
                         "/cese-fr/works/\(work.id)/akoma-ntoso.xml"]
            var before: [String: String] = [:]
            for path in paths { before[path] = try await reader.get(path).text }
            // Both people voted on the published avis: their names are on its record.
            for email in ["plenier07@cese-fr.example", "plenier08@cese-fr.example"] {
                let name = try #require(try await site.accounts.find(email: email)).displayName
                #expect(try #require(before[paths[1]]).contains(name), "\(name) voted")
            }

            // plenier07 erases their account; the secretariat removes plenier08 and membre3 (an amendment's author).
            let leaving = Visitor(client)
            try await leaving.signIn("plenier07@cese-fr.example")
            #expect(try await leaving.post("/account/delete", [("password", DemoData.password)]).status == .seeOther)
            let staff = Visitor(client)
            try await staff.signIn("secretariat@cese-fr.example")
            for email in ["plenier08@cese-fr.example", "membre3@cese-fr.example"] {
                let seat = try #require(try await site.seat(email, in: "cese-fr"))
                #expect(try await staff.post("/cese-fr/admin/members/\(seat.id)/delete", []).status == .seeOther)
                #expect(try await site.seat(email, in: "cese-fr") == nil)
            }
            for path in paths {
                let after = try await reader.get(path).text
                #expect(after == before[path], "\(path) changed")
            }
            // The erased account holds no personal data, and signs in no more.
            #expect(try await site.accounts.find(email: "plenier07@cese-fr.example") == nil)
            let again = try await Visitor(client).post("/signin", [("email", "plenier07@cese-fr.example"), ("password", DemoData.password)])
            #expect(again.status == .unauthorized)
            // The removed member has no say any more; taking the seat up again keeps its history.
            let removed = Visitor(client)
            try await removed.signIn("membre3@cese-fr.example")
            #expect(!(try await removed.get("/api/v1/cese-fr/works").text.contains("\"in_preparation\"")))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func routesRefuseWhatThePageHidesOnAPublishedText(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let work = try await Self.published(site)
            let base = "/cese-fr/works/\(work.id)"
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let member = try #require(try await site.memberships.all(councilID: france.id).first { $0.roleValue == .member })
            let admin = Visitor(client)
            try await admin.signIn("admin@hemicycle.example")
            let page = try await admin.get(base).text
            for form in ["/versions\"", "/ballots\"", "/consolidate\"", "/rapporteurs\"", "/amendment-deadline\"", "/declarations\""] {
                #expect(!page.contains("\(base)\(form)"), "the page shows \(form)")
            }
            let versions = try await site.drafts.versions(workID: work.id).count
            let ballots = try await site.ballots.all(workID: work.id).count
            let attempts: [(String, [(String, String)])] = [
                ("\(base)/versions", [("text", "# Réécrit\nTout autre chose.")]),
                ("\(base)/ballots", [("body", "plenary")]),
                ("\(base)/ballots", [("body", "commission")]),
                ("\(base)/consolidate", []),
                ("\(base)/rapporteurs", [("membership", "\(member.id)")]),
                ("\(base)/amendment-deadline", [("deadline", "2030-01-01T10:00")]),
                ("\(base)/declarations", [("group", "\(member.groupId ?? 0)"), ("body", "Ajout")]),
                ("\(base)/hearings", [("person", "X"), ("date", "2026-01-01T10:00")]),
                ("\(base)/move", [("to", "adopted")]),
            ]
            for (path, fields) in attempts {
                #expect(try await admin.post(path, fields).status == .conflict, "\(path)")
            }
            #expect(try await site.drafts.versions(workID: work.id).count == versions)
            #expect(try await site.ballots.all(workID: work.id).count == ballots)
            // A visitor is asked to sign in, a citizen refused, another council's people find nothing.
            #expect(try await Visitor(client).post("\(base)/versions", [("text", "x")]).status == .unauthorized)
            let citizen = Visitor(client)
            try await citizen.signIn("citoyen@hemicycle.example")
            #expect(try await citizen.post("\(base)/versions", [("text", "x")]).status == .forbidden)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aCosignatorySignsOnlyByAccepting(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let preparing = try #require(try await site.works.all(councilID: france.id).first { $0.status == "in_preparation" })
            let base = "/cese-fr/works/\(preparing.id)"
            let staff = Visitor(client)
            try await staff.signIn("secretariat@cese-fr.example")
            #expect(try await staff.post("\(base)/amendment-deadline", [("deadline", "2099-01-01T10:00")]).status == .seeOther)
            let block = try #require(try await site.drafts.versions(workID: preparing.id).last.flatMap {
                try JSONDecoder().decode(DraftText.self, from: Data($0.body.utf8)).blocks.first { $0.kind == .paragraph }
            })
            let invited = try #require(try await site.seat("membre4@cese-fr.example", in: "cese-fr"))
            let author = Visitor(client)
            try await author.signIn("membre3@cese-fr.example")
            #expect(try await author.post("\(base)/amendments", [("operation", "delete"), ("anchor", block.id), ("justification", "Inutile."),
                                                                 ("cosigners", "\(invited.id)")]).status == .seeOther)
            let amendment = try #require(try await site.drafts.amendments(workID: preparing.id).last)
            #expect(try await site.drafts.cosignatories(workID: preparing.id)[amendment.id] == nil)
            // Someone not invited cannot co-sign; the invited member can, by accepting.
            let stranger = Visitor(client)
            try await stranger.signIn("membre5@cese-fr.example")
            #expect(try await stranger.post("\(base)/amendments/\(amendment.id)/cosign", []).status == .forbidden)
            let member = Visitor(client)
            try await member.signIn("membre4@cese-fr.example")
            #expect(try await member.get(base).text.contains("\(base)/amendments/\(amendment.id)/cosign"))
            #expect(try await member.post("\(base)/amendments/\(amendment.id)/cosign", []).status == .seeOther)
            #expect(try await site.drafts.cosignatories(workID: preparing.id)[amendment.id] == [invited.id])
            // Once accepted, the invitation is spent; to a visitor a work item in preparation does not exist; an
            // amendment of another work item, or none, is not found.
            #expect(try await member.post("\(base)/amendments/\(amendment.id)/cosign", []).status == .forbidden)
            #expect(try await Visitor(client).post("\(base)/amendments/\(amendment.id)/cosign", []).status == .notFound)
            let other = try #require(try await site.works.all(councilID: france.id).first { $0.id != preparing.id })
            #expect(try await member.post("/cese-fr/works/\(other.id)/amendments/\(amendment.id)/cosign", []).status == .notFound)
            #expect(try await member.post("\(base)/amendments/999999/cosign", []).status == .notFound)

            // Deciding: only its author withdraws it; once decided, it stays decided.
            let amendmentURL = "\(base)/amendments/\(amendment.id)"
            #expect(try await stranger.post(amendmentURL, [("action", "withdraw")]).status == .forbidden)
            #expect(try await member.post(amendmentURL, [("action", "withdraw")]).status == .forbidden)
            #expect(try await Visitor(client).post(amendmentURL, [("action", "withdraw")]).status == .notFound)
            #expect(try await author.post(amendmentURL, [("action", "nonsense")]).status == .badRequest)
            #expect(try await author.post("/cese-fr/works/\(other.id)/amendments/\(amendment.id)", [("action", "withdraw")]).status == .notFound)
            #expect(try await author.post(amendmentURL, [("action", "withdraw")]).status == .seeOther)
            #expect(try await site.drafts.amendments(workID: preparing.id).last?.status == "withdrawn")
            #expect(try await author.post(amendmentURL, [("action", "withdraw")]).status == .conflict)
            #expect(try await member.post("\(amendmentURL)/cosign", []).status == .forbidden)
        }
    }

    /// A decision on an amendment is written only while the amendment is still open when the write lands: decided
    /// already, under a vote opened meanwhile (an opinion excepted), or on a version a newer one replaced, it changes
    /// nothing.
    @Test(arguments: TestDatabase.kinds)
    func anAmendmentIsChangedOnlyWhileStillOpen(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, _ in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let works = try await site.works.all(councilID: france.id)
            let published = try #require(works.first { $0.status == "published" })
            let preparing = try #require(works.first { $0.status == "in_preparation" })
            let decided = try #require(try await site.drafts.amendments(workID: published.id).first)
            #expect(try await !site.drafts.changeOpen(workID: published.id, amendmentID: decided.id, status: "withdrawn"))
            #expect(try await site.drafts.amendments(workID: published.id).first?.status == decided.status)
            let open = try #require(try await site.drafts.amendments(workID: preparing.id).first { $0.status == "tabled" })
            // Another work item's amendment is not reached.
            #expect(try await !site.drafts.changeOpen(workID: published.id, amendmentID: open.id, status: "withdrawn"))
            let now = site.clock.now().timeIntervalSince1970
            let sitting = try await site.memberships.all(councilID: france.id).filter { $0.roleValue.sitsInAssembly }
            let ballot = try await site.ballots.open(workID: preparing.id, amendmentID: open.id, body: "commission",
                                                     majority: "for_exceeds_half_of_votes_cast", quorum: nil,
                                                     voters: sitting.map { ($0.id, $0.groupId) }, at: now)
            #expect(try await !site.drafts.changeOpen(workID: preparing.id, amendmentID: open.id, status: "withdrawn"))
            #expect(try await site.drafts.changeOpen(workID: preparing.id, amendmentID: open.id, opinion: "favorable", evenUnderVote: true))
            try await site.ballots.close(ballotID: ballot, adopted: false, at: now + 1)
            // A newer version leaves the amendment behind.
            let current = try #require(try await site.drafts.versions(workID: preparing.id).last)
            _ = try await site.drafts.addVersion(workID: preparing.id, body: current.body, note: nil, at: now + 2)
            #expect(try await !site.drafts.changeOpen(workID: preparing.id, amendmentID: open.id, status: "inadmissible"))
            let after = try #require(try await site.drafts.amendments(workID: preparing.id).first { $0.id == open.id })
            #expect(after.status == "tabled" && after.opinion == "favorable")
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func linksAreWebAddressesAndCSVCellsNeverRunAsFormulas(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let staff = Visitor(client)
            try await staff.signIn("secretariat@cese-fr.example")
            let petition = try await staff.post("/cese-fr/works", [("kind", "avis"), ("source", "petition"), ("procedure", "ordinary"),
                                                                   ("title_fr", "Pétition"), ("petition", "javascript:alert(1)")])
            #expect(petition.status == .unprocessableContent)
            let work = try await Self.published(site)
            let voter = Visitor(client)
            try await voter.signIn("plenier03@cese-fr.example")
            #expect(try await voter.post("/account/profile", [("display_name", "=HYPERLINK(\"http://evil.example\")")]).status == .seeOther)
            let csv = try await Visitor(client).get("/cese-fr/works/\(work.id)/votes.csv").text
            #expect(csv.contains("'=HYPERLINK"))
            #expect(!csv.contains(",=HYPERLINK") && !csv.contains(",\"=HYPERLINK"))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aVersionHasABoundedSize(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let preparing = try #require(try await site.works.all(councilID: france.id).first { $0.status == "in_preparation" })
            let staff = Visitor(client)
            try await staff.signIn("secretariat@cese-fr.example")
            let paragraph = String(repeating: "mot ", count: 25_000)
            let text = (0..<5).map { _ in paragraph }.joined(separator: "\n")
            let versions = try await site.drafts.versions(workID: preparing.id).count
            #expect(try await staff.post("/cese-fr/works/\(preparing.id)/versions", [("text", text)]).status == .contentTooLarge)
            #expect(try await site.drafts.versions(workID: preparing.id).count == versions)
        }
    }
}
