import CouncilWork
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

struct WorkSummaryDTO: Codable, Sendable {
    let id: Int64
    let kind: String
    let status: String
    let title: LocalizedDTO
    let referralSource: String
    let procedure: String
    let deadline: Date?
    let url: String
}

struct BlockDTO: Codable, Sendable {
    let id: String
    let kind: String
    let number: Int?
    let text: String
}

struct AmendmentDTO: Codable, Sendable {
    let id: Int64
    let number: Int
    let version: Int
    let operation: String
    let anchor: String
    let passage: String?
    let text: String
    let justification: String
    let author: String?
    let status: String
    let rapporteurOpinion: String?
    let conflicting: Bool
}

struct CountsDTO: Codable, Sendable {
    let `for`: Int
    let against: Int
    let abstain: Int
    let notTakingPart: Int

    init(_ counts: VoteCounts) {
        self.for = counts.pour
        against = counts.contre
        abstain = counts.abstention
        notTakingPart = counts.notTakingPart
    }
}

struct GroupResultDTO: Codable, Sendable {
    let group: String
    let counts: CountsDTO
    let position: String
}

struct BallotDTO: Codable, Sendable {
    let id: Int64
    let body: String
    let amendmentNumber: Int?
    let majority: String
    let open: Bool
    let adopted: Bool?
    let overall: CountsDTO
    let groups: [GroupResultDTO]
}

struct WorkDTO: Codable, Sendable {
    let summary: WorkSummaryDTO
    let summaryText: LocalizedDTO
    let commissionId: Int64?
    let rapporteurs: [String]
    let timeline: [TimelineDTO]
    let text: [BlockDTO]
    let amendments: [AmendmentDTO]
    let ballots: [BallotDTO]
    let declarations: [DeclarationDTO]
    let dissents: [DissentDTO]
}

struct TimelineDTO: Codable, Sendable {
    let status: String
    let at: Date
    let note: String?
}

struct DeclarationDTO: Codable, Sendable {
    let group: String
    let text: String
}

struct DissentDTO: Codable, Sendable {
    let block: String
    let holder: String
    let text: String
}

/// `/api/v1/{council}/works` and `/api/v1/{council}/works/{id}`: the same visibility rules as the pages.
struct WorkAPI {
    let services: WorkServices

    static let operations: [(method: String, path: String)] = [
        ("get", "/api/v1/{council}/works"),
        ("get", "/api/v1/{council}/works/{id}"),
    ]

    func register(in council: PathRegistrar) {
        council.get(APIPaths.works, use: list)
        council.get(APIPaths.work, use: work)
    }

    func summary(_ work: WorkRecord, council: Council) -> WorkSummaryDTO {
        WorkSummaryDTO(id: work.id, kind: work.kind, status: work.status, title: LocalizedDTO(work.title), referralSource: work.referralSource,
                       procedure: work.procedure, deadline: work.deadline.map { Date(timeIntervalSince1970: $0) },
                       url: "\(services.baseURL)\(WorkPaths.item.url(council.slug, work.id))")
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> JSONBody<[WorkSummaryDTO]> {
        let scope = try context.inCouncil()
        let council = scope.council, actor = scope.actor
        var statuses = WorkStatus.allCases.filter { WorkRules.maySee($0, by: actor) }
        if let raw = request.uri.queryParameters.get("status") {
            guard let status = WorkStatus(rawValue: raw) else { throw PageError(.badRequest, "error_bad_request") }
            statuses = statuses.filter { $0 == status }
        }
        let works = try await services.works.all(councilID: council.id, statuses: statuses.map(\.rawValue))
        return JSONBody(value: works.map { summary($0, council: council) })
    }

    @Sendable func work(_ request: Request, context: AppContext) async throws -> JSONBody<WorkDTO> {
        let dossier = try await WorkDossier.load(services: services, context: context, extent: .counts)
        let council = dossier.council
        let language = council.language
        let numbers = dossier.current?.text.paragraphNumbers ?? [:]
        var amendments: [AmendmentDTO] = []
        for version in dossier.versions {
            guard let list = dossier.amendmentList(versionID: version.record.id) else { continue }
            let conflicting = list.conflicting
            for amendment in list.sortedByPosition {
                let record = dossier.amendments.first { $0.id == Int64(amendment.id) }!
                amendments.append(AmendmentDTO(
                    id: record.id, number: amendment.number, version: version.record.number, operation: amendment.operation.rawValue,
                    anchor: amendment.anchor, passage: amendment.operation == .insert ? nil : amendment.passage(in: version.text),
                    text: amendment.text, justification: record.justification,
                    author: record.authorMembershipId.flatMap { dossier.people[$0]?.displayName }, status: amendment.status.rawValue,
                    rapporteurOpinion: record.opinion, conflicting: conflicting.contains(amendment.id)))
            }
        }
        let ballots = dossier.ballots.map { ballot in
            BallotDTO(id: ballot.record.id, body: ballot.record.body,
                      amendmentNumber: ballot.record.amendmentId.flatMap { id in dossier.amendments.first { $0.id == id }?.number },
                      majority: ballot.record.majority, open: ballot.isOpen, adopted: ballot.record.adopted, overall: CountsDTO(ballot.tally.overall),
                      groups: ballot.tally.groups.map { GroupResultDTO(group: dossier.groupName(Int64($0.group), language: language),
                                                                       counts: CountsDTO($0.counts), position: $0.position.rawValue) })
        }
        return JSONBody(value: WorkDTO(
            summary: summary(dossier.work, council: council), summaryText: LocalizedDTO(dossier.work.summary),
            commissionId: dossier.work.commissionId, rapporteurs: dossier.rapporteurs.compactMap { dossier.people[$0]?.displayName },
            timeline: dossier.events.map { TimelineDTO(status: $0.status, at: Date(timeIntervalSince1970: $0.at), note: $0.note) },
            text: dossier.current?.text.blocks.map { BlockDTO(id: $0.id, kind: $0.kind.rawValue, number: numbers[$0.id], text: $0.text) } ?? [],
            amendments: amendments, ballots: ballots,
            declarations: dossier.declarations.map { DeclarationDTO(group: dossier.groupName($0.groupId, language: language), text: $0.body) },
            dissents: dossier.dissents.map { DissentDTO(block: $0.blockId, holder: $0.holder, text: $0.body) }))
    }
}
