import Conventions
import CouncilWork
import Foundation
import HemicycleDomain
import Hummingbird
import PublicSite
import Storage

/// The pages of citizens' conventions: the list, a new convention, a convention's page, its criteria as CSV.
struct ConventionRoutes {
    let services: ConventionServices
    let pages: Pages

    func register(in council: PathRegistrar) {
        council.get(ConventionPaths.list, use: list)
        council.get(ConventionPaths.new, use: newConvention)
        council.post(ConventionPaths.list, use: create)
        council.get(ConventionPaths.item, use: page)
        council.get(ConventionPaths.criteriaCSV, use: criteriaCSV)
    }

    /// Defining a convention is the secretariat's, as preparing one is.
    static func mayDefine(_ actor: CouncilActor) -> Decision {
        ConventionRules.decide(.editDefinition, by: ConventionActor(actor), status: .preparing)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> HTML {
        let scope = try context.inCouncil()
        let council = scope.council
        let format = Formatting(language: context.language, council: council)
        let visible = ConventionStatus.visible(to: ConventionActor(scope.actor))
        let conventions = try await services.conventions.all(councilID: council.id, statuses: visible.map(\.rawValue))
        let rows = conventions.map { record in
            ConventionListPage.Row(
                url: ConventionPaths.item.url(council.slug, record.id),
                title: pages.localized(record.title, context.language, councilDefault: council.language),
                status: pages.text("convention_status_\(record.status)", context), statusCode: record.status,
                panel: pages.plural("convention_panel_size", count: record.panelSize, context, format: format))
        }
        let model = ConventionListPage(rows: rows, hasRows: !rows.isEmpty,
                                       newURL: Self.mayDefine(scope.actor).isAllowed ? ConventionPaths.new.url(council.slug) : nil)
        return try await pages.page("conventions", title: pages.text("conventions_title", context), request: request, context: context,
                                    council: council, typed: model)
    }

    @Sendable func newConvention(_ request: Request, context: AppContext) async throws -> HTML {
        let scope = try context.inCouncil()
        try pages.require(Self.mayDefine(scope.actor), context)
        return try await renderNew(request, context, council: scope.council, values: ["panel_size": "150", "tolerance": "0"], error: nil)
    }

    func renderNew(_ request: Request, _ context: AppContext, council: Council, values: [String: String], error: String?,
                   status: HTTPResponse.Status = .ok) async throws -> HTML {
        let works = try await services.works.all(councilID: council.id, statuses: WorkStatus.allCases.map(\.rawValue), kind: nil)
        let form = ConventionDefinitionForm(
            action: ConventionPaths.list.url(council.slug), values: values,
            works: works.map {
                SelectOption(value: "\($0.id)", label: pages.localized($0.title, context.language, councilDefault: council.language).text,
                             selected: values["work"] == "\($0.id)")
            },
            onePerHousehold: values["one_per_household"] == "on", error: error)
        return try await pages.page("convention-new", title: pages.text("convention_new_title", context), request: request,
                                    context: context, council: council, typed: form, status: status)
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let scope = try context.inCouncil()
        let council = scope.council
        try pages.require(Self.mayDefine(scope.actor), context)
        let values = ConventionDefinitionInput.values(context.form)
        do {
            let definition = try ConventionDefinitionInput.parse(context.form)
            let id = try await services.conventions.create(councilID: council.id, definition, at: services.clock.now().timeIntervalSince1970)
            return .redirect(to: SiteURL.with(ConventionPaths.item.url(council.slug, id), notice: "saved"), type: .normal)
        } catch let failure as ValidationFailure {
            return try await renderNew(request, context, council: council, values: values, error: pages.text(failure.key, context),
                                       status: .unprocessableContent).response(from: request, context: context)
        } catch StoreError.notFound {
            // The linked work item is not the council's (or is gone).
            return try await renderNew(request, context, council: council, values: values, error: pages.text("convention_error_work", context),
                                       status: .unprocessableContent).response(from: request, context: context)
        }
    }

    @Sendable func page(_ request: Request, context: AppContext) async throws -> HTML {
        let gate = try await ConventionGate.load(services: services, context: context)
        return try await render(gate, request: request, context: context)
    }

    /// The convention's page; `errors` show a failed form's message and what was typed.
    func render(_ gate: ConventionGate, request: Request, context: AppContext, errors: ConventionView.Errors = .init(),
                status: HTTPResponse.Status = .ok) async throws -> HTML {
        let view = ConventionView(pages: pages, gate: gate, context: context)
        let staff = gate.actor.council.isSecretariat
        let works = gate.record.workId != nil || staff
            ? try await services.works.all(councilID: gate.council.id, statuses: WorkStatus.allCases.filter { WorkRules.maySee($0, by: gate.actor.council) }.map(\.rawValue), kind: nil)
            : []
        let poolCount = staff ? try await services.conventions.volunteerCount(conventionID: gate.record.id) : 0
        let counts = gate.may(.seeVolunteers) ? try await services.conventions.valueCounts(conventionID: gate.record.id) : [:]
        var households: Int?
        if gate.record.onePerHousehold, gate.may(.seeVolunteers), poolCount > 0 {
            households = ConventionView.households(try await services.conventions.volunteers(conventionID: gate.record.id, limit: poolCount, offset: 0))
        }
        var model = view.model(works: works, poolCount: poolCount, valueCounts: counts, households: households, errors: errors)
        if gate.may(.register) {
            let registered = if let account = context.account {
                try await services.conventions.isRegistered(conventionID: gate.record.id, accountID: account.id)
            } else { false }
            model.registered = registered
            model.registerURL = registered ? nil : ConventionPaths.register.url(gate.council.slug, gate.record.id)
            model.withdrawURL = registered ? ConventionPaths.withdraw.url(gate.council.slug, gate.record.id) : nil
        }
        if !(try await services.draws.draws(conventionID: gate.record.id)).isEmpty {
            model.drawURL = ConventionPaths.draw.url(gate.council.slug, gate.record.id)
        }
        if SittingRoutes.sittingStatuses.contains(gate.status) {
            model.sessionsURL = SittingPaths.sessions.url(gate.council.slug, gate.record.id)
        }
        if [.reported, .closed].contains(gate.status) {
            model.reportURL = SittingPaths.report.url(gate.council.slug, gate.record.id)
        }
        if gate.may(.publishCommitment(poolCanMeetQuotas: true)) {
            let report = PoolReport(plan: gate.plan, counts: gate.stored.map { $0.values.map { counts[$0.id] ?? 0 } }, poolSize: poolCount,
                                    households: households)
            if gate.may(.publishCommitment(poolCanMeetQuotas: report.problems.isEmpty)) {
                model.requestDrawAction = ConventionPaths.drawRequest.url(gate.council.slug, gate.record.id)
            } else {
                model.requestDrawBlocked = pages.text("convention_draw_request_blocked", context)
            }
        }
        model.news = try await services.inTheNews.links(.convention, gate.record.id, council: gate.council, context: context)
        model.hasNews = !model.news.isEmpty
        return try await pages.page("convention", title: view.localized(gate.record.title).text, request: request, context: context,
                                    council: gate.council, typed: model, status: status)
    }

    /// The criteria and shares as the secretariat writes them, to edit and paste back.
    @Sendable func criteriaCSV(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await ConventionGate.load(services: services, context: context)
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"criteria-\(gate.record.id).csv\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: CriteriaFile.write(gate.plan.criteria))))
    }
}

/// The definition form's fields, read and checked.
enum ConventionDefinitionInput {
    static let maximumMandateLength = 4_000
    static let panelSizes = 1...5_000

    static func values(_ form: Form) -> [String: String] {
        var values = form.localized("title").formValues("title").merging(form.localized("mandate").formValues("mandate")) { $1 }
        for name in ["panel_size", "tolerance", "work", "one_per_household"] { values[name] = form[name] ?? "" }
        return values
    }

    static func parse(_ form: Form) throws -> ConventionDefinition {
        let title = try Validate.localizedName(form.localized("title"), field: "title")
        let mandate = form.localized("mandate")
        guard !mandate.isEmpty else { throw ValidationFailure(field: "mandate", key: "convention_error_mandate") }
        guard mandate.values.values.allSatisfy({ $0.count <= maximumMandateLength }) else {
            throw ValidationFailure(field: "mandate", key: "convention_error_mandate_length")
        }
        guard let panelSize = form.text("panel_size").flatMap({ Int($0) }), panelSizes.contains(panelSize) else {
            throw ValidationFailure(field: "panel_size", key: "convention_error_panel_size")
        }
        let toleranceText = (form.text("tolerance") ?? "0").replacingOccurrences(of: ",", with: ".")
        guard let typed = Double(toleranceText), typed.isFinite, (0...100).contains(typed) else {
            throw ValidationFailure(field: "tolerance", key: "convention_error_tolerance")
        }
        // Kept to a tenth of a percent, as the form shows it: saving the form unchanged changes nothing.
        let percent = (typed * 10).rounded() / 10
        let workID: Int64?
        if let work = form.text("work") {
            guard let id = Int64(work) else { throw ValidationFailure(field: "work", key: "convention_error_work") }
            workID = id
        } else {
            workID = nil
        }
        return ConventionDefinition(title: title, mandate: mandate, workID: workID, panelSize: panelSize, tolerance: percent / 100,
                                    onePerHousehold: form.text("one_per_household") == "on")
    }
}
