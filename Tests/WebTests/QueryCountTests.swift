import Foundation
import HemicycleDomain
import HTTPTypes
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

/// A page costs a fixed number of queries, whatever the number of ballots, votes or members it shows.
@Suite struct QueryCountTests {
    @Test(arguments: TestDatabase.kinds)
    func pagesCostTheSameQueriesWhateverTheBallotsAndMembers(kind: DatabaseKind) async throws {
        let counting = CountingBox()
        try await Harness.run(kind, wrap: { database in counting.wrap(database) }) { site, client in
            let counter = try #require(counting.database)
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let published = try #require(try await site.works.all(councilID: france.id, statuses: ["published"]).first)
            let pages = ["/cese-fr", "/cese-fr/works", "/cese-fr/works/\(published.id)", "/cese-fr/members", "/api/v1/cese-fr/works/\(published.id)"]
            let visitor = Visitor(client)
            try await visitor.signIn("membre@cese-fr.example")
            func costs() async throws -> [Int] {
                var result: [Int] = []
                for page in pages {
                    _ = counter.take()
                    let response = try await visitor.get(page)
                    #expect(response.status == .ok, "\(page)")
                    result.append(counter.take())
                }
                return result
            }
            let before = try await costs()

            // Ten more ballots on the published text, each with every sitting member and held at a sitting of its own
            // with its attendance and a proxy, and twenty more members.
            let sitting = try await site.memberships.all(councilID: france.id).filter { $0.roleValue.sitsInAssembly }
            let sittings = SittingRepository(database: site.database)
            for index in 0..<10 {
                let now = site.clock.now().timeIntervalSince1970
                let held = try await sittings.create(councilID: france.id, SittingFields(
                    body: "plenary", commissionID: nil, startsAt: now - Double(index + 2) * 86_400, endsAt: now - Double(index + 2) * 86_400 + 3_600,
                    place: "Hémicycle", remoteURL: nil), at: now)
                try await sittings.recordAttendance(sittingID: held, councilID: france.id,
                                                    Dictionary(uniqueKeysWithValues: sitting.map { ($0.id, Optional("present")) }),
                                                    at: now, check: { _ in nil })
                _ = try await sittings.addProxy(sittingID: held, councilID: france.id, giver: sitting[0].id, holder: sitting[1].id, ballotID: nil,
                                                at: now, check: { _, _, _ in nil })
                let ballot = try await site.ballots.open(workID: published.id, amendmentID: nil, body: "plenary", majority: "for_exceeds_half_of_votes_cast",
                                                         quorum: nil, voters: sitting.map { ($0.id, $0.groupId) }, sittingID: held,
                                                         at: site.clock.now().timeIntervalSince1970)
                for member in sitting.prefix(40) {
                    try await site.ballots.vote(ballotID: ballot, membershipID: member.id, choice: "for", at: site.clock.now().timeIntervalSince1970)
                }
                try await site.ballots.close(ballotID: ballot, adopted: true, at: site.clock.now().timeIntervalSince1970)
            }
            for index in 0..<20 {
                let account = try await site.accounts.create(email: "nouveau\(index)@cese-fr.example", passwordHash: nil,
                                                             displayName: "Nouveau \(index)", language: .fr, now: site.clock.now())
                _ = try await site.memberships.add(councilID: france.id, accountID: account, role: .member, groupID: sitting[0].groupId,
                                                   now: site.clock.now())
            }
            let after = try await costs()
            #expect(before == after, "queries per page \(pages): before \(before), after \(after)")
            #expect(before.allSatisfy { $0 > 0 && $0 <= 30 }, "queries per page: \(before)")
        }
    }
}

/// The cooperation pages and API cost the same queries whatever the number of missions and agreements.
@Suite struct CooperationQueryCountTests {
    @Test(arguments: TestDatabase.kinds)
    func cooperationPagesCostTheSameQueriesWhateverTheMissionsAndAgreements(kind: DatabaseKind) async throws {
        let counting = CountingBox()
        try await Harness.run(kind, wrap: { database in counting.wrap(database) }) { site, client in
            let counter = try #require(counting.database)
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let pages = ["/cese-fr/cooperation", "/cese-fr/cooperation/missions", "/api/v1/cese-fr/cooperation/missions",
                         "/api/v1/cese-fr/cooperation/agreements"]
            let visitor = Visitor(client)
            try await visitor.signIn("membre@cese-fr.example")
            func costs() async throws -> [Int] {
                var result: [Int] = []
                for page in pages {
                    _ = counter.take()
                    #expect(try await visitor.get(page).status == .ok, "\(page)")
                    result.append(counter.take())
                }
                return result
            }
            let before = try await costs()
            let sitting = try await site.memberships.all(councilID: france.id).filter(\.sits)
            let missions = MissionRepository(database: site.database)
            for index in 0..<8 {
                _ = try await missions.create(councilID: france.id, MissionFields(
                    title: LocalizedText(fr: "Mission \(index)", ar: nil, en: nil), destination: "Dakar", partnerCouncilID: nil,
                    startsAt: 1_780_000_000 + Double(index) * 86_400, endsAt: 1_780_000_000 + Double(index) * 86_400, met: "", purpose: "Rencontrer.",
                    outcomes: "", members: sitting.prefix(3 + index).map(\.id)), at: site.clock.now().timeIntervalSince1970)
            }
            // And eight more agreements, each with its parties, signatories and themes.
            let morocco = try #require(try await site.councils.find(slug: "cese-ma"))
            let themes = try await AgreementRepository(database: site.database).themes().map(\.id)
            for index in 0..<8 {
                _ = try await AgreementRepository(database: site.database).create(councilID: france.id, AgreementFields(
                    title: LocalizedText(fr: "Accord \(index)", ar: nil, en: nil), text: LocalizedText(), place: "Paris", signedOn: "2025-01-0\(index + 1)",
                    inForceFrom: nil, endsOn: nil, terminatedOn: nil, parties: [france.id, morocco.id],
                    signatories: [france.id: ["A", "B"], morocco.id: ["C"]], themes: Array(themes.prefix(index + 1))), at: site.clock.now().timeIntervalSince1970)
            }
            #expect(try await costs() == before, "\(pages)")
        }
    }
}

/// A form on one amendment reads the work item's gate and that amendment before its rule answers, not the whole
/// dossier the page shows.
@Suite struct AmendmentFormCostTests {
    @Test(arguments: TestDatabase.kinds)
    func aRefusedAmendmentFormReadsOnlyWhatItsRuleNeeds(kind: DatabaseKind) async throws {
        let counting = CountingBox()
        try await Harness.run(kind, wrap: { database in counting.wrap(database) }) { site, client in
            let counter = try #require(counting.database)
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let published = try #require(try await site.works.all(councilID: france.id, statuses: ["published"]).first)
            let amendment = try #require(try await site.drafts.amendments(workID: published.id).first)
            let visitor = Visitor(client)
            try await visitor.signIn("membre@cese-fr.example")
            _ = try await visitor.get("/")
            _ = counter.take()
            #expect(try await visitor.get("/cese-fr/works/\(published.id)").status == .ok)
            let page = counter.take()
            // The amendments of a published avis are decided, and this member was invited to co-sign none of them.
            #expect(try await visitor.post("/cese-fr/works/\(published.id)/amendments/\(amendment.id)", [("action", "withdraw")]).status == .conflict)
            let decide = counter.take()
            #expect(try await visitor.post("/cese-fr/works/\(published.id)/amendments/\(amendment.id)/cosign", []).status == .forbidden)
            let cosign = counter.take()
            // The session, the council and seat, the gate's three reads and the amendment's one.
            #expect(decide <= 6 && cosign <= 6 && decide < page / 2, "page \(page), decide \(decide), cosign \(cosign)")
        }
    }
}

/// Keeps the counting database the harness builds, for the test to read.
final class CountingBox: @unchecked Sendable {
    private(set) var database: CountingDatabase?

    func wrap(_ base: any Database) -> any Database {
        let counting = CountingDatabase(base)
        database = counting
        return counting
    }
}
