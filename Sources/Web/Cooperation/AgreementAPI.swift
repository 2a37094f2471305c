import Cooperation
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

struct AgreementSignatoryDTO: Codable, Sendable {
    /// The slug of the party they signed for.
    let council: String
    let name: String
}

struct AgreementDTO: Codable, Sendable {
    let id: Int64
    let title: LocalizedDTO
    /// `negotiating`, `signed`, `in_force`, `expired` or `terminated`, today in the council's calendar.
    let status: String
    /// The parties' slugs.
    let parties: [String]
    let place: String
    /// Days as `yyyy-MM-dd`; absent when not (yet) set.
    let signedOn: String?
    let inForceFrom: String?
    let endsOn: String?
    let terminatedOn: String?
    let signatories: [AgreementSignatoryDTO]
    /// The themes' identifiers in the instance's list.
    let themes: [String]
    let text: LocalizedDTO
    let url: String
}

/// `/api/v1/{council}/cooperation/agreements` and `/api/v1/{council}/cooperation/agreements/{id}`: the agreements the
/// council is a party to, as their pages show them (signed ones to anyone; those under negotiation to the parties'
/// members and secretariat). The action plan and what is shared stay on the pages of the parties.
struct AgreementAPI {
    let services: AgreementServices
    let baseURL: String

    static let operations: [(method: String, path: String)] = [
        ("get", "/api/v1/{council}/cooperation/agreements"),
        ("get", "/api/v1/{council}/cooperation/agreements/{id}"),
    ]

    func register(in council: PathRegistrar) {
        council.get(APIPaths.agreements, use: list)
        council.get(APIPaths.agreement, use: item)
    }

    /// The parties, signatories and themes of the council's agreements, read once for the whole list.
    struct Details {
        let parties: [Int64: [Int64]]
        let signatories: [Int64: [AgreementSignatory]]
        let themes: [Int64: [CooperationTheme]]
    }

    func details(_ council: Council) async throws -> Details {
        Details(parties: try await services.agreements.parties(councilID: council.id),
                signatories: try await services.agreements.signatories(councilID: council.id),
                themes: try await services.agreements.themes(councilID: council.id))
    }

    func dto(_ agreement: AgreementRecord, status: AgreementStatus, council: Council, slugs: [Int64: String], details: Details) -> AgreementDTO {
        AgreementDTO(
            id: agreement.id, title: LocalizedDTO(agreement.title), status: status.rawValue,
            parties: (details.parties[agreement.id] ?? []).compactMap { slugs[$0] }, place: agreement.place,
            signedOn: agreement.signedOn, inForceFrom: agreement.inForceFrom, endsOn: agreement.endsOn, terminatedOn: agreement.terminatedOn,
            signatories: (details.signatories[agreement.id] ?? []).compactMap { signatory in
                slugs[signatory.councilId].map { AgreementSignatoryDTO(council: $0, name: signatory.name) }
            },
            themes: (details.themes[agreement.id] ?? []).map(\.slug), text: LocalizedDTO(agreement.text),
            url: baseURL + AgreementPaths.item.url(council.slug, agreement.id))
    }

    func slugs() async throws -> [Int64: String] {
        Dictionary(try await services.councils.all().map { ($0.id, $0.slug) }, uniquingKeysWith: { first, _ in first })
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> JSONBody<[AgreementDTO]> {
        let scope = try context.inCouncil()
        let slugs = try await slugs(), now = services.clock.now(), details = try await details(scope.council)
        var agreements: [AgreementDTO] = []
        for agreement in try await services.agreements.all(councilID: scope.council.id) {
            let status = agreement.status(at: now, in: scope.council)
            guard AgreementRules.decide(.see(status), by: scope.actor).isAllowed else { continue }
            agreements.append(dto(agreement, status: status, council: scope.council, slugs: slugs, details: details))
        }
        return JSONBody(value: agreements)
    }

    @Sendable func item(_ request: Request, context: AppContext) async throws -> JSONBody<AgreementDTO> {
        let scope = try context.inCouncil()
        guard let id = context.parameters.get("id", as: Int64.self), let agreement = try await services.agreements.find(id: id, partyID: scope.council.id)
        else { throw PageError.notFound }
        let status = agreement.status(at: services.clock.now(), in: scope.council)
        guard AgreementRules.decide(.see(status), by: scope.actor).isAllowed else { throw PageError.notFound }
        let details = Details(parties: [agreement.id: try await services.agreements.parties(agreementID: agreement.id)],
                              signatories: [agreement.id: try await services.agreements.signatories(agreementID: agreement.id)],
                              themes: [agreement.id: try await services.agreements.themes(agreementID: agreement.id)])
        return JSONBody(value: dto(agreement, status: status, council: scope.council, slugs: try await slugs(), details: details))
    }
}
