import CouncilWork
import Foundation
import HemicycleDomain
import Hummingbird
import Organisation
import Storage

/// The dashboard annexed to a work (`/{council}/works/{id}/dashboard`): read by whoever reads the work; the
/// secretariat annexes indicators to it and takes them away.
extension IndicatorRoutes {
    func work(_ context: AppContext) async throws -> (CouncilScope, WorkRecord) {
        let scope = try context.inCouncil()
        guard let id = context.parameters.get("id", as: Int64.self), let work = try await services.works.find(id: id, councilID: scope.council.id),
              // A dashboard is annexed to an annual report only.
              work.kind == WorkKind.annualReport.rawValue,
              WorkRules.maySee(WorkStatus(rawValue: work.status) ?? .referred, by: scope.actor) else { throw PageError.notFound }
        return (scope, work)
    }

    @Sendable func dashboard(_ request: Request, context: AppContext) async throws -> HTML {
        let (scope, work) = try await work(context)
        let council = scope.council, language = context.language
        let format = Formatting(language: language, council: council)
        let keeps = IndicatorRules.mayKeep(scope.actor).isAllowed
        let annexed = try await services.indicators.annexed(workID: work.id)
        let series = try await services.indicators.values(councilID: council.id)
        // An adopted report keeps the years known when it was adopted: those before its year. One in preparation shows
        // the latest.
        let adoptedAt = try await services.works.events(workID: work.id).last { $0.status == WorkStatus.adopted.rawValue }?.at
        let adoptedIn = adoptedAt.map { CivilDay(Date(timeIntervalSince1970: $0), in: council.zone).components.year }
        let value = { (milli: Int64, unit: String) in Self.value(milli, unit: unit, format: format, pages: pages, context: context) }
        let rows = annexed.map { indicator in
            let values = (series[indicator.id] ?? []).filter { adoptedIn == nil || $0.year < adoptedIn! }
            let last = values.last, previous = values.count > 1 ? values[values.count - 2] : nil
            return IndicatorDashboardPage.Row(
                url: IndicatorPaths.item.url(council.slug, indicator.id), name: pages.localized(indicator.name, language, councilDefault: council.language),
                unit: indicator.unit, year: last.map { String($0.year) }, value: last.map { value($0.valueMilli, indicator.unit) },
                previous: previous.map { pages.text("indicator_previous", context, ["year": String($0.year), "value": value($0.valueMilli, indicator.unit)]) },
                change: values.isEmpty ? nil : Self.change(values, at: values.count - 1, format: format, pages: pages, context: context),
                illustrative: last?.illustrative ?? false,
                indicatorID: indicator.id, removeAction: keeps ? IndicatorPaths.dashboard.url(council.slug, work.id) : nil,
                removeLabel: pages.text("indicator_unannex_named", context, ["name": pages.localized(indicator.name, language, councilDefault: council.language).text]))
        }
        let others = try await services.indicators.all(councilID: council.id).filter { indicator in !annexed.contains { $0.id == indicator.id } }
        let title = pages.localized(work.title, language, councilDefault: council.language)
        let model = IndicatorDashboardPage(
            heading: pages.text("indicator_dashboard_title", context, ["title": title.text]), workTitle: title,
            workURL: WorkPaths.item.url(council.slug, work.id),
            basis: adoptedIn.map { pages.text("indicator_dashboard_as_adopted", context, ["year": String($0)]) }
                ?? pages.text("indicator_dashboard_latest", context),
            rows: rows, hasRows: !rows.isEmpty, hasIllustrative: rows.contains(where: \.illustrative),
            keeps: keeps,
            annex: keeps && !others.isEmpty ? .init(action: IndicatorPaths.dashboard.url(council.slug, work.id), options: others.map {
                SelectOption(value: String($0.id), label: pages.localized($0.name, language, councilDefault: council.language).text, selected: false)
            }) : nil)
        return try await pages.page("indicator-dashboard", title: model.heading, request: request, context: context, council: council, typed: model)
    }

    /// Annexes an indicator (`indicator`), or takes one away (`remove`).
    @Sendable func annex(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, work) = try await work(context)
        try pages.require(IndicatorRules.mayKeep(scope.actor), context)
        let removing = context.form.text("remove").flatMap { Int64($0) }
        guard let indicator = removing ?? context.form.text("indicator").flatMap({ Int64($0) }) else { throw PageError.malformedForm }
        do {
            try await services.indicators.annex(workID: work.id, indicatorID: indicator, councilID: scope.council.id, removing == nil)
        } catch IndicatorChangeRefused.notFound {
            throw PageError.notFound
        }
        return .redirect(to: SiteURL.with(IndicatorPaths.dashboard.url(scope.slug, work.id), notice: "saved"), type: .normal)
    }
}
