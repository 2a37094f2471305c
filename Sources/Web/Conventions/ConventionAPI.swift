import Conventions
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

struct ConventionSummaryDTO: Codable, Sendable {
    let id: Int64
    let status: String
    let title: LocalizedDTO
    let panelSize: Int
    let url: String
}

struct QuotaDTO: Codable, Sendable {
    let min: Int
    let max: Int
}

struct CriterionValueDTO: Codable, Sendable {
    let key: String
    let name: LocalizedDTO
    let populationShare: Double
    let idealSeats: Double
    let quota: QuotaDTO
}

struct CriterionDTO: Codable, Sendable {
    let key: String
    let name: LocalizedDTO
    let values: [CriterionValueDTO]
}

struct ConventionDTO: Codable, Sendable {
    let summary: ConventionSummaryDTO
    let mandate: LocalizedDTO
    let workId: Int64?
    let tolerance: Double
    let onePerHousehold: Bool
    let criteria: [CriterionDTO]
}

/// `/api/v1/{council}/conventions` and `/api/v1/{council}/conventions/{id}`: what the convention's public page
/// shows (criteria, shares, ideal seats and quotas), under the same rule of who sees a convention in preparation.
/// The volunteers are never in the API.
struct ConventionAPI {
    let services: ConventionServices

    static let operations: [(method: String, path: String)] = [
        ("get", "/api/v1/{council}/conventions"),
        ("get", "/api/v1/{council}/conventions/{id}"),
    ]

    func register(in council: PathRegistrar) {
        council.get(APIPaths.conventions, use: list)
        council.get(APIPaths.convention, use: convention)
    }

    func summary(_ record: ConventionRecord, council: Council) -> ConventionSummaryDTO {
        ConventionSummaryDTO(id: record.id, status: record.status, title: LocalizedDTO(record.title), panelSize: record.panelSize,
                             url: "\(services.baseURL)\(ConventionPaths.item.url(council.slug, record.id))")
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> JSONBody<[ConventionSummaryDTO]> {
        let scope = try context.inCouncil()
        var statuses = ConventionStatus.visible(to: ConventionActor(scope.actor))
        if let raw = request.uri.queryParameters.get("status") {
            guard let status = ConventionStatus(rawValue: raw) else { throw PageError(.badRequest, "error_bad_request") }
            statuses = statuses.filter { $0 == status }
        }
        let conventions = try await services.conventions.all(councilID: scope.council.id, statuses: statuses.map(\.rawValue))
        return JSONBody(value: conventions.map { summary($0, council: scope.council) })
    }

    @Sendable func convention(_ request: Request, context: AppContext) async throws -> JSONBody<ConventionDTO> {
        let gate = try await ConventionGate.load(services: services, context: context)
        let plan = gate.plan
        return JSONBody(value: ConventionDTO(
            summary: summary(gate.record, council: gate.council), mandate: LocalizedDTO(gate.record.mandate), workId: gate.record.workId,
            tolerance: gate.record.tolerance, onePerHousehold: gate.record.onePerHousehold,
            criteria: plan.criteria.enumerated().map { c, criterion in
                CriterionDTO(key: criterion.key, name: LocalizedDTO(criterion.name), values: criterion.values.enumerated().map { v, value in
                    CriterionValueDTO(key: value.key, name: LocalizedDTO(value.name), populationShare: value.populationShare,
                                      idealSeats: plan.idealSeats(criterion: c, value: v),
                                      quota: QuotaDTO(min: plan.quotas[c][v].min, max: plan.quotas[c][v].max))
                })
            }))
    }
}
