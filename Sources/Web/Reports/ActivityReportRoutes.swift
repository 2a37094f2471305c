import CSVFormat
import CouncilWork
import Foundation
import HemicycleDomain
import Hummingbird
import Organisation
import Storage

/// A council's activity reports (`/{council}/reports`): each year's figures are computed from the council's public
/// facts; the secretariat writes the foreword and the outlook and publishes the report; a published report is
/// public, a draft is read by the secretariat and the bureau.
struct ActivityReportRoutes {
    let services: ActivityReportServices
    let pages: Pages

    func register(in council: PathRegistrar) {
        council.get(ActivityReportPaths.list, use: list)
        council.get(ActivityReportPaths.year, use: year)
        council.post(ActivityReportPaths.year, use: save)
        council.post(ActivityReportPaths.publish, use: publish)
        council.get(ActivityReportPaths.csv, use: csv)
    }

    /// The first instant of `year` and of the next, in `zone`.
    static func bounds(_ year: Int, in zone: TimeZone) -> (from: Double, to: Double) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        func start(_ year: Int) -> Double {
            calendar.date(from: DateComponents(year: year, month: 1, day: 1))?.timeIntervalSince1970 ?? 0
        }
        return (start(year), start(year + 1))
    }

    func currentYear(_ council: Council) -> Int { CivilDay(services.clock.now(), in: council.zone).components.year }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> HTML {
        let scope = try context.inCouncil()
        let council = scope.council
        let drafts = ActivityReportRules.decide(scope.actor, .read(.draft)).isAllowed
        let rows = try await services.reports.all(councilID: council.id).filter { drafts || $0.status == ActivityReportStatus.published.rawValue }.map {
            ActivityReportListPage.Row(url: ActivityReportPaths.year.url(council.slug, $0.year), year: $0.year, status: pages.text("report_status_\($0.status)", context))
        }
        let model = ActivityReportListPage(rows: rows, hasRows: !rows.isEmpty, currentURL: drafts ? ActivityReportPaths.year.url(council.slug, currentYear(council)) : nil)
        return try await pages.page("reports", title: pages.text("reports_title", context), request: request, context: context, council: council, typed: model)
    }

    /// The year asked for and its narrative: a published report for everyone; any year up to this one for the readers of
    /// drafts (404 otherwise).
    func report(_ context: AppContext) async throws -> (CouncilScope, Int, ActivityReportRecord?) {
        let scope = try context.inCouncil()
        guard let year = context.parameters.get("year", as: Int.self), (2000...currentYear(scope.council)).contains(year) else { throw PageError.notFound }
        let record = try await services.reports.find(councilID: scope.council.id, year: year)
        let status = record.flatMap { ActivityReportStatus(rawValue: $0.status) } ?? .draft
        guard ActivityReportRules.decide(scope.actor, .read(status)).isAllowed else { throw PageError.notFound }
        return (scope, year, record)
    }

    /// The year's facts as they stand now, its budget's execution with them once voted.
    func liveFacts(_ council: Council, year: Int) async throws -> ActivityFacts {
        let bounds = Self.bounds(year, in: council.zone)
        let now = services.clock.now()
        var facts = try await services.reports.facts(councilID: council.id, year: year, from: bounds.from, to: bounds.to, now: now.timeIntervalSince1970,
                                                     today: CivilDay(now, in: council.zone).text)
        if let budgetYear = try await services.budget.year(councilID: council.id, year: year), budgetYear.status != BudgetYearStatus.draft.rawValue,
           let ledger = try await services.budget.ledger(yearID: budgetYear.id) {
            let total = BudgetPageBuilder.execution(ledger).total
            facts.budget = .init(currency: budgetYear.currency, allocation: total.allocation, committed: total.committed, paid: total.paid)
        }
        return facts
    }

    /// A published report's facts as they were kept; a draft's as they stand.
    func facts(_ council: Council, year: Int, record: ActivityReportRecord?) async throws -> ActivityFacts {
        if record?.status == ActivityReportStatus.published.rawValue, let json = record?.factsJson {
            return try JSONDecoder().decode(ActivityFacts.self, from: Data(json.utf8))
        }
        return try await liveFacts(council, year: year)
    }

    func tables(_ scope: CouncilScope, _ context: AppContext, year: Int, record: ActivityReportRecord?) async throws
        -> (ActivityReportTables, ActivityFacts, [ReportTable]) {
        let council = scope.council, language = context.language
        let facts = try await facts(council, year: year, record: record)
        let groups = Dictionary(try await services.groups.all(councilID: council.id).map {
            ($0.id, pages.localized($0.name, language, councilDefault: council.language).text)
        }, uniquingKeysWith: { first, _ in first })
        let commissions = Dictionary(try await services.commissions.all(councilID: council.id).map {
            ($0.id, pages.localized($0.name, language, councilDefault: council.language).text)
        }, uniquingKeysWith: { first, _ in first })
        let maker = ActivityReportTables(pages: pages, context: context, council: council, format: Formatting(language: language, council: council),
                                         groups: groups, commissions: commissions)
        return (maker, facts, maker.tables(facts))
    }

    func render(_ request: Request, _ context: AppContext, error: String? = nil, values: [String: String]? = nil,
                status: HTTPResponse.Status = .ok) async throws -> HTML {
        let (scope, year, record) = try await report(context)
        let council = scope.council, language = context.language
        let format = Formatting(language: language, council: council)
        let (maker, facts, tables) = try await tables(scope, context, year: year, record: record)
        let rates = maker.attendanceRates(facts)
        let number = { (value: Int64) in format.number(Int(value)) }
        let pageTables = tables.map { table in
            let attendance = table.id == "attendance_by_group"
            let rows = table.rows.map { row in
                ActivityReportPage.Row(label: row.label, cells: row.values.map(number) + (attendance ? [rates[row.label] ?? ""] : []))
            }
            var chart: String?
            if !table.rows.isEmpty { chart = switch table.id {
            case "votes_by_group":
                VoteChart.svg(rows: table.rows.map { row in
                    var counts = VoteCounts()
                    counts.pour = Int(row.values[0])
                    counts.contre = Int(row.values[1])
                    counts.abstention = Int(row.values[2])
                    return VoteChart.Row(label: row.label, counts: counts)
                }, title: pages.text("report_table_\(table.id)", context, ["year": String(year)]),
                legend: [pages.text("vote_for", context), pages.text("vote_against", context), pages.text("vote_abstain", context),
                         pages.text("vote_none", context)], id: "chart-\(table.id)")
            case "works_by_kind", "works_by_commission", "works_by_referral", "consultations", "conventions":
                CountChart.svg(rows: table.rows.map { ($0.label, $0.values[0], number($0.values[0])) },
                               title: pages.text("report_table_\(table.id)", context, ["year": String(year)]), id: "chart-\(table.id)")
            default: nil
            } }
            return ActivityReportPage.Table(
                id: table.id, title: pages.text("report_table_\(table.id)", context, ["year": String(year)]),
                columns: table.columns + (attendance ? [pages.text("report_col_took_part", context)] : []), rows: rows, hasRows: !rows.isEmpty,
                total: rows.count > 1 && !attendance ? ActivityReportPage.Row(label: pages.text("report_total", context), cells: table.totals.map(number)) : nil,
                chart: chart, empty: pages.text("report_table_empty", context))
        }
        let say = { (key: String, count: Int64) in ActivityReportPage.Fact(sentence: pages.plural(key, count: Int(count), context, format: format)) }
        let adoptedBallots = Int64(facts.ballots.filter { $0 }.count)
        let keyFigures = [
            say("report_fact_works_adopted", Int64(facts.adopted.count)), say("report_fact_plenary_sittings", facts.plenarySittings),
            say("report_fact_ballots_adopted", adoptedBallots), say("report_fact_ballots_rejected", Int64(facts.ballots.count) - adoptedBallots),
            say("report_fact_consultation_participants", facts.consultations.reduce(0) { $0 + $1.people }),
            say("report_fact_petitions", facts.petitions), say("report_fact_signatures", facts.signatures),
        ]
        let cooperation = [say("report_fact_agreements", facts.agreementsSigned), say("report_fact_missions", facts.missions),
                           say("report_fact_contributions", facts.contributionsSent)]
        var budget: [ActivityReportPage.Fact] = [], budgetURL: String?
        if let total = facts.budget {
            let money = { (cents: Int64) in format.money(cents: cents, currency: total.currency) }
            var execution = BudgetLineExecution(id: 0)
            execution.voted = total.allocation
            execution.paid = total.paid
            budget = [ActivityReportPage.Fact(sentence: pages.text("report_budget_execution", context, [
                "allocation": money(total.allocation), "committed": money(total.committed), "paid": money(total.paid),
                "rate": format.percent(Double(execution.paidPermille) / 1000),
            ]))]
            budgetURL = BudgetPaths.year.url(council.slug, year)
        }
        let reportStatus = record.flatMap { ActivityReportStatus(rawValue: $0.status) } ?? .draft
        let writes = ActivityReportRules.decide(scope.actor, .write).isAllowed && reportStatus == .draft
        let stored = ["foreword_fr": record?.forewordFr ?? "", "foreword_ar": record?.forewordAr ?? "", "foreword_en": record?.forewordEn ?? "",
                      "outlook_fr": record?.outlookFr ?? "", "outlook_ar": record?.outlookAr ?? "", "outlook_en": record?.outlookEn ?? ""]
        let model = ActivityReportPage(
            heading: pages.text("report_title", context, ["year": String(year)]), backURL: ActivityReportPaths.list.url(council.slug),
            status: pages.text("report_status_\(reportStatus.rawValue)", context), isDraft: reportStatus == .draft,
            foreword: record.map(\.foreword).flatMap { $0.values.isEmpty ? nil : pages.localized($0, language, councilDefault: council.language) },
            outlook: record.map(\.outlook).flatMap { $0.values.isEmpty ? nil : pages.localized($0, language, councilDefault: council.language) },
            keyFigures: keyFigures, tables: pageTables, cooperation: cooperation, budget: budget, budgetURL: budgetURL,
            csvURL: ActivityReportPaths.csv.url(council.slug, year),
            form: writes ? ActivityReportPage.Narrative(
                action: ActivityReportPaths.year.url(council.slug, year), values: values ?? stored,
                publishAction: record != nil && ActivityReportRules.mayPublish(reportStatus, year: year, currentYear: currentYear(council)).isAllowed
                    ? ActivityReportPaths.publish.url(council.slug, year) : nil) : nil,
            error: error)
        return try await pages.page("report", title: model.heading, request: request, context: context, council: council, typed: model, status: status)
    }

    @Sendable func year(_ request: Request, context: AppContext) async throws -> HTML {
        try await render(request, context)
    }

    /// A narrative section in the council's languages, 20,000 characters at most each.
    static func section(_ form: Form, _ name: String) throws -> LocalizedText {
        var values: [Language: String] = [:]
        for language in Language.allCases {
            let text = Validate.storable(form[("\(name)_\(language.rawValue)")] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard text.count <= 20_000 else { throw ValidationFailure(field: name, key: "report_error_length") }
            if !text.isEmpty { values[language] = text }
        }
        return LocalizedText(values)
    }

    /// The year a writer asks for: the right first (401, 403), then the year (404).
    func writable(_ context: AppContext) async throws -> (CouncilScope, Int) {
        try pages.require(ActivityReportRules.decide(try context.inCouncil().actor, .write), context)
        let (scope, year, _) = try await report(context)
        return (scope, year)
    }

    @Sendable func save(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, year) = try await writable(context)
        var values: [String: String] = [:]
        for name in ["foreword", "outlook"] { for language in Language.allCases { values["\(name)_\(language.rawValue)"] = context.form["\(name)_\(language.rawValue)"] ?? "" } }
        do {
            let foreword = try Self.section(context.form, "foreword"), outlook = try Self.section(context.form, "outlook")
            try await services.reports.save(councilID: scope.council.id, year: year, foreword: foreword, outlook: outlook,
                                            at: services.clock.now().timeIntervalSince1970) { status in
                status == ActivityReportStatus.published.rawValue ? "report_error_published" : nil
            }
            return .redirect(to: SiteURL.with(ActivityReportPaths.year.url(scope.slug, year), notice: "saved"), type: .normal)
        } catch let failure as ValidationFailure {
            return try await render(request, context, error: pages.text(failure.key, context), values: values, status: .unprocessableContent)
                .response(from: request, context: context)
        } catch let refused as ActivityReportRefused {
            throw PageError(.conflict, refused.key)
        }
    }

    @Sendable func publish(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, year) = try await writable(context)
        let current = currentYear(scope.council)
        let facts = try await liveFacts(scope.council, year: year)
        do {
            try await services.reports.publish(councilID: scope.council.id, year: year, facts: facts, at: services.clock.now().timeIntervalSince1970) { status in
                guard let status else { return "report_error_no_narrative" }
                return ActivityReportRules.mayPublish(ActivityReportStatus(rawValue: status) ?? .draft, year: year, currentYear: current).refusal
            }
        } catch let refused as ActivityReportRefused {
            throw PageError(.conflict, refused.key)
        }
        return .redirect(to: SiteURL.with(ActivityReportPaths.year.url(scope.slug, year), notice: "saved"), type: .normal)
    }

    /// Every table of the report, one row per cell: `table,row,column,value`.
    @Sendable func csv(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, year, record) = try await report(context)
        let (_, _, tables) = try await tables(scope, context, year: year, record: record)
        var writer = CSVWriter(header: ["table", "row", "column", "value"], neutralisesFormulas: true)
        for table in tables {
            for row in table.rows {
                for (index, value) in row.values.enumerated() { writer.append([table.id, row.label, table.columns[index], String(value)]) }
            }
        }
        var headers: HTTPFields = [.contentType: "text/csv; charset=utf-8",
                                   .contentDisposition: "attachment; filename=\"\(scope.slug)-activity-\(year).csv\""]
        // A draft is the secretariat's and the bureau's: no shared cache keeps it.
        if record?.status != ActivityReportStatus.published.rawValue { headers[.cacheControl] = "private, no-store" }
        return Response(status: .ok, headers: headers,
                        body: .init(byteBuffer: ByteBuffer(string: writer.text)))
    }
}
