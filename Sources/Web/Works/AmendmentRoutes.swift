import CouncilWork
import Foundation
import HemicycleDomain
import Hummingbird
import Organisation
import Storage

/// Amendments and ballots: tabling, withdrawal, admissibility, the rapporteur's opinion, votes in commission and
/// in plenary, and the consolidated text after the votes.
struct AmendmentRoutes {
    let services: WorkServices
    let pages: Pages
    let actions: WorkActionRoutes

    func register(in council: PathRegistrar) {
        council.post(WorkPaths.amendments, use: table)
        council.post(WorkPaths.amendment, use: decide)
        council.post(WorkPaths.cosign, use: cosign)
        council.post(WorkPaths.ballots, use: openBallot)
        council.post(WorkPaths.vote, use: vote)
        council.post(WorkPaths.closeBallot, use: closeBallot)
        council.post(WorkPaths.consolidate, use: consolidate)
    }

    @Sendable func table(_ request: Request, context: AppContext) async throws -> Response {
        let dossier = try await actions.dossier(.tableAmendment, context)
        guard let current = dossier.current else { throw PageError(.conflict, "amendment_error_closed") }
        let form = context.form
        // A refused amendment comes back beside its form, with what was typed, in the reader's language.
        func refuse(_ key: String) async throws -> Response {
            let values = ["anchor": form["anchor"] ?? "", "operation": form["operation"] ?? "", "passage": form["passage"] ?? "",
                          "text": form["text"] ?? "", "justification": form["justification"] ?? ""]
            return try await WorkRoutes(services: services, pages: pages).render(dossier, request: request, context: context,
                                                           tableError: (pages.text(key, context), values), status: .unprocessableContent)
                .response(from: request, context: context)
        }
        guard let operation = form.text("operation").flatMap(Amendment.Operation.init(rawValue:)),
              let anchor = form.text("anchor"), let block = current.text.block(anchor) else { return try await refuse("amendment_error_unknown_block") }
        let text = form.text("text") ?? ""
        guard operation == .delete || !text.isEmpty else { return try await refuse("amendment_error_empty_text") }
        guard let justification = form.text("justification") else { return try await refuse("amendment_error_justification") }
        var span: TextSpan?
        if operation != .insert, let passage = form.text("passage") {
            do { span = try Amendment.locate(passage, in: block.text) } catch { return try await refuse(error.messageKey) }
        }
        // Those named are invited to co-sign; each co-signs only by accepting.
        let cosigners = form.all("cosigners").compactMap(Int64.init)
            .filter { dossier.people[$0].map { $0.sits } == true }
        let member = dossier.membership!
        let tabled = try await services.drafts.table(workID: dossier.work.id, NewAmendment(
            versionID: current.record.id, operation: operation.rawValue, anchor: anchor, span: span.map { ($0.start, $0.end) },
            newText: operation == .delete ? "" : text, insertedKind: form.text("kind") == "recommendation" ? "recommendation" : "paragraph",
            justification: justification, authorMembershipID: member.id, groupID: form["onBehalfOfGroup"] == "1" ? member.groupId : nil,
            cosignatories: cosigners), at: services.clock.now().timeIntervalSince1970)
        return actions.back(dossier, notice: "amendment_tabled", anchor: "#amendment-\(tabled.id)")
    }

    @Sendable func decide(_ request: Request, context: AppContext) async throws -> Response {
        // Who may decide depends on the amendment (its author may withdraw it): the gate and the amendment, not the
        // whole dossier, are read before the rules answer.
        let gate = try await WorkGate.load(services: services, context: context)
        guard let id = context.parameters.get("amendment", as: Int64.self),
              let (record, currentVersionID, _) = try await services.drafts.amendment(id: id, workID: gate.work.id, invitedMembershipID: nil)
        else { throw PageError.notFound }
        // Only the amendments to the current version are still alive; one under a vote is decided by the vote.
        guard AmendmentStatus(rawValue: record.status)?.isOpen == true, record.versionId == currentVersionID else {
            throw PageError(.conflict, "amendment_error_decided")
        }
        let underVote = gate.ballots.contains { $0.closedAt == nil && $0.amendmentId == id }
        // The write itself checks again that the amendment is still open (`changeOpen`): a decision, a version or a
        // vote that landed since these reads wins.
        let changed: Bool
        switch context.form.text("action") {
        case "withdraw" where underVote, "inadmissible" where underVote:
            throw PageError(.conflict, "ballot_error_already_open")
        case "withdraw":
            let isAuthor = record.authorMembershipId != nil && record.authorMembershipId == gate.membership?.id
            try pages.require(gate.decide(.withdrawAmendment(isAuthor: isAuthor)), context)
            changed = try await services.drafts.changeOpen(workID: gate.work.id, amendmentID: id, status: AmendmentStatus.withdrawn.rawValue)
        case "inadmissible":
            try pages.require(gate.decide(.ruleInadmissible), context)
            changed = try await services.drafts.changeOpen(workID: gate.work.id, amendmentID: id, status: AmendmentStatus.inadmissible.rawValue)
        case "opinion":
            try pages.require(gate.decide(.giveOpinion), context)
            guard let opinion = context.form.text("opinion").flatMap(RapporteurOpinion.init(rawValue:)) else { throw PageError.malformedForm }
            changed = try await services.drafts.changeOpen(workID: gate.work.id, amendmentID: id, opinion: opinion.rawValue,
                                                            evenUnderVote: true)
        default:
            throw PageError.malformedForm
        }
        guard changed else { throw PageError(.conflict, "amendment_error_decided") }
        return actions.back(gate, notice: "saved", anchor: "#amendment-\(id)")
    }

    @Sendable func openBallot(_ request: Request, context: AppContext) async throws -> Response {
        let form = context.form
        let body: BallotBody = form.text("body") == "commission" ? .commission : .plenary
        let dossier = try await actions.dossier(.openBallot(body: body), context)
        let amendmentID = form.text("amendment").flatMap(Int64.init)
        if let amendmentID {
            guard let record = dossier.amendments.first(where: { $0.id == amendmentID }), record.status == "tabled",
                  record.versionId == dossier.current?.record.id else {
                throw PageError(.conflict, "amendment_error_decided")
            }
        } else {
            // A vote on the text needs a text: it counts for the version it is held on.
            guard dossier.current != nil else { throw PageError(.conflict, "ballot_error_no_text") }
        }
        guard !dossier.ballots.contains(where: { $0.isOpen && $0.record.amendmentId == amendmentID }) else { throw PageError(.conflict, "ballot_error_already_open") }
        let majority = form.text("majority").flatMap(AdoptionRule.Majority.init(rawValue:)) ?? .forExceedsHalfOfVotesCast
        let quorum = form.text("quorum").flatMap(Double.init).map { min(1, max(0, $0 / 100)) }
        let commissionSeats = try await services.commissions.seats(councilID: dossier.council.id)
        let voters = dossier.eligibleVoters(body: body.rawValue, seats: commissionSeats)
        guard !voters.isEmpty else { throw PageError(.conflict, "ballot_error_no_voters") }
        let now = services.clock.now().timeIntervalSince1970
        let sitting = try await sittingUnderWay(dossier, body: body, commissionSeats: commissionSeats, now: now)
        let id = try await services.ballots.open(workID: dossier.work.id, amendmentID: amendmentID, body: body.rawValue, majority: majority.rawValue,
                                             quorum: quorum, voters: voters, workStatus: dossier.status.rawValue, sittingID: sitting?.id, at: now)
        return actions.back(dossier, notice: "ballot_opened", anchor: "#ballot-\(id)")
    }

    @Sendable func vote(_ request: Request, context: AppContext) async throws -> Response {
        let dossier = try await WorkGate.load(services: services, context: context)
        guard let id = context.parameters.get("ballot", as: Int64.self), let ballot = dossier.ballots.first(where: { $0.id == id }) else { throw PageError.notFound }
        try pages.require(dossier.decide(.vote(ballotOpen: ballot.closedAt == nil)), context)
        guard let member = dossier.membership else { throw PageError.forbidden }
        guard let choice = context.form.text("choice").flatMap(VoteChoice.init(rawValue:)) else { throw PageError.malformedForm }
        let now = services.clock.now().timeIntervalSince1970
        // By proxy: the vote of a member away who gave theirs to the signed-in member, for this ballot's sitting.
        if let raw = context.form.text("for") {
            guard let giver = Int64(raw), let sittingID = ballot.sittingId,
                  let sitting = try await services.sittings.find(id: sittingID, councilID: dossier.council.id) else {
                throw PageError(.forbidden, "ballot_proxy_refused")
            }
            let held = BallotSitting(
                record: sitting,
                proxies: try await services.sittings.proxies(sittingID: sittingID).map { Proxy(giver: $0.giverId, holder: $0.holderId, ballotID: $0.ballotId) },
                attendance: try await services.sittings.attendance(sittingID: sittingID).compactMapValues(Attendance.init(rawValue:)),
                rule: dossier.council.sittingRules.proxy)
            guard held.givers(to: member.id, ballotID: id).contains(giver) else { throw PageError(.forbidden, "ballot_proxy_refused") }
            try await services.ballots.vote(ballotID: id, membershipID: giver, choice: choice.rawValue, castBy: member.id, at: now)
            return actions.back(dossier, notice: "vote_recorded", anchor: "#ballot-\(id)")
        }
        // Otherwise the vote is the signed-in member's own.
        try await services.ballots.vote(ballotID: id, membershipID: member.id, choice: choice.rawValue, at: now)
        return actions.back(dossier, notice: "vote_recorded", anchor: "#ballot-\(id)")
    }

    @Sendable func closeBallot(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await WorkGate.load(services: services, context: context)
        guard let id = context.parameters.get("ballot", as: Int64.self), let ballot = gate.ballots.first(where: { $0.id == id }) else { throw PageError.notFound }
        try pages.require(gate.decide(.closeBallot(ballotOpen: ballot.closedAt == nil)), context)
        // The result is counted from the votes as they stand once the ballot is closed, in the same transaction.
        let rule = AdoptionRule(majority: AdoptionRule.Majority(rawValue: ballot.majority) ?? .forExceedsHalfOfVotesCast, quorum: ballot.quorum)
        let adopted = try await services.ballots.close(ballotID: id, at: services.clock.now().timeIntervalSince1970) { voters in
            WorkDossier.tally(voters, rule: rule).adopted
        }
        // A vote on an amendment decides it, and the amendments it makes fall with it.
        let dossier = try await WorkDossier.load(gate: gate, services: services)
        if let amendmentID = ballot.amendmentId, let record = dossier.amendments.first(where: { $0.id == amendmentID }),
           var list = dossier.amendmentList(versionID: record.versionId) {
            let fallen = list.decide(Int(amendmentID), adopted ? .adopted : .rejected)
            var statuses = [amendmentID: adopted ? "adopted" : "rejected"]
            for other in fallen { statuses[Int64(other)] = "fallen" }
            try await services.drafts.setStatuses(workID: dossier.work.id, statuses)
        }
        return actions.back(dossier, notice: adopted ? "ballot_closed_adopted" : "ballot_closed_rejected", anchor: "#ballot-\(id)")
    }

    @Sendable func consolidate(_ request: Request, context: AppContext) async throws -> Response {
        let dossier = try await actions.dossier(.consolidate, context)
        guard let current = dossier.current, let list = dossier.amendmentList(versionID: current.record.id) else { throw PageError.notFound }
        let adopted = list.amendments.filter { $0.status == .adopted }
        guard !adopted.isEmpty else { throw PageError(.conflict, "consolidate_error_nothing") }
        let text: DraftText
        do { text = try Consolidation.apply(adopted, to: current.text, newIdentifier: services.ids.next) } catch {
            throw WorkActionRoutes.invalid(error.messageKey)
        }
        let numbers = adopted.map(\.number).sorted().map(String.init).joined(separator: ", ")
        try await services.drafts.addVersion(workID: dossier.work.id, body: WorkActionRoutes.json(text),
                                         note: pages.text("consolidated_note", context, ["numbers": numbers]), at: services.clock.now().timeIntervalSince1970)
        return actions.back(dossier, notice: "consolidated", anchor: "#text")
    }

    /// A member invited to co-sign an amendment accepts: only then is their name among its co-signatories.
    @Sendable func cosign(_ request: Request, context: AppContext) async throws -> Response {
        // Who may co-sign depends on the invitations to this amendment: the gate and the amendment, not the whole
        // dossier, are read before the rules answer.
        let gate = try await WorkGate.load(services: services, context: context)
        guard let id = context.parameters.get("amendment", as: Int64.self),
              let (record, currentVersionID, invited) = try await services.drafts.amendment(
                  id: id, workID: gate.work.id, invitedMembershipID: gate.membership?.id)
        else { throw PageError.notFound }
        try pages.require(gate.decide(.cosign(isInvited: invited)), context)
        guard AmendmentStatus(rawValue: record.status)?.isOpen == true, record.versionId == currentVersionID,
              let member = gate.membership else {
            throw PageError(.conflict, "amendment_error_decided")
        }
        try await services.drafts.acceptCosignature(workID: gate.work.id, amendmentID: id, membershipID: member.id,
                                                at: services.clock.now().timeIntervalSince1970)
        return actions.back(gate, notice: "cosigned", anchor: "#amendment-\(id)")
    }

    /// The sitting of the ballot's body under way now (for a commission, the work's commission), whose quorum must be
    /// reached for the vote to open: a clear refusal (409) says how many take part and how many are needed. A ballot
    /// opened when no sitting is under way stands on its own.
    func sittingUnderWay(_ dossier: WorkDossier, body: BallotBody, commissionSeats: [(commissionID: Int64, membershipID: Int64)],
                         now: Double) async throws -> SittingRecord? {
        let commissionID = body == .commission ? dossier.work.commissionId : nil
        if body == .commission && commissionID == nil { return nil }
        guard let sitting = try await services.sittings.underWay(councilID: dossier.council.id, body: body.rawValue, commissionID: commissionID, at: now)
        else { return nil }
        let seats = try await services.memberships.all(councilID: dossier.council.id)
        let voters = CouncilSittingVoters.seats(body: SittingBody(rawValue: sitting.body) ?? .plenary, commissionID: sitting.commissionId, seats: seats,
                                                commissionSeats: commissionSeats)
        let attendance = try await services.sittings.attendance(sittingID: sitting.id).compactMapValues(Attendance.init(rawValue:))
        let proxies = try await services.sittings.proxies(sittingID: sitting.id).map { Proxy(giver: $0.giverId, holder: $0.holderId, ballotID: $0.ballotId) }
        let count = QuorumCount(voters: Set(voters.map(\.id)), attendance: attendance, proxies: proxies, rule: dossier.council.sittingRules.quorum)
        guard count.isMet else {
            let counted = count.takingPart + (dossier.council.sittingRules.quorum.countsProxies ? count.represented : 0)
            throw PageError(.conflict, "ballot_error_quorum", ["taking_part": String(counted), "voters": String(count.voters),
                                                               "required": String(count.required)])
        }
        return sitting
    }
}
