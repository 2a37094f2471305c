import CSVFormat
import Foundation
import Hummingbird
import Sortition
import Storage

struct DrawProgressDTO: Codable, Sendable {
    let settled: Int
    let pool: Int
    let panels: Int
}

struct DrawFailureDTO: Codable, Sendable {
    /// infeasible_quotas, impossible, incomplete_pool or engine.
    let reason: String
    /// The criteria (keys) whose quotas cannot be met together.
    let criteria: [String]
}

struct DrawChancesDTO: Codable, Sendable {
    let min: Double
    let median: Double
    let max: Double
}

struct ConventionDrawDTO: Codable, Sendable {
    let number: Int
    let status: String
    let progress: DrawProgressDTO
    let failure: DrawFailureDTO?
    let commitment: String?
    let committedAt: Date?
    let tickets: Int?
    let poolSize: Int?
    let panelSize: Int?
    let seed: String?
    let drawnAt: Date?
    let ticket: Int?
    let chances: DrawChancesDTO?
    /// The people on the panel (drawn, not declined), by their pseudonymous references.
    let panel: [String]?
    let proofURL: String?
    let url: String
}

/// `/api/v1/{council}/conventions/{id}/draw`: the latest draw as its public page shows it, for a page that polls its
/// progress and for anyone who follows the draw; 404 before a draw is asked for.
struct DrawAPI {
    let services: ConventionServices

    static let operations: [(method: String, path: String)] = [("get", "/api/v1/{council}/conventions/{id}/draw")]

    func register(in council: PathRegistrar) {
        council.get(APIPaths.conventionDraw, use: draw)
    }

    static func reason(_ key: String?) -> String {
        switch key {
        case "convention_draw_failed_infeasible": "infeasible_quotas"
        case "convention_draw_failed_impossible": "impossible"
        case "convention_draw_failed_pool": "incomplete_pool"
        default: "engine"
        }
    }

    @Sendable func draw(_ request: Request, context: AppContext) async throws -> JSONBody<ConventionDrawDTO> {
        let gate = try await ConventionGate.load(services: services, context: context)
        guard let draw = try await services.draws.draws(conventionID: gate.record.id).last else { throw PageError.notFound }
        let published = draw.status == "committed" || draw.status == "drawn"
        let files = published ? try await services.draws.files(drawID: draw.id) : nil
        let manifest = files?.manifest.flatMap { try? DrawManifest.read($0) }
        var chances: DrawChancesDTO?
        if draw.status == "drawn", let text = files?.probabilitiesCsv, let table = try? CSVTable(text: text, file: ProofFiles.probabilities) {
            let sorted = table.rows.compactMap { $0.fields.count > 1 ? Double($0.fields[1]) : nil }.sorted()
            if let first = sorted.first, let last = sorted.last {
                let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
                chances = DrawChancesDTO(min: first, median: median, max: last)
            }
        }
        let panel = draw.status == "drawn" ? try await services.draws.panel(conventionID: gate.record.id).filter { $0.refusedAt == nil }.map(\.reference) : nil
        let slug = gate.council.slug, id = gate.record.id
        return JSONBody(value: ConventionDrawDTO(
            number: draw.number, status: draw.status,
            progress: DrawProgressDTO(settled: draw.progressSettled, pool: draw.progressPool, panels: draw.progressPanels),
            failure: draw.status == "failed"
                ? DrawFailureDTO(reason: Self.reason(draw.errorKey), criteria: DrawFailure.detail(draw.errorDetail)?.criteria ?? []) : nil,
            commitment: draw.commitment, committedAt: draw.committedAt.map { Date(timeIntervalSince1970: $0) },
            tickets: manifest?.tickets, poolSize: manifest?.poolSize, panelSize: manifest?.panelSize,
            seed: draw.status == "drawn" ? draw.seed : nil, drawnAt: draw.drawnAt.map { Date(timeIntervalSince1970: $0) },
            ticket: draw.status == "drawn" ? manifest?.ticket : nil, chances: chances, panel: panel,
            proofURL: published ? "\(services.baseURL)\(ConventionPaths.drawProof.url(slug, id))" : nil,
            url: "\(services.baseURL)\(ConventionPaths.draw.url(slug, id))"))
    }
}
