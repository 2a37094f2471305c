import Foundation
import HemicycleDomain
import Hummingbird
import Organisation
import Storage

struct ReportTableRowDTO: Codable, Sendable {
    let label: String
    let values: [Int64]
}

struct ReportTableDTO: Codable, Sendable {
    let id: String
    let columns: [String]
    let rows: [ReportTableRowDTO]
}

struct ActivityReportDTO: Codable, Sendable {
    let year: Int
    let status: String
    let foreword: LocalizedDTO
    let outlook: LocalizedDTO
    /// The report's tables, their rows and columns named in the reader's language; a published report's as they were
    /// the day it was published.
    let tables: [ReportTableDTO]
    let url: String
}

/// `/api/v1/{council}/reports`: the council's activity reports the reader may read (published ones for everyone, drafts
/// for the secretariat and the bureau), the latest first, with their narrative and tables.
struct ActivityReportAPI {
    let routes: ActivityReportRoutes
    let baseURL: String

    static let operations: [(method: String, path: String)] = [("get", "/api/v1/{council}/reports")]

    func register(in council: PathRegistrar) {
        council.get(APIPaths.reports, use: list)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> JSONBody<[ActivityReportDTO]> {
        let scope = try context.inCouncil()
        var result: [ActivityReportDTO] = []
        for record in try await routes.services.reports.all(councilID: scope.council.id) {
            let status = ActivityReportStatus(rawValue: record.status) ?? .draft
            guard ActivityReportRules.decide(scope.actor, .read(status)).isAllowed else { continue }
            let (_, _, tables) = try await routes.tables(scope, context, year: record.year, record: record)
            result.append(ActivityReportDTO(
                year: record.year, status: record.status, foreword: LocalizedDTO(record.foreword), outlook: LocalizedDTO(record.outlook),
                tables: tables.map { table in
                    ReportTableDTO(id: table.id, columns: table.columns, rows: table.rows.map { ReportTableRowDTO(label: $0.label, values: $0.values) })
                },
                url: baseURL + ActivityReportPaths.year.url(scope.council.slug, record.year)))
        }
        return JSONBody(value: result)
    }
}
