import Conventions
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// A proposal and its vote: the secretariat amends the draft, opens the vote and closes it; each seated member of the
/// panel casts (and may change) a secret ballot while it is open; the result is published as the vote closes, and the
/// secretariat records the minority position beside it.
struct ProposalRoutes {
    let services: ConventionServices
    let pages: Pages

    func register(in council: PathRegistrar) {
        council.get(SittingPaths.proposal, use: page)
        council.post(SittingPaths.amend, use: amend)
        council.post(SittingPaths.open, use: open)
        council.post(SittingPaths.close, use: close)
        council.post(SittingPaths.ballot, use: ballot)
        council.post(SittingPaths.minority, use: minority)
    }

    /// The proposal named by the route, if the visitor may see it (drafts: the secretariat and the panel).
    func load(_ context: AppContext) async throws -> (ConventionGate, ProposalRecord) {
        let gate = try await SittingRoutes.gate(services, context)
        guard let proposalID = context.parameters.get("proposal", as: Int64.self),
              let proposal = try await services.sittings.proposal(id: proposalID, conventionID: gate.record.id),
              proposal.status != "draft" || gate.may(.seeDrafts)
        else { throw PageError.notFound }
        return (gate, proposal)
    }

    @Sendable func page(_ request: Request, context: AppContext) async throws -> HTML {
        let (gate, proposal) = try await load(context)
        return try await render(gate, proposal, request: request, context: context)
    }

    func render(_ gate: ConventionGate, _ proposal: ProposalRecord, request: Request, context: AppContext, amendValues: [String: String]? = nil,
                error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> HTML {
        let view = SittingView(pages: pages, gate: gate, context: context)
        let slug = gate.council.slug, id = gate.record.id
        let sessions = try await services.sittings.sessions(conventionID: id)
        let method = SittingInput.method(proposal.storedMethod)
        let mayRun = gate.may(.runVotes)
        var ballot: ProposalPage.Ballot?
        if proposal.status == "open", gate.may(.vote), let seat = gate.seat, let method {
            let current = try await services.sittings.ballot(proposalID: proposal.id, panelID: seat).flatMap(SittingInput.ballot)
            ballot = ballotForm(view, proposal, method: method, current: current)
        }
        var progress: String?
        if proposal.status == "open" {
            let cast = try await services.sittings.ballotCounts(conventionID: id)[proposal.id] ?? 0
            let members = try await services.sittings.seatedCount(conventionID: id)
            progress = pages.plural("convention_proposal_ballots_of", count: cast, context, format: view.format, ["members": view.format.number(members)])
        }
        let result = proposal.status == "closed" ? view.result(proposal, ballots: try await services.sittings.ballots(proposalID: proposal.id)) : nil
        let model = ProposalPage(
            conventionTitle: view.title, backURL: SittingPaths.sessions.url(slug, id), heading: view.proposalHeading(proposal),
            status: view.statusText(proposal), statusCode: proposal.status, body: proposal.body,
            facts: view.facts(proposal, session: sessions.first { $0.id == proposal.sessionId }),
            amend: proposal.status == "draft" && mayRun
                ? view.proposalForm(action: SittingPaths.amend.url(slug, id, proposal.id), prefix: "amend-",
                                    values: amendValues ?? view.values(of: proposal), sessions: sessions, error: error, submit: "convention_proposal_amend",
                                    groups: try await services.groups.groups(conventionID: id))
                : nil,
            openAction: proposal.status == "draft" && mayRun ? SittingPaths.open.url(slug, id, proposal.id) : nil,
            closeAction: proposal.status == "open" && mayRun ? SittingPaths.close.url(slug, id, proposal.id) : nil,
            ballot: ballot, progress: progress, result: result, minority: view.minority(proposal),
            minorityForm: proposal.status == "closed" && mayRun
                ? ProposalPage.MinorityForm(action: SittingPaths.minority.url(slug, id, proposal.id), heldBy: proposal.minorityHeldBy ?? "",
                                            position: proposal.minorityPosition ?? "")
                : nil)
        return try await pages.page("convention-proposal", title: view.proposalHeading(proposal), request: request, context: context,
                                    council: gate.council, typed: model, status: status)
    }

    func ballotForm(_ view: SittingView, _ proposal: ProposalRecord, method: ProposalMethod, current: ProposalBallot?) -> ProposalPage.Ballot {
        let action = SittingPaths.ballot.url(view.slug, view.id, proposal.id)
        switch method {
        case .yesNo:
            var chosen: ThresholdVote.Choice?
            if case .choice(let choice)? = current { chosen = choice }
            return ProposalPage.Ballot(
                action: action, name: "choice", legend: view.text("convention_ballot_legend_yes_no"),
                options: ThresholdVote.Choice.allCases.map {
                    ProposalPage.Option(id: "choice-\($0.rawValue)", value: $0.rawValue, label: view.text("convention_ballot_\($0.rawValue)"),
                                        checked: chosen == $0)
                },
                current: chosen.map { view.text("convention_ballot_current", ["ballot": view.text("convention_ballot_\($0.rawValue)")]) })
        case .majorityJudgment:
            var chosen: Int?
            if case .grade(let grade)? = current { chosen = grade }
            return ProposalPage.Ballot(
                action: action, name: "grade", legend: view.text("convention_ballot_legend_grades"),
                options: GradeScale.grades.indices.map {
                    ProposalPage.Option(id: "grade-\($0)", value: "\($0)", label: view.grade($0), checked: chosen == $0)
                },
                current: chosen.map { view.text("convention_ballot_current", ["ballot": view.grade($0)]) })
        }
    }

    func back(_ gate: ConventionGate, _ proposal: ProposalRecord, notice: String, anchor: String = "") -> Response {
        .redirect(to: SiteURL.with(SittingPaths.proposal.url(gate.council.slug, gate.record.id, proposal.id), notice: notice) + anchor, type: .normal)
    }

    @Sendable func amend(_ request: Request, context: AppContext) async throws -> Response {
        let (gate, proposal) = try await load(context)
        try pages.require(gate.decide(.runVotes), context)
        guard proposal.status == "draft" else { throw PageError(.conflict, "convention_proposal_conflict_not_draft") }
        do {
            let (sessionID, draft) = try SittingInput.proposal(context.form)
            try await services.sittings.amendProposal(id: proposal.id, conventionID: gate.record.id, councilID: gate.council.id, sessionID: sessionID, draft)
            return back(gate, proposal, notice: "convention_proposal_amended")
        } catch let failure as ValidationFailure {
            return try await render(gate, proposal, request: request, context: context, amendValues: SittingRoutes.proposalValues(context.form),
                                    error: pages.text(failure.key, context), status: .unprocessableContent).response(from: request, context: context)
        } catch StoreError.notFound {
            return try await render(gate, proposal, request: request, context: context, amendValues: SittingRoutes.proposalValues(context.form),
                                    error: pages.text("convention_proposal_error_session", context), status: .unprocessableContent)
                .response(from: request, context: context)
        } catch StoreError.stateChanged {
            throw PageError(.conflict, "convention_proposal_conflict_not_draft")
        }
    }

    @Sendable func open(_ request: Request, context: AppContext) async throws -> Response {
        let (gate, proposal) = try await load(context)
        try pages.require(gate.decide(.runVotes), context)
        do {
            try await services.sittings.openVote(id: proposal.id, conventionID: gate.record.id, councilID: gate.council.id,
                                                 at: services.clock.now().timeIntervalSince1970)
        } catch StoreError.stateChanged {
            throw PageError(.conflict, "convention_proposal_conflict_not_draft")
        }
        return back(gate, proposal, notice: "convention_vote_opened")
    }

    @Sendable func close(_ request: Request, context: AppContext) async throws -> Response {
        let (gate, proposal) = try await load(context)
        try pages.require(gate.decide(.runVotes), context)
        guard let method = SittingInput.method(proposal.storedMethod) else { throw PageError(.conflict, "convention_proposal_conflict_not_open") }
        do {
            try await services.sittings.closeVote(id: proposal.id, conventionID: gate.record.id, councilID: gate.council.id,
                                                  at: services.clock.now().timeIntervalSince1970) { ballots, members in
                SittingInput.outcome(ballots, members: members, method: method).adopted
            }
        } catch StoreError.stateChanged {
            throw PageError(.conflict, "convention_proposal_conflict_not_open")
        }
        return back(gate, proposal, notice: "convention_vote_closed", anchor: "#result")
    }

    /// A seated member's ballot; cast again, it replaces the earlier one until the vote closes.
    @Sendable func ballot(_ request: Request, context: AppContext) async throws -> Response {
        let (gate, proposal) = try await load(context)
        try pages.require(gate.decide(.vote), context)
        guard let seat = gate.seat else { throw PageError(.forbidden, "convention_refused_not_panel_member") }
        guard proposal.status == "open", let method = SittingInput.method(proposal.storedMethod) else {
            throw PageError(.conflict, "convention_proposal_conflict_not_open")
        }
        let ballot = try SittingInput.ballot(context.form, method: method)
        do {
            try await services.sittings.cast(proposalID: proposal.id, conventionID: gate.record.id, councilID: gate.council.id, panelID: seat,
                                             SittingInput.stored(ballot), at: services.clock.now().timeIntervalSince1970)
        } catch StoreError.ballotClosed, StoreError.stateChanged {
            throw PageError(.conflict, "convention_proposal_conflict_not_open")
        } catch StoreError.notEligible {
            throw PageError(.forbidden, "convention_refused_not_panel_member")
        }
        return back(gate, proposal, notice: "convention_ballot_recorded", anchor: "#ballot")
    }

    @Sendable func minority(_ request: Request, context: AppContext) async throws -> Response {
        let (gate, proposal) = try await load(context)
        try pages.require(gate.decide(.runVotes), context)
        guard proposal.status == "closed" else { throw PageError(.conflict, "convention_proposal_conflict_not_closed") }
        let form = context.form
        let position: String?, heldBy: String?
        do {
            position = try SittingInput.optionalText(form, "position", limit: SittingInput.maximumTextLength, key: "convention_error_text_length")
            heldBy = try SittingInput.optionalText(form, "held_by", limit: SittingInput.maximumNameLength, key: "convention_error_text_length")
        } catch let failure as ValidationFailure {
            throw PageError(.unprocessableContent, failure.key)
        }
        do {
            try await services.sittings.recordMinority(id: proposal.id, conventionID: gate.record.id, councilID: gate.council.id,
                                                       heldBy: position == nil ? nil : heldBy, position: position)
        } catch StoreError.stateChanged {
            throw PageError(.conflict, "convention_proposal_conflict_not_closed")
        }
        return back(gate, proposal, notice: "saved", anchor: "#minority")
    }
}
