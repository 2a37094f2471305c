import Conventions
import CouncilWork
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// The convention's final report: its mandate, the secretariat's introduction, the adopted proposals with their vote
/// results and the minority positions beside them, then the proposals not adopted. The secretariat previews it while
/// the convention sits and publishes it (sitting → reported); it is then public and delivered to the linked work item,
/// whose page links to it.
struct ReportRoutes {
    let services: ConventionServices
    let pages: Pages

    static let maximumIntroductionLength = 20_000

    func register(in council: PathRegistrar) {
        council.get(SittingPaths.report, use: page)
        council.post(SittingPaths.report, use: publish)
        council.post(SittingPaths.erase, use: erase)
    }

    @Sendable func page(_ request: Request, context: AppContext) async throws -> HTML {
        let gate = try await SittingRoutes.gate(services, context)
        // Before its publication, the report is the secretariat's draft.
        guard [.reported, .closed].contains(gate.status) || gate.may(.publishReport) else { throw PageError.notFound }
        return try await render(gate, request: request, context: context)
    }

    func render(_ gate: ConventionGate, request: Request, context: AppContext, introduction: String = "", error: String? = nil,
                status: HTTPResponse.Status = .ok) async throws -> HTML {
        let view = SittingView(pages: pages, gate: gate, context: context)
        let slug = gate.council.slug, id = gate.record.id
        let report = try await services.sittings.report(conventionID: id)
        let sessions = try await services.sittings.sessions(conventionID: id)
        let proposals = try await services.sittings.proposals(conventionID: id).filter { $0.status == "closed" }
        var items: [(adopted: Bool, item: ReportPage.Proposal)] = []
        for proposal in proposals {
            guard let result = view.result(proposal, ballots: try await services.sittings.ballots(proposalID: proposal.id)) else { continue }
            items.append((proposal.adopted == true, ReportPage.Proposal(
                heading: view.proposalHeading(proposal), url: SittingPaths.proposal.url(slug, id, proposal.id), body: proposal.body,
                facts: view.facts(proposal, session: sessions.first { $0.id == proposal.sessionId }), result: result,
                minority: view.minority(proposal))))
        }
        // The work item it is delivered to, linked for those who may see it.
        var work: WorkRecord?
        if let workID = gate.record.workId, let linked = try await services.works.find(id: workID, councilID: gate.council.id),
           let workStatus = WorkStatus(rawValue: linked.status), WorkRules.maySee(workStatus, by: gate.actor.council) {
            work = linked
        }
        let open = try await services.sittings.proposals(conventionID: id).contains { $0.status == "open" }
        let mayPublish = report == nil && gate.may(.publishReport)
        let adopted = items.filter(\.adopted).map(\.item), notAdopted = items.filter { !$0.adopted }.map(\.item)
        let model = ReportPage(
            title: view.title, mandate: pages.localized(gate.record.mandate, context.language, councilDefault: gate.council.language),
            backURL: ConventionPaths.item.url(slug, id), isPublished: report != nil, publishedAt: report.map { view.date($0.publishedAt) },
            introduction: report?.introduction, adopted: adopted, hasAdopted: !adopted.isEmpty,
            notAdopted: notAdopted, hasNotAdopted: !notAdopted.isEmpty,
            workURL: work.map { WorkPaths.item.url(slug, $0.id) },
            workTitle: work.map { pages.localized($0.title, context.language, councilDefault: gate.council.language) },
            publishAction: mayPublish && !open ? SittingPaths.report.url(slug, id) : nil,
            publishBlocked: mayPublish && open ? view.text("convention_report_blocked_open_vote") : nil,
            introductionDraft: introduction, error: error,
            eraseAction: gate.may(.erasePersonalData) ? SittingPaths.erase.url(slug, id) : nil, isClosed: gate.status == .closed)
        return try await pages.page("convention-report", title: view.text("convention_report_title"), request: request, context: context,
                                    council: gate.council, typed: model, status: status)
    }

    @Sendable func publish(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await SittingRoutes.gate(services, context)
        try pages.require(gate.decide(.publishReport), context)
        guard let introduction = context.form.text("introduction"), introduction.count <= Self.maximumIntroductionLength else {
            return try await render(gate, request: request, context: context, introduction: context.form["introduction"] ?? "",
                                    error: pages.text("convention_report_error_introduction", context), status: .unprocessableContent)
                .response(from: request, context: context)
        }
        if try await services.sittings.proposals(conventionID: gate.record.id).contains(where: { $0.status == "open" }) {
            throw PageError(.conflict, "convention_report_blocked_open_vote")
        }
        // Delivered in the council's language: the work item's page is the council's.
        let language = gate.council.language
        let title = pages.localized(gate.record.title, language, councilDefault: language).text
        let url = services.baseURL + SittingPaths.report.url(gate.council.slug, gate.record.id)
        let delivery = gate.record.workId.map { workID in
            ConventionSittingRepository.Delivery(
                workID: workID, author: title, title: pages.localizer.text("convention_report_title", language),
                body: introduction + "\n\n" + pages.localizer.text("convention_report_contribution_link", language, ["url": url]))
        }
        try await gate.write {
            try await services.sittings.publishReport(conventionID: gate.record.id, councilID: gate.council.id, introduction: introduction,
                                                      delivery: delivery, at: services.clock.now().timeIntervalSince1970)
        }
        return .redirect(to: SiteURL.with(SittingPaths.report.url(gate.council.slug, gate.record.id), notice: "convention_report_published"),
                         type: .normal)
    }

    /// Erases the volunteers' personal data and closes the convention; the report, the draw's published files and the
    /// votes' results stay public.
    @Sendable func erase(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await SittingRoutes.gate(services, context)
        try pages.require(gate.decide(.erasePersonalData), context)
        _ = try await gate.write { try await services.conventions.erasePersonalData(id: gate.record.id, councilID: gate.council.id) }
        return .redirect(to: SiteURL.with(SittingPaths.report.url(gate.council.slug, gate.record.id), notice: "convention_erased"),
                         type: .normal)
    }
}
