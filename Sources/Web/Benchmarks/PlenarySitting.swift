import CouncilWork
import Foundation
import HemicycleDomain
import Storage

/// A plenary sitting recorded through the store, for the load benchmark and its test: every member votes on every
/// amendment (one ballot each), each ballot is closed with its tally recomputed from the stored votes and compared
/// with the votes cast.
public struct PlenarySitting: Sendable {
    public let ballots: Int
    public let votesCalled: Int
    public let adopted: Int
    /// Ballots whose stored tally differs from the votes cast (must be 0).
    public let mismatches: Int
    public let timePerBallot: [Duration]
    public let report: String

    /// Records the sitting and returns its figures.
    public static func record(database: any Database, members: Int, amendments: Int,
                              wallClock: any WallClock) async throws -> PlenarySitting {
        let clock = ContinuousClock()
        func seconds() -> Double { wallClock.now().timeIntervalSince1970 }
        let councils = CouncilRepository(database: database), groups = GroupRepository(database: database)
        let accounts = AccountRepository(database: database), memberships = MembershipRepository(database: database)
        let works = WorkRepository(database: database), drafts = DraftRepository(database: database), ballots = BallotRepository(database: database)
        let slug = "bench-\(UInt32.random(in: 0 ... .max))"
        let council = try await councils.create(NewCouncil(slug: slug, name: LocalizedText(fr: "Conseil de mesure", ar: nil, en: nil),
                                                           country: "FR", defaultLanguage: .fr, languages: [.fr]), at: wallClock.now())
        var groupIDs: [Int64] = []
        for index in 0..<10 {
            groupIDs.append(try await groups.create(councilID: council, name: LocalizedText(fr: "Groupe \(index + 1)", ar: nil, en: nil),
                                                    acronym: "G\(index + 1)", description: LocalizedText(), at: wallClock.now()))
        }
        var voters: [(membershipID: Int64, groupID: Int64?)] = []
        for index in 0..<members {
            let account = try await accounts.create(email: "m\(index)@\(slug).example", passwordHash: nil, displayName: "Membre \(index)", language: .fr, now: wallClock.now())
            let group = groupIDs[index % groupIDs.count]
            voters.append((try await memberships.add(councilID: council, accountID: account, role: .member, groupID: group, now: wallClock.now()), group))
        }
        let work = try await works.create(councilID: council, NewWork(kind: "avis", title: LocalizedText(fr: "Texte de mesure", ar: nil, en: nil),
                                                                      summary: LocalizedText(), referralSource: "self_referral", procedure: "ordinary"),
                                          accountID: nil, at: seconds())
        let text = DraftText(blocks: (0..<amendments).map { Block(id: "p\($0)", kind: .paragraph, text: "Paragraphe \($0) du texte soumis au vote.") })
        let encoder = JSONEncoder()
        let version = try await drafts.addVersion(workID: work, body: String(decoding: try encoder.encode(text), as: UTF8.self), note: nil, at: seconds())
        var tabled: [Int64] = []
        for index in 0..<amendments {
            tabled.append(try await drafts.table(workID: work, NewAmendment(
                versionID: version, operation: "replace", anchor: "p\(index)", span: nil, newText: "Nouvelle rédaction \(index).",
                insertedKind: "paragraph", justification: "Mesure.", authorMembershipID: voters[index % members].membershipID, groupID: nil), at: seconds()).id)
        }
        var perBallot: [Duration] = []
        var mismatches = 0, adoptedCount = 0
        let start = clock.now
        for (index, amendment) in tabled.enumerated() {
            let ballotStart = clock.now
            let ballot = try await ballots.open(workID: work, amendmentID: amendment, body: "plenary", majority: AdoptionRule.frenchCESE.majority.rawValue,
                                                quorum: nil, voters: voters, at: seconds())
            var cast: [String: VoteChoice] = [:]
            for (position, voter) in voters.enumerated() {
                // A deterministic spread: some against, some abstain, a few do not take part.
                let roll = (position * 7 + index * 13) % 20
                guard roll != 19 else { continue }
                let forShare = 7 + index % 7   // from 7 to 13 out of 20: some amendments carry, others do not
                let choice: VoteChoice = roll < forShare ? .pour : (roll < 16 ? .contre : .abstention)
                try await ballots.vote(ballotID: ballot, membershipID: voter.membershipID, choice: choice.rawValue, at: seconds())
                cast["\(voter.membershipID)"] = choice
            }
            let stored = try await ballots.voters(ballotID: ballot)
            let storedVotes = Dictionary(uniqueKeysWithValues: stored.compactMap { voter in
                voter.choice.flatMap(VoteChoice.init(rawValue:)).map { ("\(voter.membershipID)", $0) }
            })
            let eligible = stored.map { ("\($0.membershipID)", $0.groupID.map { "\($0)" }) }
            let tally = Tally.count(eligible: eligible, votes: storedVotes, rule: .frenchCESE)
            let expected = Tally.count(eligible: eligible, votes: cast, rule: .frenchCESE)
            if tally != expected || storedVotes.count != cast.count { mismatches += 1 }
            try await ballots.close(ballotID: ballot, adopted: tally.adopted, at: seconds())
            if tally.adopted { adoptedCount += 1 }
            perBallot.append(clock.now - ballotStart)
        }
        let total = clock.now - start
        let sorted = perBallot.sorted()
        func ms(_ duration: Duration) -> String {
            String(format: "%.1f", Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15)
        }
        let report = """
            database: \(database.kind)
            plenary of \(members) members, \(amendments) amendments: \(amendments) ballots, \(perBallot.count * members) votes called
            time per ballot (open, every vote, tally from the stored votes, close): median \(ms(sorted[sorted.count / 2])) ms, \
            90th percentile \(ms(sorted[sorted.count * 9 / 10])) ms, max \(ms(sorted.last!)) ms
            whole sitting: \(ms(total)) ms; \(adoptedCount) amendments adopted; tallies differing from the votes cast: \(mismatches)
            """
        return PlenarySitting(ballots: perBallot.count, votesCalled: perBallot.count * members, adopted: adoptedCount,
                              mismatches: mismatches, timePerBallot: perBallot, report: report)
    }
}
