import Foundation
import HemicycleDomain
import Hummingbird
import Organisation
import Storage

/// A council's budget (`/{council}/budget`): a voted year is public with its execution; a year in preparation is
/// the secretariat's and the bureau's; the finance staff (the finance duty) and the council's administrators keep it.
struct BudgetRoutes {
    let services: BudgetServices
    let pages: Pages

    var builder: BudgetPageBuilder { BudgetPageBuilder(services: services, pages: pages) }

    func register(in council: PathRegistrar) {
        council.get(BudgetPaths.list, use: list)
        council.post(BudgetPaths.list, use: createYear)
        council.get(BudgetPaths.year, use: year)
        council.post(BudgetPaths.lines, use: addLine)
        council.get(BudgetPaths.lineEdit, use: editLineForm)
        council.post(BudgetPaths.line, use: updateLine)
        council.post(BudgetPaths.lineDelete, use: removeLine)
        council.post(BudgetPaths.status, use: moveYear)
        council.post(BudgetPaths.transfers, use: transfer)
        council.post(BudgetPaths.commitments, use: commit)
        council.post(BudgetPaths.payments, use: pay)
        council.get(BudgetPaths.csv, use: csv)
        council.get(BudgetPaths.audit, use: audit)
    }

    /// The first and last years a budget may be opened for.
    static let years = 2000...2099

    func listPage(_ request: Request, _ context: AppContext, error: String? = nil, values: [String: String] = [:],
                  status: HTTPResponse.Status = .ok) async throws -> HTML {
        let scope = try context.inCouncil()
        let council = scope.council
        let format = Formatting(language: context.language, council: council)
        var rows: [BudgetListPage.Row] = []
        let years = try await services.budget.years(councilID: council.id)
        for year in years where BudgetRules.decide(scope.actor, .seeExecution(BudgetYearStatus(rawValue: year.status) ?? .draft)).isAllowed {
            guard let ledger = try await services.budget.ledger(yearID: year.id) else { continue }
            let total = BudgetPageBuilder.execution(ledger).total
            rows.append(BudgetListPage.Row(url: BudgetPaths.year.url(council.slug, year.year), year: year.year,
                                           status: pages.text("budget_status_\(year.status)", context),
                                           allocation: format.money(cents: total.allocation, currency: year.currency),
                                           paid: format.money(cents: total.paid, currency: year.currency)))
        }
        let currentYear = CivilDay(services.clock.now(), in: council.zone).components.year
        let chosenCurrency = values["currency"] ?? years.first?.currency ?? (council.country == "MA" ? "MAD" : "EUR")
        let form = BudgetRules.decide(scope.actor, .keep).isAllowed ? BudgetListPage.NewYearForm(
            action: BudgetPaths.list.url(council.slug), year: values["year"] ?? String((years.first?.year).map { $0 + 1 } ?? currentYear),
            currencies: BudgetCurrency.supported.map { SelectOption(value: $0, label: $0, selected: $0 == chosenCurrency) },
            sources: [SelectOption(value: "", label: pages.text("budget_copy_none", context), selected: (values["copy"] ?? "").isEmpty)]
                + years.map { SelectOption(value: String($0.id), label: String($0.year), selected: values["copy"] == String($0.id)) },
            hasSources: !years.isEmpty) : nil
        let model = BudgetListPage(rows: rows, hasRows: !rows.isEmpty, form: form, error: error)
        return try await pages.page("budget-years", title: pages.text("budget_title", context), request: request, context: context, council: council,
                                    typed: model, status: status)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> HTML {
        try await listPage(request, context)
    }

    @Sendable func createYear(_ request: Request, context: AppContext) async throws -> Response {
        let scope = try context.inCouncil()
        try pages.require(BudgetRules.decide(scope.actor, .keep), context)
        let form = context.form
        let values = ["year": form["year"] ?? "", "currency": form["currency"] ?? "", "copy": form["copy"] ?? ""]
        do {
            guard let year = form.text("year").flatMap({ Int($0) }), Self.years.contains(year) else {
                throw ValidationFailure(field: "year", key: "budget_error_year")
            }
            guard let currency = form.text("currency"), BudgetCurrency.isSupported(currency) else {
                throw ValidationFailure(field: "currency", key: "budget_error_currency")
            }
            var source: Int64?
            if let raw = form.text("copy") {
                guard let id = Int64(raw), try await services.budget.years(councilID: scope.council.id).contains(where: { $0.id == id })
                else { throw ValidationFailure(field: "copy", key: "error_malformed_form") }
                source = id
            }
            _ = try await services.budget.createYear(councilID: scope.council.id, year: year, currency: currency, copying: source,
                                                     by: try actor(context), at: services.clock.now().timeIntervalSince1970)
            return .redirect(to: SiteURL.with(BudgetPaths.year.url(scope.slug, year), notice: "saved"), type: .normal)
        } catch let failure as ValidationFailure {
            return try await listPage(request, context, error: pages.text(failure.key, context), values: values, status: .unprocessableContent)
                .response(from: request, context: context)
        } catch BudgetChangeRefused.refused(let key) {
            return try await listPage(request, context, error: pages.text(key, context), values: values, status: .conflict)
                .response(from: request, context: context)
        }
    }

    /// The year named in the address, when the reader may see it (404 otherwise: a budget in preparation is not
    /// announced).
    func ledger(_ context: AppContext) async throws -> (CouncilScope, BudgetLedger) {
        let scope = try context.inCouncil()
        guard let number = context.parameters.get("year", as: Int.self), let year = try await services.budget.year(councilID: scope.council.id, year: number),
              BudgetRules.decide(scope.actor, .seeExecution(BudgetYearStatus(rawValue: year.status) ?? .draft)).isAllowed,
              let ledger = try await services.budget.ledger(yearID: year.id) else { throw PageError.notFound }
        return (scope, ledger)
    }

    @Sendable func year(_ request: Request, context: AppContext) async throws -> HTML {
        let (scope, ledger) = try await ledger(context)
        return try await builder.page(request, context, scope: scope, ledger: ledger)
    }

    /// Who makes the change, as the audit trail keeps them: their name in the council.
    func actor(_ context: AppContext) throws -> BudgetActor {
        let account = try pages.requireAccount(context)
        let scope = try context.inCouncil()
        return BudgetActor(accountID: account.id, name: scope.membership?.displayName ?? account.displayName)
    }

    /// Runs a change of the year; bad input (`ValidationFailure`, 422) and the rule's refusals (409) show the year's
    /// page again with the sentence and what was typed; a year or line gone is 404.
    func changing(_ request: Request, _ context: AppContext, values: [String: String], anchor: String,
                  _ change: (CouncilScope, BudgetLedger) async throws -> Void) async throws -> Response {
        let (scope, ledger) = try await ledger(context)
        try pages.require(BudgetRules.decide(scope.actor, .keep), context)
        do {
            try await change(scope, ledger)
            return .redirect(to: SiteURL.with(BudgetPaths.year.url(scope.slug, ledger.year.year), notice: "saved") + anchor, type: .normal)
        } catch let failure as ValidationFailure {
            return try await builder.page(request, context, scope: scope, ledger: ledger, error: pages.text(failure.key, context), values: values,
                                          status: .unprocessableContent).response(from: request, context: context)
        } catch let refused as BudgetChangeRefused {
            switch refused {
            case .notFound: throw PageError.notFound
            case .refused(let key):
                // The year as it now stands (another change may have come first).
                let fresh = try await services.budget.ledger(yearID: ledger.year.id) ?? ledger
                return try await builder.page(request, context, scope: scope, ledger: fresh, error: pages.text(key, context), values: values,
                                              status: .conflict).response(from: request, context: context)
            }
        }
    }

    /// An amount typed in a form, in cents.
    static func amount(_ text: String?, field: String, allowZero: Bool = false) throws -> Int64 {
        switch BudgetAmount.parse(text ?? "", allowZero: allowZero) {
        case .success(let cents): return cents
        case .failure(let problem): throw ValidationFailure(field: field, key: problem.rawValue)
        }
    }

    /// A day of the budget's year, as a date field sends it.
    static func day(_ text: String?, year: Int) throws -> String {
        guard let day = text.flatMap(CivilDay.init), day.components.year == year else { throw ValidationFailure(field: "day", key: "budget_error_day") }
        return day.text
    }
}
