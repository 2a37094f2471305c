import Consultations
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// The moderators' queue: participants' statements waiting (before publication) or shown (after), accepted or
/// rejected with a reason that is kept with the statement.
struct ModerationRoutes {
    let services: ConsultationServices
    let pages: Pages

    static let maximumReasonLength = 500

    func register(in council: PathRegistrar) {
        council.get(ConsultationPaths.moderation, use: queue)
        council.post(ConsultationPaths.moderate, use: moderate)
    }

    @Sendable func queue(_ request: Request, context: AppContext) async throws -> HTML {
        let gate = try await ConsultationGate.load(services: services, context: context, request: request)
        try pages.require(gate.decide(.moderate), context)
        let slug = gate.council.slug, id = gate.record.id
        let written = try await services.statements.statements(consultationID: id).filter { $0.participantId != nil }
        let decisions = try await services.moderationDecisions.history(councilID: gate.council.id, subject: .statement, ids: written.map(\.id))
        let history = ModerationHistory(pages: pages, format: Formatting(language: context.language, council: gate.council))
        let items = written.map { statement in
            let moderation = StatementModeration(rawValue: statement.moderation) ?? .pending
            let sentences = history.sentences(decisions[statement.id], context)
            return (moderation, ModerationPage.Item(
                anchor: "statement-\(statement.number)", text: statement.text,
                status: pages.text("consultation_moderation_status_\(moderation)", context), reason: statement.moderationReason,
                action: ConsultationPaths.moderate.url(slug, id, statement.id), accepted: moderation == .accepted, rejected: moderation == .rejected,
                history: sentences, hasHistory: !sentences.isEmpty))
        }
        let waiting = items.filter { $0.0 == .pending }.map(\.1), decided = items.filter { $0.0 != .pending }.map(\.1)
        let proposals = gate.modules.contains(.proposals) ? try await services.proposals.waiting(consultationID: id).map {
            ModerationPage.Link(url: ConsultationPaths.proposal.url(slug, id, $0.id), label: $0.title)
        } : []
        let model = ModerationPage(
            consultation: pages.localized(gate.record.title, context.language, councilDefault: gate.council.language),
            backURL: ConsultationPaths.item.url(slug, id), mode: pages.text("consultation_moderation_\(gate.moderation.rawValue)", context),
            waiting: waiting, hasWaiting: !waiting.isEmpty, decided: decided, hasDecided: !decided.isEmpty,
            proposals: proposals, hasProposals: !proposals.isEmpty)
        return try await pages.page("consultation-moderation", title: pages.text("consultation_moderation_title", context), request: request,
                                    context: context, council: gate.council, typed: model)
    }

    @Sendable func moderate(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await ConsultationGate.load(services: services, context: context, request: request)
        try pages.require(gate.decide(.moderate), context)
        let account = try pages.requireAccount(context)
        guard let statementID = context.parameters.get("statement", as: Int64.self) else { throw PageError.notFound }
        guard let decision = context.form.text("decision"), let moderation = ["accept": 1, "reject": -1][decision] else {
            throw PageError(.unprocessableContent, "consultation_error_moderation_decision")
        }
        let reason = context.form.text("reason")
        guard (reason?.count ?? 0) <= Self.maximumReasonLength else { throw PageError(.unprocessableContent, "consultation_error_reason_length") }
        guard moderation == 1 || reason != nil else { throw PageError(.unprocessableContent, "consultation_error_reason_needed") }
        try await gate.write(conflict: "consultation_conflict_synthesis") {
            try await services.statements.moderate(statementID: statementID, consultationID: gate.record.id, councilID: gate.council.id,
                                                   moderation: moderation, reason: reason, by: account.id, at: gate.now)
        }
        return .redirect(to: SiteURL.with(ConsultationPaths.moderation.url(gate.council.slug, gate.record.id), notice: "saved"), type: .normal)
    }
}
