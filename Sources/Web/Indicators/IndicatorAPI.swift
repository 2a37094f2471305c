import Foundation
import HemicycleDomain
import Hummingbird
import Organisation
import Storage

struct IndicatorValueDTO: Codable, Sendable {
    let year: Int
    /// The value, with up to three decimals (kept in thousandths, so written exactly).
    let value: Double
    /// An example for the demonstration, not a statistics office's figure.
    let illustrative: Bool
}

struct IndicatorDTO: Codable, Sendable {
    let code: String
    let name: LocalizedDTO
    let definition: LocalizedDTO
    let source: String
    let unit: String
    let values: [IndicatorValueDTO]
    let url: String
}

/// `/api/v1/{council}/indicators`: the council's state-of-the-nation indicators, public statistics, each with its
/// yearly values in order of year.
struct IndicatorAPI {
    let services: IndicatorServices
    let baseURL: String

    static let operations: [(method: String, path: String)] = [("get", "/api/v1/{council}/indicators")]

    func register(in council: PathRegistrar) {
        council.get(APIPaths.indicators, use: list)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> JSONBody<[IndicatorDTO]> {
        let council = try context.inCouncil().council
        let series = try await services.indicators.values(councilID: council.id)
        return JSONBody(value: try await services.indicators.all(councilID: council.id).map { indicator in
            IndicatorDTO(code: indicator.code, name: LocalizedDTO(indicator.name), definition: LocalizedDTO(indicator.definition), source: indicator.source,
                         unit: indicator.unit,
                         values: (series[indicator.id] ?? []).map { IndicatorValueDTO(year: $0.year, value: Double($0.valueMilli) / 1000, illustrative: $0.illustrative) },
                         url: baseURL + IndicatorPaths.item.url(council.slug, indicator.id))
        })
    }
}
