import Cooperation
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

struct ContributionWorkDTO: Codable, Sendable {
    let id: Int64
    /// The receiving council's slug.
    let council: String
    let title: LocalizedDTO
    let url: String
}

struct ContributionDTO: Codable, Sendable {
    let id: Int64
    let title: String
    let body: String
    /// `draft`, `sent` or `acknowledged`.
    let status: String
    /// The partner's work it contributes to; absent if that work is no longer there.
    let work: ContributionWorkDTO?
    let sentAt: String?
    let acknowledgedAt: String?
    let url: String
}

/// `/api/v1/{council}/cooperation/contributions` and `…/{id}`: what the council contributes to its partners' works,
/// drafts included, for its own members, bureau and secretariat (as its page shows them), the latest first.
struct ContributionAPI {
    let services: ContributionServices
    let baseURL: String

    static let operations: [(method: String, path: String)] = [
        ("get", "/api/v1/{council}/cooperation/contributions"),
        ("get", "/api/v1/{council}/cooperation/contributions/{id}"),
    ]

    func register(in council: PathRegistrar) {
        council.get(APIPaths.contributions, use: list)
        council.get(APIPaths.contribution, use: item)
    }

    /// The council's own people; a visitor is asked to sign in.
    func scope(_ context: AppContext) throws -> CouncilScope {
        let scope = try context.inCouncil()
        guard ContributionRules.decide(.see, by: scope.actor, status: .draft, isOpen: true).isAllowed else {
            throw PageError(context.account == nil ? .unauthorized : .forbidden, "contribution_refused")
        }
        return scope
    }

    func dto(_ record: PartnerContributionRecord, council: Council, works: [Int64: (WorkRecord, Council)]) -> ContributionDTO {
        ContributionDTO(
            id: record.id, title: record.title, body: record.body, status: record.status,
            work: works[record.workId].map { work, receiver in
                ContributionWorkDTO(id: work.id, council: receiver.slug, title: LocalizedDTO(work.title), url: baseURL + WorkPaths.item.url(receiver.slug, work.id))
            },
            sentAt: record.sentAt.map { Date(timeIntervalSince1970: $0).formatted(.iso8601) },
            acknowledgedAt: record.acknowledgedAt.map { Date(timeIntervalSince1970: $0).formatted(.iso8601) },
            url: baseURL + ContributionPaths.item.url(council.slug, record.id))
    }

    /// The works `records` contribute to, with their councils: one query for the councils, one per work.
    func works(of records: [PartnerContributionRecord]) async throws -> [Int64: (WorkRecord, Council)] {
        let councils = try await services.councils.all()
        var result: [Int64: (WorkRecord, Council)] = [:]
        for workID in Set(records.map(\.workId)) {
            guard let work = try await services.works.find(id: workID) else { continue }
            guard let receiver = councils.first(where: { $0.id == work.councilId }) else { continue }
            result[workID] = (work, receiver)
        }
        return result
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> JSONBody<[ContributionDTO]> {
        let council = try scope(context).council
        let records = try await services.contributions.all(councilID: council.id)
        let works = try await works(of: records)
        return JSONBody(value: records.map { dto($0, council: council, works: works) })
    }

    @Sendable func item(_ request: Request, context: AppContext) async throws -> JSONBody<ContributionDTO> {
        let council = try scope(context).council
        guard let id = context.parameters.get("id", as: Int64.self), let record = try await services.contributions.find(id: id, councilID: council.id)
        else { throw PageError.notFound }
        return JSONBody(value: dto(record, council: council, works: try await works(of: [record])))
    }
}
