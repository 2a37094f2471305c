import CouncilWork
import Foundation
import HemicycleDomain
import Hummingbird
import Organisation
import Storage

/// The sitting a ballot was held at, with what its proxies need: who gave their vote to whom, and who took part.
struct BallotSitting: Sendable {
    let record: SittingRecord
    let proxies: [Proxy]
    let attendance: [Int64: Attendance]
    /// The council's proxy rule as it stands: a rule changed during the sitting applies to the votes cast after.
    let rule: ProxyRule

    /// The givers whose vote `holder` casts on `ballotID`: proxies in effect (the giver away, the holder taking part),
    /// within the rule.
    func givers(to holder: Int64, ballotID: Int64) -> [Int64] {
        guard attendance[holder]?.takesPart == true else { return [] }
        let inEffect = proxies.filter { attendance[$0.giver]?.takesPart != true }
        return ProxyRules.casting(for: ballotID, proxies: inEffect, rule: rule).filter { $0.value == holder }.map(\.key).sorted()
    }
}

/// Everything known about one work item, loaded once per request, with what the visitor may do on it.
/// A work item the visitor may not see is reported as not found, so nothing about it leaks.
struct WorkDossier: Sendable {
    struct Version: Sendable {
        let record: DraftVersionRecord
        let text: DraftText
    }

    struct Ballot: Sendable {
        let record: BallotRecord
        let voters: [BallotVoter]
        let tally: TallyResult
        var isOpen: Bool { record.closedAt == nil }
        var rule: AdoptionRule {
            AdoptionRule(majority: AdoptionRule.Majority(rawValue: record.majority) ?? .forExceedsHalfOfVotesCast, quorum: record.quorum)
        }
    }

    let council: Council
    let work: WorkRecord
    let status: WorkStatus
    let kind: WorkKind
    let procedure: Procedure
    let membership: Membership?
    let actor: WorkActor
    let state: WorkState
    let versions: [Version]
    let amendments: [AmendmentRecord]
    let cosignatories: [Int64: [Int64]]
    /// Members invited to co-sign who have not accepted yet, by amendment.
    let invitedCosignatories: [Int64: [Int64]]
    let ballots: [Ballot]
    let events: [WorkEvent]
    let hearings: [Hearing]
    let contributions: [Contribution]
    let declarations: [GroupDeclaration]
    let dissents: [Dissent]
    let rapporteurs: [Int64]
    let people: [Int64: Membership]
    let groups: [Int64: CouncilGroup]
    let commission: Commission?
    /// The documents of the dossier, oldest first.
    let attachments: [Attachment]
    /// The largest file the dossier takes.
    let uploadLimit: Int
    /// The sittings its ballots were held at, by number (for the page).
    var sittings: [Int64: BallotSitting] = [:]

    var current: Version? { versions.last }

    /// What the rules say of `action` by this visitor on this work item: the route refuses with it, the page hides.
    func decide(_ action: WorkAction) -> Decision { WorkRules.decide(action, by: actor, on: state) }
    func may(_ action: WorkAction) -> Bool { decide(action).isAllowed }

    /// The work item named by the route's `{id}` in the route's council, with everything its page shows.
    static func load(services: WorkServices, context: AppContext, extent: Extent = .page) async throws -> WorkDossier {
        try await services.snapshot { services in
            try await load(gate: WorkGate.load(services: services, context: context, partnerReads: extent == .page), services: services, extent: extent)
        }
    }

    /// How much of the dossier a reader needs.
    enum Extent {
        /// Everything the work item's page shows or its forms check.
        case page
        /// The record the exports publish: text, amendments, ballots with every member's vote, timeline, statements
        /// and names; without what only the page shows (hearings, contributions, attachments, co-signatories accepted
        /// or invited, commission).
        case record
        /// The record the API publishes: as `record`, but each ballot's counts by group, made by the database,
        /// without each member's vote.
        case counts
    }

    /// Everything on top of what the rules needed.
    static func load(gate: WorkGate, services: WorkServices, extent: Extent = .page) async throws -> WorkDossier {
        let page = extent == .page
        let council = gate.council, id = gate.work.id, work = gate.work
        let versions = try await services.drafts.versions(workID: id).map { record in
            Version(record: record, text: (try? JSONDecoder().decode(DraftText.self, from: Data(record.body.utf8))) ?? DraftText(blocks: []))
        }
        // Past seats too: the names on what was recorded under them. Every seat for someone the page's forms may
        // list members to (a seated member, staff, an administrator); otherwise only the seats the work item names.
        let mayListMembers = page && ((gate.actor.council.role.map { $0 != .citizen } ?? false) || gate.actor.council.isInstanceAdministrator)
        let seats = mayListMembers
            ? try await services.memberships.all(councilID: council.id, includingEnded: true)
            : try await services.memberships.named(councilID: council.id, workID: id)
        let people = Dictionary(uniqueKeysWithValues: seats.map { ($0.id, $0) })
        let groupList = try await services.groups.all(councilID: council.id)
        let groups = Dictionary(uniqueKeysWithValues: groupList.map { ($0.id, $0) })
        // A ballot lists its groups in the council's order of its groups, the same in every ballot.
        let order = Dictionary(uniqueKeysWithValues: groupList.enumerated().map { ("\($1.id)", $0) })
        let ballots: [Ballot]
        if extent == .counts {
            let countsByBallot = try await services.ballots.counts(workID: id)
            ballots = gate.ballots.map { record in
                let rule = AdoptionRule(majority: AdoptionRule.Majority(rawValue: record.majority) ?? .forExceedsHalfOfVotesCast, quorum: record.quorum)
                return Ballot(record: record, voters: [], tally: ordered(tally(countsByBallot[record.id] ?? [], rule: rule), by: order, rule: rule))
            }
        } else {
            let votersByBallot = try await services.ballots.voters(workID: id)
            ballots = gate.ballots.map { record in
                let voters = votersByBallot[record.id] ?? []
                let rule = AdoptionRule(majority: AdoptionRule.Majority(rawValue: record.majority) ?? .forExceedsHalfOfVotesCast, quorum: record.quorum)
                return Ballot(record: record, voters: voters, tally: ordered(tally(voters, rule: rule), by: order, rule: rule))
            }
        }
        let cosignatories = page ? try await services.drafts.cosignatoriesAndInvited(workID: id) : (accepted: [:], invited: [:])
        let commission: Commission? = if page, let commissionID = work.commissionId {
            try await services.commissions.find(id: commissionID, councilID: council.id)
        } else { nil }
        var held: [Int64: BallotSitting] = [:]
        if page, ballots.contains(where: { $0.record.sittingId != nil }) {
            let found = try await services.sittings.held(workID: id, councilID: council.id)
            for sitting in found.sittings {
                held[sitting.id] = BallotSitting(
                    record: sitting,
                    proxies: (found.proxies[sitting.id] ?? []).map { Proxy(giver: $0.giverId, holder: $0.holderId, ballotID: $0.ballotId) },
                    attendance: (found.attendance[sitting.id] ?? [:]).compactMapValues(Attendance.init(rawValue:)),
                    rule: council.sittingRules.proxy)
            }
        }
        var dossier = WorkDossier(
            council: council, work: work, status: gate.status, kind: WorkKind(rawValue: work.kind) ?? .avis,
            procedure: gate.procedure, membership: gate.membership, actor: gate.actor, state: gate.state,
            versions: versions, amendments: try await services.drafts.amendments(workID: id),
            cosignatories: cosignatories.accepted, invitedCosignatories: cosignatories.invited, ballots: ballots,
            events: try await services.works.events(workID: id), hearings: page ? try await services.works.hearings(workID: id) : [],
            contributions: page ? try await services.works.contributions(workID: id) : [],
            declarations: try await services.works.declarations(workID: id),
            dissents: try await services.works.dissents(workID: id), rapporteurs: gate.rapporteurs, people: people, groups: groups,
            commission: commission,
            attachments: page ? try await services.attachments.all(councilID: council.id, ownerKind: WorkAttachmentRoutes.ownerKind, ownerID: id) : [],
            uploadLimit: services.uploadLimit)
        dossier.sittings = held
        return dossier
    }

    /// The result of a ballot from its voters' choices.
    static func tally(_ voters: [BallotVoter], rule: AdoptionRule) -> TallyResult {
        Tally.count(eligible: voters.map { ("\($0.membershipID)", $0.groupID.map { "\($0)" }) },
                    votes: Dictionary(uniqueKeysWithValues: voters.compactMap { voter in
                        voter.choice.flatMap(VoteChoice.init(rawValue:)).map { ("\(voter.membershipID)", $0) }
                    }), rule: rule)
    }

    /// The result of a ballot from its counts by group, as the database made them (`BallotRepository.counts`).
    static func tally(_ counts: [BallotGroupCount], rule: AdoptionRule) -> TallyResult {
        var overall = VoteCounts()
        var groups: [(group: String, counts: VoteCounts)] = []
        for count in counts {
            var group = VoteCounts()
            group.add(.pour, count: count.pour)
            group.add(.contre, count: count.contre)
            group.add(.abstention, count: count.abstention)
            group.add(nil, count: count.notTakingPart)
            overall.add(.pour, count: count.pour)
            overall.add(.contre, count: count.contre)
            overall.add(.abstention, count: count.abstention)
            overall.add(nil, count: count.notTakingPart)
            if let id = count.groupID { groups.append(("\(id)", group)) }
        }
        return Tally.result(overall: overall, groups: groups, rule: rule)
    }

    /// The result with its groups in `order` (a group's place by its number); groups the council no longer has (a
    /// ballot keeps the group its members sat in) last, by number, so that the page, the API and the export agree.
    static func ordered(_ result: TallyResult, by order: [String: Int], rule: AdoptionRule) -> TallyResult {
        let groups = result.groups
            .sorted { (order[$0.group] ?? Int.max, Int64($0.group) ?? 0) < (order[$1.group] ?? Int.max, Int64($1.group) ?? 0) }
            .map { (group: $0.group, counts: $0.counts) }
        return Tally.result(overall: result.overall, groups: groups, rule: rule)
    }

    /// The domain form of a stored amendment.
    static func amendment(_ record: AmendmentRecord) -> Amendment {
        Amendment(id: Int(record.id), number: record.number, operation: Amendment.Operation(rawValue: record.operation) ?? .replace,
                  anchor: record.anchor,
                  span: record.spanStart.flatMap { start in record.spanEnd.map { TextSpan(start: start, end: $0) } },
                  text: record.newText, insertedKind: Block.Kind(rawValue: record.insertedKind) ?? .paragraph,
                  status: AmendmentStatus(rawValue: record.status) ?? .tabled)
    }

    /// The amendments tabled to one version, with the rules of the sitting.
    func amendmentList(versionID: Int64) -> AmendmentList? {
        guard let version = versions.first(where: { $0.record.id == versionID }) else { return nil }
        return AmendmentList(draft: version.text, amendments: amendments.filter { $0.versionId == versionID }.map(Self.amendment))
    }

    /// Members who sit in the assembly (plenary voters) or in the work's commission (commission voters).
    func eligibleVoters(body: String, seats: [(commissionID: Int64, membershipID: Int64)]) -> [(membershipID: Int64, groupID: Int64?)] {
        let sitting = people.values.filter { $0.sits }
        let chosen = body == "commission"
            ? sitting.filter { member in seats.contains { $0.commissionID == work.commissionId && $0.membershipID == member.id } }
            : Array(sitting)
        return chosen.sorted { $0.id < $1.id }.map { ($0.id, $0.groupId) }
    }

    func groupName(_ id: Int64?, language: Language) -> String {
        guard let id, let group = groups[id] else { return "" }
        return group.acronym.flatMap { $0.isEmpty ? nil : $0 }
            ?? group.name.resolved(for: language, councilDefault: council.language)?.text ?? ""
    }
}
