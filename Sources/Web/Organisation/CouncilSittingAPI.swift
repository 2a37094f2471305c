import Foundation
import HemicycleDomain
import Hummingbird
import Organisation
import Storage

struct SittingAgendaItemDTO: Codable, Sendable {
    let kind: String
    /// The work it concerns, in this API.
    let work: String?
    let title: LocalizedDTO
}

struct SittingAttendeeDTO: Codable, Sendable {
    let name: String
    /// Their public page while they sit.
    let url: String?
    /// `present`, `remote`, `excused`, `absent`; absent when not recorded.
    let attendance: String?
}

struct SittingProxyDTO: Codable, Sendable {
    let giver: String
    let holder: String
}

struct SittingMinutesDTO: Codable, Sendable {
    let status: String
    let language: String
    let text: String
}

struct SittingDTO: Codable, Sendable {
    let id: Int64
    let body: String
    /// The commission that meets, for a commission's meeting.
    let commission: Int64?
    let startsAt: String
    let endsAt: String
    let place: String
    let status: String
    let agenda: [SittingAgendaItemDTO]
    let attendees: [SittingAttendeeDTO]
    let proxies: [SittingProxyDTO]
    let quorumMet: Bool?
    /// When the reader may read them (published: as the sitting; before: the council's people).
    let minutes: SittingMinutesDTO?
    let url: String
}

/// `/api/v1/{council}/sittings` and `/api/v1/{council}/sittings/{id}`: the sittings the reader may see (plenary
/// sittings for everyone, a commission's or the bureau's for the council's people), in order of time, with their
/// agenda, attendance, proxies and minutes as their pages show them. The video link is never in the API.
struct CouncilSittingAPI {
    let services: CouncilSittingServices

    static let operations: [(method: String, path: String)] = [
        ("get", "/api/v1/{council}/sittings"),
        ("get", "/api/v1/{council}/sittings/{id}"),
    ]

    func register(in council: PathRegistrar) {
        council.get(APIPaths.sittings, use: list)
        council.get(APIPaths.sitting, use: item)
    }

    func visible(_ sitting: SittingRecord, _ scope: CouncilScope) -> Bool {
        SittingRules.decide(scope.actor, .see(SittingBody(rawValue: sitting.body) ?? .plenary)).isAllowed
    }

    func dto(_ sitting: SittingRecord, scope: CouncilScope, agenda: [SittingItemRecord], works: [Int64: WorkRecord]) async throws -> SittingDTO {
        let council = scope.council, base = services.baseURL
        let voters = try await CouncilSittingVoters.ofSitting(sitting, services: services, councilID: council.id)
        let recorded = try await services.sittings.attendance(sittingID: sitting.id)
        let names = Dictionary(voters.map { ($0.id, $0.displayName) }, uniquingKeysWith: { first, _ in first })
        let proxies = try await services.sittings.proxies(sittingID: sitting.id)
        let attendance = recorded.compactMapValues(Attendance.init(rawValue:))
        let body = SittingBody(rawValue: sitting.body) ?? .plenary
        let quorum = recorded.isEmpty ? nil : QuorumCount(voters: Set(voters.map(\.id)), attendance: attendance,
                                                          proxies: proxies.map { Proxy(giver: $0.giverId, holder: $0.holderId, ballotID: $0.ballotId) },
                                                          rule: council.sittingRules.quorum).isMet
        var minutes: SittingMinutesDTO?
        if let record = try await services.sittings.minutes(sittingID: sitting.id),
           MinutesRules.decide(scope.actor, .read(body, MinutesStatus(rawValue: record.status) ?? .draft)).isAllowed {
            minutes = SittingMinutesDTO(status: record.status, language: record.language, text: record.body)
        }
        return SittingDTO(
            id: sitting.id, body: sitting.body, commission: sitting.commissionId,
            startsAt: Date(timeIntervalSince1970: sitting.startsAt).formatted(.iso8601), endsAt: Date(timeIntervalSince1970: sitting.endsAt).formatted(.iso8601),
            place: sitting.place, status: sitting.status,
            agenda: agenda.map { item in
                // A work is named in the API once its page is public, or to those who read its draft.
                let work = item.workId.flatMap { works[$0] }
                return SittingAgendaItemDTO(kind: item.kind, work: work.map { base + APIPaths.work.url(council.slug, $0.id) },
                                            title: LocalizedDTO(work?.title ?? item.title))
            },
            attendees: voters.map { seat in
                SittingAttendeeDTO(name: seat.displayName, url: CouncilPaths.memberPage(council, seat).map { base + $0 }, attendance: recorded[seat.id])
            },
            proxies: proxies.map { SittingProxyDTO(giver: names[$0.giverId] ?? "", holder: names[$0.holderId] ?? "") },
            quorumMet: quorum, minutes: minutes, url: base + CouncilSittingPaths.item.url(council.slug, sitting.id))
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> JSONBody<[SittingDTO]> {
        let scope = try context.inCouncil()
        let sittings = try await services.sittings.all(councilID: scope.council.id).filter { visible($0, scope) }
        let agendas = try await services.sittings.items(sittingIDs: sittings.map(\.id))
        let works = Dictionary(try await services.works.all(councilID: scope.council.id).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var result: [SittingDTO] = []
        for sitting in sittings { result.append(try await dto(sitting, scope: scope, agenda: agendas[sitting.id] ?? [], works: works)) }
        return JSONBody(value: result)
    }

    @Sendable func item(_ request: Request, context: AppContext) async throws -> JSONBody<SittingDTO> {
        let scope = try context.inCouncil()
        guard let id = context.parameters.get("id", as: Int64.self), let sitting = try await services.sittings.find(id: id, councilID: scope.council.id),
              visible(sitting, scope) else { throw PageError.notFound }
        let works = Dictionary(try await services.works.all(councilID: scope.council.id).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return JSONBody(value: try await dto(sitting, scope: scope, agenda: try await services.sittings.items(sittingID: sitting.id), works: works))
    }
}
