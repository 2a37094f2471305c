import Consultations
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// The synthesis of a closed consultation: the secretariat writes its text in the council's languages; its figures
/// (participants, votes, statements, opinion groups, proposals and answers) are computed from the consultation,
/// never typed. Publishing it ends the consultation and annexes it to the work it informs, as a contribution.
struct SynthesisRoutes {
    let services: ConsultationServices
    let pages: Pages

    static let maximumLength = 20_000

    func register(in council: PathRegistrar) {
        council.get(ConsultationPaths.synthesis, use: form)
        council.post(ConsultationPaths.synthesis, use: publish)
    }

    /// The consultation's figures, in sentences of the reader's language.
    static func figures(_ gate: ConsultationGate, services: ConsultationServices, pages: Pages, context: AppContext,
                        language: Language? = nil) async throws -> [String] {
        let id = gate.record.id
        let format = Formatting(language: language ?? context.language, council: gate.council)
        func plural(_ key: String, _ count: Int, _ arguments: [String: String] = [:]) -> String {
            pages.localizer.plural(key, count: count, number: format.number(count), language ?? context.language, arguments)
        }
        let counts = try await services.statements.counts(consultationID: id)
        let shown = try await gate.statements(services)
            .filter { (StatementModeration(rawValue: $0.moderation) ?? .rejected).isShown(under: gate.moderation) }.count
        var figures = [plural("consultation_counts", counts.participants, ["votes": format.number(counts.votes)]),
                       plural("consultation_synthesis_statements", shown)]
        if let snapshot = try await services.snapshots.snapshot(consultationID: id, maps: services.maps)?.snapshot, snapshot.picture != nil {
            figures.append(plural("consultation_synthesis_groups", snapshot.groups.count))
        }
        if gate.modules.contains(.proposals) {
            let proposals = try await services.proposals.counts(consultationID: id)
            figures.append(plural("consultation_synthesis_proposals", proposals.shown, ["answered": format.number(proposals.answered),
                                                                                          "supports": format.number(proposals.supports)]))
        }
        if gate.modules.contains(.questionnaire) {
            figures.append(plural("consultation_synthesis_questionnaire", try await services.questionnaires.respondents(consultationID: id)))
        }
        return figures
    }

    @Sendable func form(_ request: Request, context: AppContext) async throws -> HTML {
        let gate = try await ConsultationGate.load(services: services, context: context, request: request)
        try pages.require(gate.decide(.publishSynthesis), context)
        return try await render(gate, request: request, context: context, error: nil)
    }

    func render(_ gate: ConsultationGate, request: Request, context: AppContext, error: String?, status: HTTPResponse.Status = .ok) async throws -> HTML {
        let model = SynthesisFormPage(
            consultation: pages.localized(gate.record.title, context.language, councilDefault: gate.council.language),
            backURL: ConsultationPaths.item.url(gate.council.slug, gate.record.id), action: ConsultationPaths.synthesis.url(gate.council.slug, gate.record.id),
            figures: try await Self.figures(gate, services: services, pages: pages, context: context), error: error)
        return try await pages.page("consultation-synthesis", title: pages.text("consultation_synthesis_title", context), request: request,
                                    context: context, council: gate.council, typed: model, status: status)
    }

    @Sendable func publish(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await ConsultationGate.load(services: services, context: context, request: request)
        try pages.require(gate.decide(.publishSynthesis), context)
        let account = try pages.requireAccount(context)
        let text = context.form.localized("text")
        guard !text.isEmpty else {
            return try await render(gate, request: request, context: context, error: pages.text("consultation_error_synthesis_empty", context),
                                    status: .unprocessableContent).response(from: request, context: context)
        }
        guard text.values.values.allSatisfy({ $0.count <= Self.maximumLength }) else {
            return try await render(gate, request: request, context: context, error: pages.text("consultation_error_synthesis_length", context),
                                    status: .unprocessableContent).response(from: request, context: context)
        }
        // Annexed to the work in the council's language, with the figures as they stand and the link to the consultation.
        let language = gate.council.language
        var delivery: ConventionSittingRepository.Delivery?
        if let workID = gate.record.workId {
            let figures = try await Self.figures(gate, services: services, pages: pages, context: context, language: language)
            let title = gate.record.title.resolved(for: language, councilDefault: language)?.text ?? ""
            let body = ([text.resolved(for: language, councilDefault: language)?.text ?? ""] + figures
                        + [pages.localizer.text("consultation_synthesis_link", language, [
                            "url": services.baseURL + ConsultationPaths.item.url(gate.council.slug, gate.record.id)])]).joined(separator: "\n\n")
            delivery = .init(workID: workID, author: title,
                             title: pages.localizer.text("consultation_synthesis_contribution", language, ["title": title]), body: body)
        }
        try await gate.write(conflict: "consultation_conflict_not_closed") {
            try await services.consultations.publishSynthesis(id: gate.record.id, councilID: gate.council.id, text: text, by: account.id,
                                                              delivery: delivery, at: services.clock.now().timeIntervalSince1970)
        }
        return .redirect(to: SiteURL.with(ConsultationPaths.item.url(gate.council.slug, gate.record.id), notice: "saved"), type: .normal)
    }
}
