import Foundation
import HemicycleDomain
import Hummingbird
import Organisation
import Storage

struct SecretariatUnitDTO: Codable, Sendable {
    let id: Int64
    /// `direction` or `service`.
    let kind: String
    /// The direction a service belongs to.
    let parent: Int64?
    let name: LocalizedDTO
}

struct SecretariatPostDTO: Codable, Sendable {
    let id: Int64
    let unit: Int64
    let title: LocalizedDTO
    let grade: String
    /// The seat of the member of staff holding the post; absent when it is vacant.
    let holder: Int64?
}

struct SecretariatStaffDTO: Codable, Sendable {
    /// The seat (membership) of the member of staff.
    let membership: Int64
    let name: String
    let post: Int64?
    let commissions: [Int64]
    let works: [Int64]
    /// Works in preparation they follow, directly or through the commissions they serve.
    let worksInPreparation: Int
}

struct SecretariatCommissionDTO: Codable, Sendable {
    let id: Int64
    let name: LocalizedDTO
    let staff: [Int64]
    let worksInPreparation: Int
}

struct SecretariatDTO: Codable, Sendable {
    let units: [SecretariatUnitDTO]
    let posts: [SecretariatPostDTO]
    let staff: [SecretariatStaffDTO]
    let commissions: [SecretariatCommissionDTO]
    let url: String
}

/// `/api/v1/{council}/secretariat`: the administration's organisation and workload, for the council's staff and bureau
/// only (401 for a visitor, 403 for anyone else), as its page shows them.
struct SecretariatAPI {
    let services: SecretariatServices
    let pages: Pages
    let baseURL: String

    static let operations: [(method: String, path: String)] = [("get", "/api/v1/{council}/secretariat")]

    func register(in council: PathRegistrar) {
        council.get(APIPaths.secretariat, use: get)
    }

    @Sendable func get(_ request: Request, context: AppContext) async throws -> JSONBody<SecretariatDTO> {
        let scope = try context.inCouncil()
        try pages.require(SecretariatRules.decide(scope.actor, .see), context)
        let council = scope.council
        let units = try await services.secretariat.units(councilID: council.id)
        let posts = try await services.secretariat.posts(councilID: council.id)
        let assignments = try await services.secretariat.assignments(councilID: council.id)
        let seats = try await services.memberships.all(councilID: council.id)
            .filter { ($0.role == Role.staff.rawValue || $0.role == Role.administrator.rawValue) && $0.endedAt == nil }
        let commissions = try await services.commissions.all(councilID: council.id)
        let works = try await services.works.all(councilID: council.id)
        let workload = SecretariatWorkload(
            assignments: assignments.map { .init(seat: $0.membershipId, commission: $0.commissionId, work: $0.workId) },
            works: works.map { .init(id: $0.id, commission: $0.commissionId, inPreparation: SecretariatRoutes.inPreparation($0.status)) })
        let postOf = Dictionary(posts.compactMap { post in post.holderId.map { ($0, post.id) } }, uniquingKeysWith: { first, _ in first })
        let bySeat = Dictionary(grouping: assignments, by: \.membershipId)
        return JSONBody(value: SecretariatDTO(
            units: units.map { SecretariatUnitDTO(id: $0.id, kind: $0.kind, parent: $0.parentId, name: LocalizedDTO($0.name)) },
            posts: posts.map { SecretariatPostDTO(id: $0.id, unit: $0.unitId, title: LocalizedDTO($0.title), grade: $0.grade, holder: $0.holderId) },
            staff: seats.sorted { $0.id < $1.id }.map { seat in
                let own = bySeat[seat.id] ?? []
                return SecretariatStaffDTO(
                    membership: seat.id, name: seat.displayName, post: postOf[seat.id],
                    commissions: own.compactMap(\.commissionId).sorted(), works: own.compactMap(\.workId).sorted(),
                    worksInPreparation: workload.worksBySeat[seat.id]?.count ?? 0)
            },
            commissions: commissions.map { commission in
                SecretariatCommissionDTO(id: commission.id, name: LocalizedDTO(commission.name),
                                         staff: (workload.staffByCommission[commission.id] ?? []).sorted(),
                                         worksInPreparation: workload.worksByCommission[commission.id]?.count ?? 0)
            },
            url: baseURL + SecretariatPaths.page.url(council.slug)))
    }
}
