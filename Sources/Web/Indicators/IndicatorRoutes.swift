import CouncilWork
import Foundation
import HemicycleDomain
import Hummingbird
import Organisation
import Storage

/// The state-of-the-nation indicators (`/{council}/indicators`): public statistics; the secretariat defines them,
/// records or imports their yearly values (CSV or SDMX-CSV), and annexes them to an annual report's dashboard.
struct IndicatorRoutes {
    let services: IndicatorServices
    let pages: Pages

    func register(in council: PathRegistrar) {
        council.get(IndicatorPaths.list, use: list)
        council.post(IndicatorPaths.list, use: create)
        council.get(IndicatorPaths.item, use: item)
        council.post(IndicatorPaths.item, use: recordValue)
        council.post(IndicatorPaths.valueDelete, use: removeValue)
        council.post(IndicatorPaths.importValues, use: importValues)
        council.get(IndicatorPaths.dashboard, use: dashboard)
        council.post(IndicatorPaths.dashboard, use: annex)
    }

    /// A value in the reader's language with the indicator's unit beside it ("65,3 %", "2,2 % du PIB").
    static func value(_ milli: Int64, unit: String, format: Formatting, pages: Pages, context: AppContext) -> String {
        let number = (Decimal(milli) / 1000).formatted(.number.precision(.fractionLength(0...3)).locale(format.locale))
        return unit.isEmpty ? number : pages.text("indicator_value_unit", context, ["value": number, "unit": unit])
    }

    /// "+1,2" or "−0,4" from the year before; "+1,2 depuis 2019" across a gap; nil without an earlier year.
    static func change(_ values: [IndicatorValueRecord], at index: Int, format: Formatting, pages: Pages, context: AppContext) -> String? {
        guard index > 0 else { return nil }
        let difference = values[index].valueMilli - values[index - 1].valueMilli
        let number = (Decimal(abs(difference)) / 1000).formatted(.number.precision(.fractionLength(0...3)).locale(format.locale))
        let change = difference == 0 ? "=" : (difference > 0 ? "+" : "−") + number
        if values[index - 1].year == values[index].year - 1 { return change }
        return pages.text("indicator_change_since", context, ["change": change, "year": String(values[index - 1].year)])
    }

    func listPage(_ request: Request, _ context: AppContext, error: String? = nil, values: [String: String] = [:],
                  status: HTTPResponse.Status = .ok) async throws -> HTML {
        let scope = try context.inCouncil()
        let council = scope.council
        let format = Formatting(language: context.language, council: council)
        let series = try await services.indicators.values(councilID: council.id)
        let rows = try await services.indicators.all(councilID: council.id).map { indicator in
            let values = series[indicator.id] ?? []
            return IndicatorListPage.Row(
                url: IndicatorPaths.item.url(council.slug, indicator.id), code: indicator.code,
                name: pages.localized(indicator.name, context.language, councilDefault: council.language), unit: indicator.unit,
                latest: values.last.map {
                    pages.text("indicator_latest", context, ["year": String($0.year),
                                                             "value": Self.value($0.valueMilli, unit: indicator.unit, format: format, pages: pages, context: context)])
                },
                change: values.isEmpty ? nil : Self.change(values, at: values.count - 1, format: format, pages: pages, context: context),
                illustrative: values.last?.illustrative ?? false)
        }
        let model = IndicatorListPage(rows: rows, hasRows: !rows.isEmpty, hasIllustrative: rows.contains(where: \.illustrative),
                                      form: IndicatorRules.mayKeep(scope.actor).isAllowed ? .init(action: IndicatorPaths.list.url(council.slug), values: values) : nil,
                                      error: error)
        return try await pages.page("indicators", title: pages.text("indicators_title", context), request: request, context: context, council: council,
                                    typed: model, status: status)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> HTML { try await listPage(request, context) }

    static func localized(_ form: Form, _ name: String, required: Bool, limit: Int) throws -> LocalizedText {
        var values: [Language: String] = [:]
        for language in Language.allCases {
            let text = Validate.storable(form.text("\(name)_\(language.rawValue)") ?? "")
            guard text.count <= limit else { throw ValidationFailure(field: name, key: "indicator_error_\(name)") }
            if !text.isEmpty { values[language] = text }
        }
        if required, values.isEmpty { throw ValidationFailure(field: name, key: "indicator_error_name") }
        return LocalizedText(values)
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let scope = try context.inCouncil()
        try pages.require(IndicatorRules.mayKeep(scope.actor), context)
        let form = context.form
        var values: [String: String] = [:]
        for name in ["code", "name_fr", "name_ar", "name_en", "definition_fr", "definition_ar", "definition_en", "source", "unit"] { values[name] = form[name] ?? "" }
        do {
            let code = try BudgetRoutes.code(form.text("code"))
            let name = try Self.localized(form, "name", required: true, limit: Validate.maximumNameLength)
            let definition = try Self.localized(form, "definition", required: false, limit: 2_000)
            let source = Validate.storable(form.text("source") ?? ""), unit = Validate.storable(form.text("unit") ?? "")
            guard source.count <= 500 else { throw ValidationFailure(field: "source", key: "indicator_error_source") }
            guard unit.count <= 50 else { throw ValidationFailure(field: "unit", key: "indicator_error_unit") }
            let id = try await services.indicators.create(councilID: scope.council.id, IndicatorFields(code: code, name: name, definition: definition,
                                                                                                    source: source, unit: unit),
                                                          at: services.clock.now().timeIntervalSince1970)
            return .redirect(to: SiteURL.with(IndicatorPaths.item.url(scope.slug, id), notice: "saved"), type: .normal)
        } catch let failure as ValidationFailure {
            return try await listPage(request, context, error: pages.text(failure.key == "budget_error_code" ? "indicator_error_code" : failure.key, context),
                                      values: values, status: .unprocessableContent).response(from: request, context: context)
        } catch IndicatorChangeRefused.refused(let key) {
            return try await listPage(request, context, error: pages.text(key, context), values: values, status: .conflict)
                .response(from: request, context: context)
        }
    }

    func indicator(_ context: AppContext) async throws -> (CouncilScope, IndicatorRecord) {
        let scope = try context.inCouncil()
        guard let id = context.parameters.get("id", as: Int64.self), let indicator = try await services.indicators.find(id: id, councilID: scope.council.id)
        else { throw PageError.notFound }
        return (scope, indicator)
    }

    func itemPage(_ request: Request, _ context: AppContext, error: String? = nil, values: [String: String] = [:],
                  status: HTTPResponse.Status = .ok) async throws -> HTML {
        let (scope, indicator) = try await indicator(context)
        let council = scope.council, language = context.language
        let format = Formatting(language: language, council: council)
        let keeps = IndicatorRules.mayKeep(scope.actor).isAllowed
        let series = try await services.indicators.values(councilID: council.id)[indicator.id] ?? []
        let shown = series.enumerated().map { index, value in
            IndicatorPage.Value(year: value.year, value: Self.value(value.valueMilli, unit: indicator.unit, format: format, pages: pages, context: context),
                                change: Self.change(series, at: index, format: format, pages: pages, context: context), illustrative: value.illustrative,
                                deleteAction: keeps ? IndicatorPaths.valueDelete.url(council.slug, indicator.id, value.year) : nil)
        }
        let name = pages.localized(indicator.name, language, councilDefault: council.language)
        // Year over year, bars from zero; a series with negative values is shown by its table alone (bars from zero
        // would hide them).
        let chart = series.isEmpty || series.contains(where: { $0.valueMilli < 0 }) ? nil : CountChart.svg(
            rows: series.map { (String($0.year), $0.valueMilli, Self.value($0.valueMilli, unit: indicator.unit, format: format, pages: pages, context: context)) },
            title: pages.text("indicator_chart_title", context, ["name": name.text]), id: "indicator-chart-\(indicator.id)", textWidth: 220)
        let model = IndicatorPage(
            heading: name, code: indicator.code,
            definition: indicator.definition.values.isEmpty ? nil : pages.localized(indicator.definition, language, councilDefault: council.language),
            source: indicator.source.isEmpty ? nil : indicator.source, unit: indicator.unit.isEmpty ? nil : indicator.unit, chart: chart, values: shown.reversed(), hasValues: !shown.isEmpty,
            hasIllustrative: series.contains(where: \.illustrative),
            forms: keeps ? .init(valueAction: IndicatorPaths.item.url(council.slug, indicator.id), importAction: IndicatorPaths.importValues.url(council.slug, indicator.id),
                                 values: values) : nil,
            backURL: IndicatorPaths.list.url(council.slug), error: error)
        return try await pages.page("indicator", title: name.text, request: request, context: context, council: council, typed: model, status: status)
    }

    @Sendable func item(_ request: Request, context: AppContext) async throws -> HTML { try await itemPage(request, context) }

    @Sendable func recordValue(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, indicator) = try await indicator(context)
        try pages.require(IndicatorRules.mayKeep(scope.actor), context)
        let values = ["year": context.form["year"] ?? "", "value": context.form["value"] ?? ""]
        do {
            guard let year = context.form.text("year").flatMap({ Int($0) }), (1900...2100).contains(year) else {
                throw ValidationFailure(field: "year", key: "indicator_error_year")
            }
            guard let milli = context.form.text("value").flatMap({ IndicatorNumber.parse($0) }) else { throw ValidationFailure(field: "value", key: "indicator_error_value") }
            try await services.indicators.record(indicatorID: indicator.id, councilID: scope.council.id, [(year, milli)], illustrative: false,
                                                 at: services.clock.now().timeIntervalSince1970)
            return .redirect(to: SiteURL.with(IndicatorPaths.item.url(scope.slug, indicator.id), notice: "saved") + "#values", type: .normal)
        } catch let failure as ValidationFailure {
            return try await itemPage(request, context, error: pages.text(failure.key, context), values: values, status: .unprocessableContent)
                .response(from: request, context: context)
        }
    }

    @Sendable func removeValue(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, indicator) = try await indicator(context)
        try pages.require(IndicatorRules.mayKeep(scope.actor), context)
        guard let year = context.parameters.get("year", as: Int.self) else { throw PageError.notFound }
        do {
            try await services.indicators.removeValue(indicatorID: indicator.id, councilID: scope.council.id, year: year,
                                                      at: services.clock.now().timeIntervalSince1970)
        } catch IndicatorChangeRefused.notFound { throw PageError.notFound }
        return .redirect(to: SiteURL.with(IndicatorPaths.item.url(scope.slug, indicator.id), notice: "saved") + "#values", type: .normal)
    }

    /// A file of yearly values, CSV or SDMX-CSV: every line checked before any value is kept, then all recorded in one
    /// transaction; a faulty line is named with its column.
    @Sendable func importValues(_ request: Request, context: AppContext) async throws -> Response {
        // The right is checked before a byte of the file is read.
        let (scope, indicator) = try await indicator(context)
        try pages.require(IndicatorRules.mayKeep(scope.actor), context)
        let upload = try await MultipartUpload.read(request, context: context, store: services.files, limit: IndicatorServices.maximumFileBytes)
        guard let file = upload.file else { throw PageError(.unprocessableContent, "indicator_file_missing") }
        let data: Data
        do {
            _ = try file.finish()
            data = try Data(contentsOf: file.temporaryURL)
            services.files.discard(file)
        } catch {
            services.files.discard(file)
            throw error
        }
        do {
            guard let text = String(validating: data, as: UTF8.self) else { throw IndicatorFileError("indicator_file_error_encoding", line: 1, column: 1) }
            let series = try IndicatorSeriesFile.read(text)
            try await services.indicators.record(indicatorID: indicator.id, councilID: scope.council.id, series.points.map { ($0.year, $0.milli) },
                                                 missing: series.missing, illustrative: false, at: services.clock.now().timeIntervalSince1970)
            return .redirect(to: SiteURL.with(IndicatorPaths.item.url(scope.slug, indicator.id), notice: "saved") + "#values", type: .normal)
        } catch let error as IndicatorFileError {
            let format = Formatting(language: context.language)
            let message = pages.text("indicator_file_error_at", context, ["line": format.number(error.line), "column": format.number(error.column),
                                                                         "detail": pages.text(error.key, context, error.values)])
            return try await itemPage(request, context, error: message, status: .unprocessableContent).response(from: request, context: context)
        }
    }
}
