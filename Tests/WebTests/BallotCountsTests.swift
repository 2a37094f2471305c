import CouncilWork
import Foundation
import HemicycleDomain
import Storage
import Testing
import TestSupport
@testable import Web

/// The API's ballot results, counted by the database, are the results counted from every member's vote, their groups
/// in the council's order.
@Suite struct BallotCountsTests {
    @Test(arguments: TestDatabase.kinds)
    func countsMadeByTheDatabaseGiveTheSameResultsAsTheVotes(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, _ in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let published = try #require(try await site.works.all(councilID: france.id, statuses: ["published"]).first)
            let seats = try await site.memberships.all(councilID: france.id).filter { $0.roleValue.sitsInAssembly }
            let groups = Array(Set(seats.compactMap(\.groupId))).sorted()
            try #require(groups.count >= 3)
            // Members of three groups under one name, a member without a group (a staff seat, counted in the overall
            // result only), and members who do not vote.
            let now = site.clock.now()
            var voters: [(membershipID: Int64, groupID: Int64?)] = seats.map { ($0.id, $0.groupId) }
            for (index, group) in [groups[2], groups[0], groups[1], nil].enumerated() {
                let account = try await site.accounts.create(email: "homonyme\(index)@cese-fr.example", passwordHash: nil,
                                                             displayName: "Aaron Homonyme", language: .fr, now: now)
                let seat = try await site.memberships.add(councilID: france.id, accountID: account, role: group == nil ? .staff : .member, groupID: group,
                                                           now: now)
                voters.append((seat, group))
            }
            let ballot = try await site.ballots.open(workID: published.id, amendmentID: nil, body: "plenary", majority: "for_exceeds_against",
                                                     quorum: 0.5, voters: voters, at: now.timeIntervalSince1970)
            let choices = ["for", "against", "abstain"]
            for (index, voter) in voters.enumerated() where index % 5 != 4 {
                try await site.ballots.vote(ballotID: ballot, membershipID: voter.membershipID, choice: choices[index % 3], at: now.timeIntervalSince1970)
            }
            try await site.ballots.close(ballotID: ballot, adopted: true, at: now.timeIntervalSince1970)

            var compared = 0
            for council in try await site.councils.all() {
                let order = Dictionary(uniqueKeysWithValues: try await site.groups.all(councilID: council.id).enumerated().map { ("\($1.id)", $0) })
                for work in try await site.works.all(councilID: council.id) {
                    let records = try await site.ballots.all(workID: work.id)
                    let votes = try await site.ballots.voters(workID: work.id)
                    let counts = try await site.ballots.counts(workID: work.id)
                    for record in records {
                        for rule in [AdoptionRule.frenchCESE, AdoptionRule(majority: .forExceedsAgainst, quorum: 0.6)] {
                            let fromVotes = WorkDossier.ordered(WorkDossier.tally(votes[record.id] ?? [], rule: rule), by: order, rule: rule)
                            let fromCounts = WorkDossier.ordered(WorkDossier.tally(counts[record.id] ?? [], rule: rule), by: order, rule: rule)
                            #expect(fromCounts.groups.map(\.group) == order.sorted { $0.value < $1.value }.map(\.key)
                                .filter { group in fromVotes.groups.contains { $0.group == group } })
                            #expect(fromCounts == fromVotes, "ballot \(record.id) of work \(work.id)")
                        }
                        compared += 1
                    }
                }
            }
            #expect(compared >= 6)
        }
    }
}
