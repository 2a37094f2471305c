import Consultations
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

struct ConsultationSummaryDTO: Codable, Sendable {
    let id: Int64
    let phase: String
    let title: LocalizedDTO
    let opensAt: String
    let closesAt: String
    let workId: Int64?
    let url: String
}

struct ConsultationStatementDTO: Codable, Sendable {
    let id: Int64
    let number: Int
    let text: String
    let agree: Int
    let disagree: Int
    let pass: Int
}

struct ConsultationGroupDTO: Codable, Sendable {
    let label: String
    let size: Int
}

struct ConsultationDTO: Codable, Sendable {
    let summary: ConsultationSummaryDTO
    let description: LocalizedDTO
    let languages: [String]
    let modules: [String]
    let participation: String
    let moderation: String
    let source: String?
    let participants: Int
    let votes: Int
    /// Statements shown to participants, with their counts.
    let statements: [ConsultationStatementDTO]
    /// The opinion groups of the last map (none until one is computed).
    let groups: [ConsultationGroupDTO]
    let mapComputedAt: String?
    /// Votes the last map counts (the latest of each participant on each statement): behind `votes` while the
    /// worker catches up.
    let mapVotes: Int?
}

/// `/api/v1/{council}/consultations` and `/api/v1/{council}/consultations/{id}`: what the public pages show, under
/// the same rule (drafts only for the council's secretariat and bureau). Participants are never in the API.
struct ConsultationAPI {
    let services: ConsultationServices

    static let operations: [(method: String, path: String)] = [
        ("get", "/api/v1/{council}/consultations"),
        ("get", "/api/v1/{council}/consultations/{id}"),
    ]

    func register(in council: PathRegistrar) {
        council.get(APIPaths.consultations, use: list)
        council.get(APIPaths.consultation, use: consultation)
    }

    func summary(_ record: ConsultationRecord, council: Council, now: Double) -> ConsultationSummaryDTO {
        ConsultationSummaryDTO(
            id: record.id, phase: ConsultationGate.schedule(record).phase(at: now).rawValue, title: LocalizedDTO(record.title),
            opensAt: Date(timeIntervalSince1970: record.opensAt).formatted(.iso8601), closesAt: Date(timeIntervalSince1970: record.closesAt).formatted(.iso8601),
            workId: record.workId, url: "\(services.baseURL)\(ConsultationPaths.item.url(council.slug, record.id))")
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> JSONBody<[ConsultationSummaryDTO]> {
        let scope = try context.inCouncil()
        let actor = ConsultationActor(scope.actor)
        var phase: ConsultationPhase?
        if let raw = request.uri.queryParameters.get("phase") {
            guard let parsed = ConsultationPhase(rawValue: raw) else { throw PageError(.badRequest, "error_bad_request") }
            phase = parsed
        }
        let now = services.clock.now().timeIntervalSince1970
        let records = try await services.consultations.all(councilID: scope.council.id,
                                                           includeDrafts: ConsultationRules.decide(.see, by: actor, phase: .draft).isAllowed)
        let summaries = records.map { summary($0, council: scope.council, now: now) }.filter { phase == nil || $0.phase == phase?.rawValue }
        return JSONBody(value: summaries)
    }

    @Sendable func consultation(_ request: Request, context: AppContext) async throws -> JSONBody<ConsultationDTO> {
        let gate = try await ConsultationGate.load(services: services, context: context, request: request)
        let id = gate.record.id
        let statements = try await gate.statements(services)
            .filter { (StatementModeration(rawValue: $0.moderation) ?? .rejected).isShown(under: gate.moderation) }
        // Counts from the last map, as the pages show them: never millions of votes counted on a request.
        let stored = try await services.snapshots.snapshot(consultationID: id, maps: services.maps)
        let counts = (participants: stored?.snapshot.participants ?? 0, votes: stored?.snapshot.votes ?? 0)
        let modules = ConsultationModules(rawValue: gate.record.modules)
        return JSONBody(value: ConsultationDTO(
            summary: summary(gate.record, council: gate.council, now: gate.now), description: LocalizedDTO(gate.record.description),
            languages: gate.record.languages.split(separator: ",").map(String.init),
            modules: ConsultationModules.all.filter { modules.contains($0.module) }.map(\.name),
            participation: gate.participation.rawValue, moderation: gate.moderation.rawValue, source: gate.record.source,
            participants: counts.participants, votes: counts.votes,
            statements: statements.map { statement in
                let tally = stored?.snapshot.tally(statement.number) ?? (agree: 0, disagree: 0, pass: 0)
                return ConsultationStatementDTO(id: statement.id, number: statement.number, text: statement.text, agree: tally.agree,
                                                disagree: tally.disagree, pass: tally.pass)
            },
            groups: (stored?.snapshot.groups ?? []).enumerated().map { ConsultationGroupDTO(label: String(UnicodeScalar(UInt8(65 + $0 % 26))), size: $1.size) },
            mapComputedAt: stored.map { Date(timeIntervalSince1970: $0.computedAt).formatted(.iso8601) }, mapVotes: stored?.snapshot.votes))
    }
}
