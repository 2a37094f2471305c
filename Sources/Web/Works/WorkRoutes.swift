import Consultations
import CouncilWork
import Foundation
import HemicycleDomain
import Hummingbird
import PublicSite
import Storage

/// The pages of council work: the list, a work item's page, a new referral, the comparison of two versions.
struct WorkRoutes {
    let services: WorkServices
    let pages: Pages

    func register(in council: PathRegistrar) {
        council.get(WorkPaths.list, use: list)
        council.get(WorkPaths.new, use: newWork)
        council.post(WorkPaths.list, use: create)
        council.get(WorkPaths.item, use: page)
        council.get(WorkPaths.compare, use: compare)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> HTML {
        let scope = try context.inCouncil()
        let council = scope.council, actor = scope.actor
        let language = context.language
        // Every work's progress is public (`WorkProgressPage`); what it says waits for publication.
        let visible = WorkStatus.allCases
        let statusFilter = request.uri.queryParameters.get("status").flatMap(WorkStatus.init(rawValue:))
        let kindFilter = request.uri.queryParameters.get("kind").flatMap(WorkKind.init(rawValue:))
        let statuses = statusFilter.map { visible.contains($0) ? [$0] : [] } ?? visible
        let works = try await services.works.all(councilID: council.id, statuses: statuses.map(\.rawValue), kind: kindFilter?.rawValue)
        let format = Formatting(language: language, council: council)
        let rows = works.map { work in
            WorkListPage.Row(
                url: WorkPaths.item.url(council.slug, work.id), title: pages.localized(work.title, language, councilDefault: council.language),
                kind: pages.text("work_kind_\(work.kind)", context), status: pages.text("work_status_\(work.status)", context),
                statusCode: work.status, created: format.dateTime(Date(timeIntervalSince1970: work.createdAt)),
                deadline: work.deadline.map { format.dateTime(Date(timeIntervalSince1970: $0)) })
        }
        let model = WorkListPage(
            rows: rows, hasRows: !rows.isEmpty,
            statuses: visible.map { SelectOption(value: $0.rawValue, label: pages.text("work_status_\($0.rawValue)", context), selected: $0 == statusFilter) },
            kinds: WorkKind.allCases.map { SelectOption(value: $0.rawValue, label: pages.text("work_kind_\($0.rawValue)", context), selected: $0 == kindFilter) },
            action: WorkPaths.list.url(council.slug),
            newURL: WorkRules.mayRefer(actor).isAllowed ? WorkPaths.new.url(council.slug) : nil,
            follow: followForm(work: nil, council: council, context: context))
        return try await pages.page("works", title: pages.text("works_title", context), request: request, context: context,
                                    council: council, typed: model)
    }

    @Sendable func newWork(_ request: Request, context: AppContext) async throws -> HTML {
        let scope = try context.inCouncil()
        let council = scope.council
        try pages.require(WorkRules.mayRefer(scope.actor), context)
        return try await renderNew(request, context, council: council, values: ["kind": "avis", "source": "government", "procedure": "ordinary"], error: nil)
    }

    func renderNew(_ request: Request, _ context: AppContext, council: Council, values: [String: String], error: String?,
                   status: HTTPResponse.Status = .ok) async throws -> HTML {
        func options<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ prefix: String, _ selected: String?) -> [SelectOption] where T.RawValue == String {
            T.allCases.map { SelectOption(value: $0.rawValue, label: pages.text("\(prefix)_\($0.rawValue)", context), selected: $0.rawValue == selected) }
        }
        let model = WorkNewPage(
            values: values, action: WorkPaths.list.url(council.slug), kinds: options(WorkKind.self, "work_kind", values["kind"]),
            sources: options(ReferralSource.self, "referral", values["source"]),
            procedures: options(Procedure.self, "procedure", values["procedure"]), error: error)
        return try await pages.page("work-new", title: pages.text("work_new_title", context), request: request, context: context,
                                   council: council, typed: model, status: status)
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let scope = try context.inCouncil()
        let council = scope.council
        try pages.require(WorkRules.mayRefer(scope.actor), context)
        let form = context.form
        let values = ["kind": form["kind"] ?? "", "source": form["source"] ?? "", "procedure": form["procedure"] ?? "",
                      "reference": form["reference"] ?? "", "petition": form["petition"] ?? ""]
            .merging(form.localized("title").formValues("title")) { $1 }.merging(form.localized("summary").formValues("summary")) { $1 }
        do {
            let title = try Validate.localizedName(form.localized("title"))
            guard let kind = form.text("kind").flatMap(WorkKind.init(rawValue:)),
                  let source = form.text("source").flatMap(ReferralSource.init(rawValue:)),
                  let procedure = form.text("procedure").flatMap(Procedure.init(rawValue:)) else { throw ValidationFailure(field: "", key: "error_malformed_form") }
            let petition = try form.text("petition").map { try Validate.link($0, field: "petition") }
            if source == .petition, petition == nil { throw ValidationFailure(field: "petition", key: "work_error_petition_link") }
            let id = try await services.works.create(councilID: council.id, NewWork(
                kind: kind.rawValue, title: title, summary: form.localized("summary"), referralSource: source.rawValue,
                referralReference: form.text("reference"), petitionURL: petition, procedure: procedure.rawValue),
                accountID: context.account?.id, at: services.clock.now().timeIntervalSince1970)
            return .redirect(to: SiteURL.with(WorkPaths.item.url(council.slug, id), notice: "saved"), type: .normal)
        } catch let failure as ValidationFailure {
            return try await renderNew(request, context, council: council, values: values, error: pages.text(failure.key, context),
                                       status: .unprocessableContent).response(from: request, context: context)
        }
    }

    /// The whole work for those who may see it; its progress for anyone else (`WorkProgressPage`).
    @Sendable func page(_ request: Request, context: AppContext) async throws -> HTML {
        let dossier: WorkDossier
        do {
            dossier = try await WorkDossier.load(services: services, context: context)
        } catch let error as PageError where error.status == .notFound {
            let scope = try context.inCouncil()
            guard let id = context.parameters.get("id", as: Int64.self),
                  let progress = try await progressPage(id: id, scope: scope, context: context) else { throw error }
            return try await pages.page("work-progress", title: progress.title, request: request, context: context, council: scope.council,
                                        typed: progress.model)
        }
        return try await render(dossier, request: request, context: context)
    }

    /// The work item's page; with `tableError`, the amendment form shows the message and what was typed.
    func render(_ dossier: WorkDossier, request: Request, context: AppContext,
                tableError: (message: String, values: [String: String])? = nil, status: HTTPResponse.Status = .ok) async throws -> HTML {
        let view = WorkView(pages: pages, dossier: dossier, context: context)
        // The commissions are listed only in the form that assigns the work item to one.
        let assignable = Workflow.next(from: dossier.status, procedure: dossier.procedure).contains { $0 == .assigned && dossier.may(.move(to: $0)) }
        var model = WorkPageModel(view: view, commissions: assignable ? try await services.commissions.all(councilID: dossier.council.id) : [])
        model.tableError = tableError
        let title = pages.localized(dossier.work.title, context.language, councilDefault: dossier.council.language).text
        var page = model.build()
        let actor = ConsultationActor(try context.inCouncil().actor)
        page.consultations = try await services.consultations.about(
            workID: dossier.work.id, councilID: dossier.council.id,
            includeDrafts: ConsultationRules.decide(.see, by: actor, phase: .draft).isAllowed
        ).map { consultation in
            WorkPage.Link(label: pages.localized(consultation.title, context.language, councilDefault: dossier.council.language).text,
                          url: ConsultationPaths.item.url(dossier.council.slug, consultation.id))
        }
        page.hasConsultations = !page.consultations.isEmpty
        page.news = try await services.inTheNews.links(.work, dossier.work.id, council: dossier.council, context: context)
        page.hasNews = !page.news.isEmpty
        page.follow = followForm(work: dossier.work.id, status: dossier.status, council: dossier.council, context: context)
        page.partnerContributions = try await receivedContributions(dossier, context: context)
        page.hasPartnerContributions = !page.partnerContributions.isEmpty
        return try await pages.page("work", title: title, request: request, context: context, council: dossier.council,
                                   typed: page, status: status)
    }

    @Sendable func compare(_ request: Request, context: AppContext) async throws -> HTML {
        let dossier = try await WorkDossier.load(services: services, context: context)
        let council = dossier.council
        let numbers = dossier.versions.map(\.record.number)
        let to = request.uri.queryParameters.get("to", as: Int.self) ?? numbers.last ?? 0
        let from = request.uri.queryParameters.get("from", as: Int.self) ?? max(1, to - 1)
        guard let old = dossier.versions.first(where: { $0.record.number == from }),
              let new = dossier.versions.first(where: { $0.record.number == to }) else { throw PageError.notFound }
        let format = Formatting(language: context.language, council: council)
        let changes = TextDiff.compare(old.text, new.text).map { change in
            WorkComparePage.Change(
                status: pages.text("diff_\(change.status.rawValue)", context), statusCode: change.status.rawValue,
                heading: change.kind == .part || change.kind == .chapter,
                segments: change.segments.map { segment in
                    switch segment {
                    case .same(let text): WorkComparePage.Segment(text: text, same: true, inserted: false, deleted: false)
                    case .inserted(let text): WorkComparePage.Segment(text: text, same: false, inserted: true, deleted: false)
                    case .deleted(let text): WorkComparePage.Segment(text: text, same: false, inserted: false, deleted: true)
                    }
                })
        }
        let view = WorkView(pages: pages, dossier: dossier, context: context)
        let model = WorkComparePage(
            work: view.summary(), changes: changes, contentLang: council.language.rawValue, contentDir: council.language.direction,
            fromLabel: pages.text("version_number", context, ["number": format.number(from)]),
            toLabel: pages.text("version_number", context, ["number": format.number(to)]),
            versions: numbers.map {
                WorkComparePage.VersionOption(value: $0, label: pages.text("version_number", context, ["number": format.number($0)]),
                                              from: $0 == from, to: $0 == to)
            },
            action: WorkPaths.compare.url(council.slug, dossier.work.id))
        return try await pages.page("work-compare", title: pages.text("compare_title", context), request: request, context: context,
                                    council: council, typed: model)
    }
}
