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
        /// The record the API and the exports publish: text, amendments, ballots, timeline, statements and names;
        /// without what only the page shows (hearings, contributions, attachments, co-signatories accepted or
        /// invited, commission).
        case record
    }

    /// Everything on top of what the rules needed.
    static func load(gate: WorkGate, services: WorkServices, extent: Extent = .page) async throws -> WorkDossier {
        let page = extent == .page
        let council = gate.council, id = gate.work.id, work = gate.work
        let versions = try await services.drafts.versions(workID: id).map { record in
            Version(record: record, text: (try? JSONDecoder().decode(DraftText.self, from: Data(record.body.utf8))) ?? DraftText(blocks: []))
        }
        let votersByBallot = try await services.ballots.voters(workID: id)
        let ballots = gate.ballots.map { record in
            let voters = votersByBallot[record.id] ?? []
            let rule = AdoptionRule(majority: AdoptionRule.Majority(rawValue: record.majority) ?? .forExceedsHalfOfVotesCast, quorum: record.quorum)
            return Ballot(record: record, voters: voters, tally: tally(voters, rule: rule))
        }
        // Past seats too: the names on what was recorded under them. Every seat for someone the page's forms may
        // list members to (a seated member, staff, an administrator); otherwise only the seats the work item names.
        let mayListMembers = page && ((gate.actor.council.role.map { $0 != .citizen } ?? false) || gate.actor.council.isInstanceAdministrator)
        let seats = mayListMembers
            ? try await services.memberships.all(councilID: council.id, includingEnded: true)
            : try await services.memberships.named(councilID: council.id, workID: id)
        let people = Dictionary(uniqueKeysWithValues: seats.map { ($0.id, $0) })
        let groups = Dictionary(uniqueKeysWithValues: try await services.groups.all(councilID: council.id).map { ($0.id, $0) })
        let cosignatories = page ? try await services.drafts.cosignatoriesAndInvited(workID: id) : (accepted: [:], invited: [:])
        let commission: Commission? = if page, let commissionID = work.commissionId {
            try await services.commissions.find(id: commissionID, councilID: council.id)
        } else { nil }
        var held: [Int64: BallotSitting] = [:]
        if page {
            let ids = Array(Set(ballots.compactMap(\.record.sittingId))).sorted()
            for sitting in try await services.sittings.find(ids: ids, councilID: council.id) {
                held[sitting.id] = BallotSitting(
                    record: sitting,
                    proxies: try await services.sittings.proxies(sittingID: sitting.id).map { Proxy(giver: $0.giverId, holder: $0.holderId, ballotID: $0.ballotId) },
                    attendance: try await services.sittings.attendance(sittingID: sitting.id).compactMapValues(Attendance.init(rawValue:)),
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
