import Cooperation
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

struct MissionTravellerDTO: Codable, Sendable {
    let name: String
    /// Their public page while they sit; absent once their seat has ended.
    let url: String?
    let group: LocalizedDTO?
}

struct MissionDTO: Codable, Sendable {
    let id: Int64
    let title: LocalizedDTO
    let destination: String
    /// The partner council's slug, when it is hosted here.
    let partner: String?
    /// The agreement it served, in this API, when the reader may see it.
    let agreement: String?
    /// The first and last days, `yyyy-MM-dd` in the council's calendar.
    let firstDay: String
    let lastDay: String
    let travellers: [MissionTravellerDTO]
    /// Written in the council's language.
    let language: String
    let purpose: String
    let met: String
    let outcomes: String
    let url: String
}

/// `/api/v1/{council}/cooperation/missions` and `/api/v1/{council}/cooperation/missions/{id}`: the council's missions,
/// public as their pages are, the latest first.
struct MissionAPI {
    let services: MissionServices
    let baseURL: String

    static let operations: [(method: String, path: String)] = [
        ("get", "/api/v1/{council}/cooperation/missions"),
        ("get", "/api/v1/{council}/cooperation/missions/{id}"),
    ]

    func register(in council: PathRegistrar) {
        council.get(APIPaths.missions, use: list)
        council.get(APIPaths.mission, use: item)
    }

    func dto(_ mission: MissionRecord, travelled: [Int64], council: Council, seats: [Int64: Membership], groups: [Int64: CouncilGroup],
             partners: [Int64: String], agreements: [Int64: String]) -> MissionDTO {
        let travellers = travelled.compactMap { seats[$0] }.map { seat in
            MissionTravellerDTO(name: seat.displayName,
                                url: CouncilPaths.memberPage(council, seat).map { baseURL + $0 },
                                group: seat.groupId.flatMap { groups[$0] }.map { LocalizedDTO($0.name) })
        }
        return MissionDTO(
            id: mission.id, title: LocalizedDTO(mission.title), destination: mission.destination,
            partner: mission.partnerCouncilId.flatMap { partners[$0] }, agreement: mission.agreementId.flatMap { agreements[$0] },
            firstDay: MissionRoutes.day(mission.startsAt, in: council.zone), lastDay: MissionRoutes.day(mission.endsAt, in: council.zone),
            travellers: travellers, language: council.language.rawValue, purpose: mission.purpose, met: mission.met, outcomes: mission.outcomes,
            url: baseURL + MissionPaths.item.url(council.slug, mission.id))
    }

    /// The API addresses of the council's agreements the reader may see.
    func agreements(_ scope: CouncilScope) async throws -> [Int64: String] {
        let now = services.clock.now()
        var visible: [Int64: String] = [:]
        for agreement in try await services.agreements.all(councilID: scope.council.id)
        where AgreementRules.decide(.see(agreement.status(at: now, in: scope.council)), by: scope.actor).isAllowed {
            visible[agreement.id] = baseURL + APIPaths.agreement.url(scope.council.slug, agreement.id)
        }
        return visible
    }

    func lookups(_ council: Council) async throws -> (seats: [Int64: Membership], groups: [Int64: CouncilGroup], partners: [Int64: String]) {
        (Dictionary(try await services.memberships.all(councilID: council.id, includingEnded: true).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }),
         Dictionary(try await services.groups.all(councilID: council.id).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }),
         Dictionary(try await services.councils.all().map { ($0.id, $0.slug) }, uniquingKeysWith: { first, _ in first }))
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> JSONBody<[MissionDTO]> {
        let scope = try context.inCouncil(), council = scope.council
        let (seats, groups, partners) = try await lookups(council)
        let agreements = try await agreements(scope)
        // Who travelled on every mission, in one query.
        let travelled = try await services.missions.members(councilID: council.id)
        return JSONBody(value: try await services.missions.all(councilID: council.id).map { mission in
            dto(mission, travelled: travelled[mission.id] ?? [], council: council, seats: seats, groups: groups, partners: partners,
                agreements: agreements)
        })
    }

    @Sendable func item(_ request: Request, context: AppContext) async throws -> JSONBody<MissionDTO> {
        let scope = try context.inCouncil(), council = scope.council
        guard let id = context.parameters.get("id", as: Int64.self), let mission = try await services.missions.find(id: id, councilID: council.id)
        else { throw PageError.notFound }
        let (seats, groups, partners) = try await lookups(council)
        return JSONBody(value: dto(mission, travelled: try await services.missions.members(missionID: mission.id), council: council, seats: seats,
                                   groups: groups, partners: partners, agreements: try await agreements(scope)))
    }
}
