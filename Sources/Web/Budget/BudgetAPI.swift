import Foundation
import HemicycleDomain
import Hummingbird
import Organisation
import Storage

struct BudgetYearSummaryDTO: Codable, Sendable {
    let year: Int
    let currency: String
    let status: String
    let votedOn: String?
    let url: String
}

/// Amounts in integer cents of the year's currency.
struct BudgetAmountsDTO: Codable, Sendable {
    let votedCents: Int64
    let transfersInCents: Int64
    let transfersOutCents: Int64
    let allocationCents: Int64
    let committedCents: Int64
    let paidCents: Int64
    let availableCents: Int64

    init(_ execution: BudgetLineExecution) {
        votedCents = execution.voted
        transfersInCents = execution.transfersIn
        transfersOutCents = execution.transfersOut
        allocationCents = execution.allocation
        committedCents = execution.committed
        paidCents = execution.paid
        availableCents = execution.available
    }
}

struct BudgetLineDTO: Codable, Sendable {
    let code: String
    let level: String
    /// The code of the programme or action it sits under.
    let parent: String?
    let title: LocalizedDTO
    let amounts: BudgetAmountsDTO
}

struct BudgetYearDTO: Codable, Sendable {
    let year: Int
    let currency: String
    let status: String
    let votedOn: String?
    let total: BudgetAmountsDTO
    let lines: [BudgetLineDTO]
    let url: String
}

/// `/api/v1/{council}/budget` and `/api/v1/{council}/budget/{year}`: the budget years the reader may see (voted ones
/// for everyone, those in preparation for the secretariat and the bureau), with each programme, action and line and its
/// execution in integer cents.
struct BudgetAPI {
    let services: BudgetServices
    let baseURL: String

    static let operations: [(method: String, path: String)] = [
        ("get", "/api/v1/{council}/budget"),
        ("get", "/api/v1/{council}/budget/{year}"),
    ]

    func register(in council: PathRegistrar) {
        council.get(APIPaths.budget, use: list)
        council.get(APIPaths.budgetYear, use: item)
    }

    func visible(_ year: BudgetYearRecord, _ scope: CouncilScope) -> Bool {
        BudgetRules.decide(scope.actor, .seeExecution(BudgetYearStatus(rawValue: year.status) ?? .draft)).isAllowed
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> JSONBody<[BudgetYearSummaryDTO]> {
        let scope = try context.inCouncil()
        let years = try await services.budget.years(councilID: scope.council.id).filter { visible($0, scope) }
        return JSONBody(value: years.map {
            BudgetYearSummaryDTO(year: $0.year, currency: $0.currency, status: $0.status, votedOn: $0.votedOn,
                                 url: baseURL + BudgetPaths.year.url(scope.council.slug, $0.year))
        })
    }

    @Sendable func item(_ request: Request, context: AppContext) async throws -> JSONBody<BudgetYearDTO> {
        let scope = try context.inCouncil()
        guard let number = context.parameters.get("year", as: Int.self), let year = try await services.budget.year(councilID: scope.council.id, year: number),
              visible(year, scope), let ledger = try await services.budget.ledger(yearID: year.id) else { throw PageError.notFound }
        let execution = BudgetPageBuilder.execution(ledger)
        let codes = Dictionary(ledger.lines.map { ($0.id, $0.code) }, uniquingKeysWith: { first, _ in first })
        return JSONBody(value: BudgetYearDTO(
            year: year.year, currency: year.currency, status: year.status, votedOn: year.votedOn, total: BudgetAmountsDTO(execution.total),
            lines: BudgetPageBuilder.ordered(ledger.lines).map {
                BudgetLineDTO(code: $0.code, level: $0.level, parent: $0.parentId.flatMap { codes[$0] }, title: LocalizedDTO($0.title),
                              amounts: BudgetAmountsDTO(execution[$0.id]))
            },
            url: baseURL + BudgetPaths.year.url(scope.council.slug, year.year)))
    }
}
