import CouncilWork
import CSVFormat
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

    /// The API's results, counted by the database, against the individual votes its CSV export lists (read from each
    /// member's vote): every ballot, overall and group by group.
    @Test(arguments: TestDatabase.kinds)
    func theAPIsResultsAreTheVotesOfTheExport(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let published = try #require(try await site.works.all(councilID: france.id, statuses: ["published"]).first)
            let visitor = Visitor(client)
            let table = try CSVTable(text: try await visitor.get("/cese-fr/works/\(published.id)/votes.csv").text, file: "votes.csv")
            let ballotColumn = try table.column("ballot"), groupColumn = try table.column("group"), choiceColumn = try table.column("choice")
            // Ballot → group's name → choice → members.
            var votes: [Int: [String: [String: Int]]] = [:]
            for row in table.rows {
                votes[Int(row.fields[ballotColumn]) ?? -1, default: [:]][row.fields[groupColumn], default: [:]][row.fields[choiceColumn], default: 0] += 1
            }
            let body = try await visitor.get("/api/v1/cese-fr/works/\(published.id)").text
            let api = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
            let ballots = try #require(api["ballots"] as? [[String: Any]])
            #expect(!ballots.isEmpty && ballots.count == votes.count)
            func number(_ value: Any?) -> Int? { (value as? NSNumber)?.intValue }
            func counts(_ value: Any?) -> [Int?] {
                let counts = value as? [String: Any] ?? [:]
                return ["for", "against", "abstain", "notTakingPart"].map { number(counts[$0]) }
            }
            func expected(_ byChoice: [String: Int]) -> [Int?] {
                ["for", "against", "abstain", "did_not_take_part"].map { byChoice[$0, default: 0] }
            }
            for ballot in ballots {
                let id = try #require(number(ballot["id"]))
                let byGroup = try #require(votes[id], "ballot \(id) is not in the export")
                let all = byGroup.values.reduce(into: [String: Int]()) { total, choices in
                    for (choice, members) in choices { total[choice, default: 0] += members }
                }
                #expect(counts(ballot["overall"]) == expected(all), "ballot \(id)")
                let groups = try #require(ballot["groups"] as? [[String: Any]])
                #expect(Set(groups.compactMap { $0["group"] as? String }) == Set(byGroup.keys.filter { !$0.isEmpty }), "ballot \(id)")
                for group in groups {
                    let name = try #require(group["group"] as? String)
                    #expect(counts(group["counts"]) == expected(byGroup[name] ?? [:]), "ballot \(id), group \(name)")
                }
            }
        }
    }
}
