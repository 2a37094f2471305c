import Conventions
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// The convention's sessions with the proposals voted in each: planned by the secretariat once the panel is drawn (the
/// first session opens the sittings), public like the convention; drafts are seen by the secretariat and the panel.
struct SittingRoutes {
    let services: ConventionServices
    let pages: Pages

    func register(in council: PathRegistrar) {
        council.get(SittingPaths.sessions, use: page)
        council.post(SittingPaths.sessions, use: createSession)
        council.post(SittingPaths.session, use: updateSession)
        council.post(SittingPaths.proposals, use: createProposal)
    }

    /// The statuses in which the convention has (or may have) sessions.
    static let sittingStatuses: Set<ConventionStatus> = [.drawn, .sitting, .reported, .closed]

    static func gate(_ services: ConventionServices, _ context: AppContext) async throws -> ConventionGate {
        let gate = try await ConventionGate.load(services: services, context: context)
        guard sittingStatuses.contains(gate.status) else { throw PageError.notFound }
        return gate
    }

    /// A form that failed: which one, what was typed, and why.
    struct FailedForm {
        enum Which: Equatable { case newSession, session(Int64), newProposal }
        let which: Which
        let values: [String: String]
        let error: String
    }

    @Sendable func page(_ request: Request, context: AppContext) async throws -> HTML {
        try await render(try await Self.gate(services, context), request: request, context: context)
    }

    func render(_ gate: ConventionGate, request: Request, context: AppContext, failed: FailedForm? = nil,
                status: HTTPResponse.Status = .ok) async throws -> HTML {
        let view = SittingView(pages: pages, gate: gate, context: context)
        let slug = gate.council.slug, id = gate.record.id
        let sessions = try await services.sittings.sessions(conventionID: id)
        let seeDrafts = gate.may(.seeDrafts)
        let proposals = try await services.sittings.proposals(conventionID: id).filter { seeDrafts || $0.status != "draft" }
        let counts = try await services.sittings.ballotCounts(conventionID: id)
        let format = view.format
        let failure = failed
        func failedForm(_ which: FailedForm.Which) -> FailedForm? { failure?.which == which ? failure : nil }
        let mayPlan = gate.may(.manageSessions)
        var documents: [Int64: [Attachment]] = [:]
        for session in sessions {
            documents[session.id] = try await services.attachments.all(councilID: gate.council.id, ownerKind: SessionDocumentRoutes.ownerKind,
                                                                        ownerID: session.id)
        }
        let groups = try await services.groups.groups(conventionID: id)
        let hearings = try await services.groups.hearings(conventionID: id)
        let items = sessions.map { session in
            let papers = (documents[session.id] ?? []).map { document in
                DocumentLink(document, url: SittingPaths.document.url(slug, id, document.id),
                             deleteURL: mayPlan ? SittingPaths.documentDelete.url(slug, id, document.id) : nil,
                             date: view.date(document.createdAt), format: format, text: view.text)
            }
            let own = proposals.filter { $0.sessionId == session.id }.map { proposal in
                SessionsPage.Proposal(
                    url: SittingPaths.proposal.url(slug, id, proposal.id), heading: view.proposalHeading(proposal), draftedBy: proposal.draftedBy,
                    status: view.statusText(proposal), statusCode: proposal.status,
                    result: proposal.status == "open"
                        ? pages.plural("convention_proposal_ballots_cast", count: counts[proposal.id] ?? 0, context, format: format) : nil)
            }
            let edit = failedForm(.session(session.id))
            return SessionsPage.Session(
                anchor: "session-\(session.number)", heading: view.sessionHeading(session),
                when: view.text("convention_session_when", ["start": view.date(session.startsAt), "end": view.date(session.endsAt)]),
                place: session.place, programme: session.programme, proposals: own, hasProposals: !own.isEmpty,
                documents: papers, hasDocuments: !papers.isEmpty,
                documentForm: mayPlan
                    ? SessionsPage.DocumentForm(action: SittingPaths.documents.url(slug, id, session.id), prefix: "session-\(session.number)-document-",
                                                accept: DocumentLink.accept, limit: view.text("document_limit", ["size": format.byteCount(Int64(services.uploadLimit))]))
                    : nil,
                hearings: hearings.filter { $0.sessionId == session.id }.map { hearing in
                    SessionsPage.Hearing(text: view.text("convention_hearing_line", ["person": hearing.person, "capacity": hearing.capacity,
                                                                                     "topic": hearing.topic]),
                                         deleteURL: mayPlan && gate.status == .sitting ? SittingPaths.hearingDelete.url(slug, id, hearing.id) : nil)
                },
                hasHearings: hearings.contains { $0.sessionId == session.id },
                hearingForm: mayPlan && gate.status == .sitting
                    ? SessionsPage.HearingForm(action: SittingPaths.hearings.url(slug, id, session.id), prefix: "session-\(session.number)-hearing-")
                    : nil,
                edit: mayPlan && gate.status == .sitting
                    ? view.sessionForm(action: SittingPaths.session.url(slug, id, session.id), prefix: "session-\(session.number)-",
                                       values: edit?.values ?? view.values(of: session), error: edit?.error, submit: "convention_session_save")
                    : nil)
        }
        let newSession = failedForm(.newSession)
        let newProposal = failedForm(.newProposal)
        let model = SessionsPage(
            title: view.title, backURL: ConventionPaths.item.url(slug, id), sessions: items, hasSessions: !items.isEmpty,
            groups: groups.map { group in
                SessionsPage.Group(name: group.name, remit: group.remit,
                                   proposals: pages.plural("convention_group_proposals", count: proposals.filter { $0.draftedBy == group.name }.count,
                                                           context, format: format),
                                   deleteURL: mayPlan ? SittingPaths.groupDelete.url(slug, id, group.id) : nil)
            },
            hasGroups: !groups.isEmpty, groupAction: mayPlan ? SittingPaths.groups.url(slug, id) : nil,
            newSession: mayPlan
                ? view.sessionForm(action: SittingPaths.sessions.url(slug, id), prefix: "new-session-", values: newSession?.values ?? [:],
                                   error: newSession?.error, submit: "convention_session_create")
                : nil,
            newProposal: gate.may(.runVotes) && !sessions.isEmpty
                ? view.proposalForm(action: SittingPaths.proposals.url(slug, id), prefix: "new-proposal-",
                                    values: newProposal?.values ?? ["session": "\(sessions[sessions.count - 1].id)"], sessions: sessions,
                                    error: newProposal?.error, submit: "convention_proposal_create", groups: groups)
                : nil,
            reportURL: [.reported, .closed].contains(gate.status) || gate.may(.publishReport) ? SittingPaths.report.url(slug, id) : nil,
            statementsURL: SittingPaths.statements.url(slug, id))
        return try await pages.page("convention-sessions", title: view.text("convention_sessions_title"), request: request, context: context,
                                    council: gate.council, typed: model, status: status)
    }

    /// What a session's form held, to show it again.
    static func sessionValues(_ form: Form) -> [String: String] {
        var values: [String: String] = [:]
        for name in ["title", "starts_at", "ends_at", "place", "programme"] { values[name] = form[name] ?? "" }
        return values
    }

    static func proposalValues(_ form: Form) -> [String: String] {
        var values: [String: String] = [:]
        for name in ["title", "body", "drafted_by", "session", "method", "threshold", "adoption_grade"] { values[name] = form[name] ?? "" }
        return values
    }

    func refused(_ gate: ConventionGate, _ request: Request, _ context: AppContext, _ which: FailedForm.Which, values: [String: String],
                 key: String) async throws -> Response {
        try await render(gate, request: request, context: context,
                         failed: FailedForm(which: which, values: values, error: pages.text(key, context)),
                         status: .unprocessableContent).response(from: request, context: context)
    }

    @Sendable func createSession(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await Self.gate(services, context)
        try pages.require(gate.decide(.manageSessions), context)
        do {
            let draft = try SittingInput.session(context.form, zone: gate.council.zone)
            let sessionID = try await services.sittings.createSession(conventionID: gate.record.id, councilID: gate.council.id, draft,
                                                                      at: services.clock.now().timeIntervalSince1970)
            let number = try await services.sittings.session(id: sessionID, conventionID: gate.record.id)?.number ?? 1
            return .redirect(to: SiteURL.with(SittingPaths.sessions.url(gate.council.slug, gate.record.id), notice: "saved") + "#session-\(number)",
                             type: .normal)
        } catch let failure as ValidationFailure {
            return try await refused(gate, request, context, .newSession, values: Self.sessionValues(context.form), key: failure.key)
        } catch StoreError.stateChanged {
            throw PageError(.conflict, "convention_conflict_status")
        }
    }

    @Sendable func updateSession(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await Self.gate(services, context)
        try pages.require(gate.decide(.manageSessions), context)
        guard let sessionID = context.parameters.get("session", as: Int64.self),
              let session = try await services.sittings.session(id: sessionID, conventionID: gate.record.id)
        else { throw PageError.notFound }
        do {
            let draft = try SittingInput.session(context.form, zone: gate.council.zone)
            try await services.sittings.updateSession(id: sessionID, conventionID: gate.record.id, councilID: gate.council.id, draft)
            return .redirect(to: SiteURL.with(SittingPaths.sessions.url(gate.council.slug, gate.record.id), notice: "saved")
                             + "#session-\(session.number)", type: .normal)
        } catch let failure as ValidationFailure {
            return try await refused(gate, request, context, .session(sessionID), values: Self.sessionValues(context.form), key: failure.key)
        } catch StoreError.stateChanged {
            throw PageError(.conflict, "convention_conflict_not_sitting")
        }
    }

    @Sendable func createProposal(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await Self.gate(services, context)
        try pages.require(gate.decide(.runVotes), context)
        do {
            let (sessionID, draft) = try SittingInput.proposal(context.form)
            let proposalID = try await services.sittings.createProposal(conventionID: gate.record.id, councilID: gate.council.id, sessionID: sessionID,
                                                                        draft, at: services.clock.now().timeIntervalSince1970)
            return .redirect(to: SiteURL.with(SittingPaths.proposal.url(gate.council.slug, gate.record.id, proposalID), notice: "saved"), type: .normal)
        } catch let failure as ValidationFailure {
            return try await refused(gate, request, context, .newProposal, values: Self.proposalValues(context.form), key: failure.key)
        } catch StoreError.notFound {
            // The session is not this convention's.
            return try await refused(gate, request, context, .newProposal, values: Self.proposalValues(context.form),
                                     key: "convention_proposal_error_session")
        } catch StoreError.stateChanged {
            throw PageError(.conflict, "convention_conflict_not_sitting")
        }
    }
}
