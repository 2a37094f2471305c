import CouncilWork
import HemicycleDomain
import Testing

@Suite("Tallies, versions and the life of a work item")
struct TallyAndWorkflowTests {
    @Test("the French CESE rule: for must exceed half of the votes cast, abstentions included")
    func frenchRule() {
        let eligible = (0..<10).map { (member: "m\($0)", group: Optional($0 < 5 ? "UNSA" : "Entreprises")) }
        var votes: [String: VoteChoice] = [:]
        for i in 0..<4 { votes["m\(i)"] = .pour }
        votes["m4"] = .abstention
        for i in 5..<8 { votes["m\(i)"] = .contre }
        votes["m8"] = .pour
        // 5 for, 3 against, 1 abstention, 1 not taking part: 5 > 9/2.
        let result = Tally.count(eligible: eligible, votes: votes, rule: .frenchCESE)
        #expect(result.overall.pour == 5 && result.overall.contre == 3 && result.overall.abstention == 1 && result.overall.notTakingPart == 1)
        #expect(result.adopted)
        #expect(result.groups.map(\.position) == [.pour, .contre])
        // One more abstention instead of a for vote: 4 for out of 9 cast is not more than half.
        votes["m8"] = .abstention
        #expect(!Tally.count(eligible: eligible, votes: votes, rule: .frenchCESE).adopted)
        #expect(Tally.count(eligible: eligible, votes: votes, rule: AdoptionRule(majority: .forExceedsAgainst)).adopted)
    }

    @Test("a quorum counts the members who took part")
    func quorum() {
        let eligible = (0..<10).map { (member: "m\($0)", group: Optional("G")) }
        let votes: [String: VoteChoice] = ["m0": .pour, "m1": .pour, "m2": .contre]
        let rule = AdoptionRule(majority: .forExceedsHalfOfVotesCast, quorum: 0.5)
        let result = Tally.count(eligible: eligible, votes: votes, rule: rule)
        #expect(!result.quorumMet && !result.adopted)
    }

    @Test("group positions: majority, divided, absent")
    func groupPositions() {
        var counts = VoteCounts()
        #expect(Tally.position(counts) == .absent)
        counts.pour = 2; counts.contre = 2
        #expect(Tally.position(counts) == .divided)
        counts.abstention = 3
        #expect(Tally.position(counts) == .abstention)
    }

    @Test("property: the tally equals the sum of the individual votes", arguments: 0..<100)
    func tallySums(seed: Int) {
        var random = SplitMix(seed: UInt64(seed))
        let groups = ["A", "B", "C", "D", "E"]
        let eligible = (0..<Int(1 + random.next() % 250)).map { (member: "m\($0)", group: Optional(groups[Int(random.next() % 5)])) }
        var votes: [String: VoteChoice] = [:]
        for (member, _) in eligible {
            let roll = random.next() % 4
            if roll < 3 { votes[member] = VoteChoice.allCases[Int(roll)] }
        }
        let result = Tally.count(eligible: eligible, votes: votes, rule: .frenchCESE)
        #expect(result.overall.pour == votes.values.filter { $0 == .pour }.count)
        #expect(result.overall.contre == votes.values.filter { $0 == .contre }.count)
        #expect(result.overall.abstention == votes.values.filter { $0 == .abstention }.count)
        #expect(result.overall.eligible == eligible.count)
        #expect(result.groups.reduce(0) { $0 + $1.counts.eligible } == eligible.count)
        #expect(result.groups.reduce(0) { $0 + $1.counts.pour } == result.overall.pour)
        #expect(result.adopted == (2 * result.overall.pour > result.overall.cast))
    }

    @Test("a new version keeps the identifiers of unchanged and edited blocks")
    func versionsKeepIdentifiers() {
        var next = 0
        let first = BlockAlignment.align(previous: nil, parsed: DraftMarkup.parse("# Titre\nPremier paragraphe.\n> Recommandation une.\nDernier."),
                                         newIdentifier: { next += 1; return "id\(next)" })
        #expect(first.blocks.map(\.id) == ["id1", "id2", "id3", "id4"])
        let second = BlockAlignment.align(previous: first,
                                          parsed: DraftMarkup.parse("# Titre\nPremier paragraphe, modifié.\nNouveau paragraphe.\n> Recommandation une.\nDernier."),
                                          newIdentifier: { next += 1; return "id\(next)" })
        #expect(second.blocks.map(\.id) == ["id1", "id2", "id5", "id3", "id4"])
        let changes = TextDiff.compare(first, second)
        #expect(changes.map(\.status) == [.unchanged, .modified, .inserted, .unchanged, .unchanged])
        #expect(changes[1].segments == [.same("Premier "), .deleted("paragraphe."), .inserted("paragraphe, modifié.")])
    }

    @Test("a deleted block shows as deleted in the comparison")
    func deletedBlock() {
        let old = DraftText(blocks: [Block(id: "a", kind: .paragraph, text: "A"), Block(id: "b", kind: .paragraph, text: "B")])
        let new = DraftText(blocks: [Block(id: "b", kind: .paragraph, text: "B")])
        #expect(TextDiff.compare(old, new).map(\.status) == [.deleted, .unchanged])
    }

    @Test("simplified procedure: final after the delay unless a plenary debate is demanded")
    func simplifiedProcedure() {
        #expect(!Workflow.simplifiedAdoptionIsFinal(now: 100, demandDeadline: 200, demanded: false))
        #expect(Workflow.simplifiedAdoptionIsFinal(now: 200, demandDeadline: 200, demanded: false))
        #expect(!Workflow.simplifiedAdoptionIsFinal(now: 300, demandDeadline: 200, demanded: true))
        #expect(!Workflow.simplifiedAdoptionIsFinal(now: 300, demandDeadline: nil, demanded: false))
        #expect(Workflow.mayDemandPlenary(status: .adoptedInCommission, procedure: .simplified, now: 100, demandDeadline: 200, demanded: false))
        #expect(!Workflow.mayDemandPlenary(status: .adoptedInCommission, procedure: .simplified, now: 250, demandDeadline: 200, demanded: false))
        #expect(!Workflow.mayDemandPlenary(status: .adoptedInCommission, procedure: .ordinary, now: 100, demandDeadline: 200, demanded: false))
        #expect(!Workflow.mayDemandPlenary(status: .adoptedInCommission, procedure: .simplified, now: 100, demandDeadline: 200, demanded: true))
    }

    @Test("who may move a work item, step by step")
    func workflow() {
        func move(_ from: WorkStatus, _ to: WorkStatus, _ role: Role?, rapporteur: Bool = false, ballots: [BallotBody: Bool] = [:]) -> Decision {
            WorkRules.decide(.move(to: to), by: WorkActor(CouncilActor(role: role), isRapporteur: rapporteur),
                             on: WorkState(status: from, procedure: .ordinary, lastTextBallot: ballots, now: 0))
        }
        #expect(move(.referred, .assigned, .bureau).isAllowed)
        #expect(move(.referred, .assigned, .member) == .forbidden("error_forbidden"))
        #expect(move(.assigned, .inPreparation, .member, rapporteur: true).isAllowed)
        #expect(move(.assigned, .published, .staff) == .conflict("work_error_state"))
        #expect(move(.inPreparation, .adoptedInCommission, .staff) == .conflict("work_error_needs_commission_vote"))
        #expect(move(.inPreparation, .adoptedInCommission, .staff, ballots: [.commission: true]).isAllowed)
        #expect(move(.onPlenaryAgenda, .adopted, .staff, ballots: [.plenary: false]) == .conflict("work_error_needs_plenary_vote"))
        #expect(move(.onPlenaryAgenda, .rejected, .staff, ballots: [.plenary: false]).isAllowed)
        #expect(Workflow.next(from: .adoptedInCommission, procedure: .ordinary) == [.onPlenaryAgenda])
        #expect(Set(Workflow.next(from: .adoptedInCommission, procedure: .simplified)) == [.onPlenaryAgenda, .adopted])
        #expect(move(.adopted, .published, .citizen) == .forbidden("error_forbidden"))
        #expect(WorkStatus.published.isPublic && !WorkStatus.adopted.isPublic)
    }

    @Test("an adopted or published text is never edited, re-voted or consolidated, whoever asks")
    func closedTextsStayClosed() {
        let secretariat = WorkActor(CouncilActor(role: .administrator), isRapporteur: false)
        for status in [WorkStatus.adopted, .published, .rejected] {
            let state = WorkState(status: status, procedure: .ordinary, amendmentDeadline: 1e12, now: 0)
            for action: WorkAction in [.fileVersion, .openBallot(body: .commission), .openBallot(body: .plenary), .consolidate,
                                       .designateRapporteur, .setAmendmentDeadline, .ruleInadmissible, .recordHearing] {
                #expect(!WorkRules.decide(action, by: secretariat, on: state).isAllowed, "\(action) on \(status)")
            }
        }
        let published = WorkState(status: .published, procedure: .ordinary, now: 0)
        #expect(!WorkRules.decide(.recordDeclaration, by: secretariat, on: published).isAllowed)
        #expect(!WorkRules.decide(.recordDissent, by: secretariat, on: published).isAllowed)
        // While it is prepared, the same person may.
        let preparing = WorkState(status: .inPreparation, procedure: .ordinary, amendmentDeadline: 1e12, now: 0)
        for action: WorkAction in [.fileVersion, .openBallot(body: .commission), .consolidate, .designateRapporteur] {
            #expect(WorkRules.decide(action, by: secretariat, on: preparing).isAllowed, "\(action)")
        }
        #expect(WorkRules.decide(.openBallot(body: .plenary), by: secretariat, on: preparing) == .conflict("ballot_error_state"))
    }
}
