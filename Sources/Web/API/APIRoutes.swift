import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// The JSON API under `/api/v1`, described by `/api/v1/openapi.json`.
struct APIRoutes {
    let services: CouncilServices
    let pages: Pages
    let openAPIDocument: String

    /// Every API operation, as (method, path in OpenAPI form). A test checks the OpenAPI document against it.
    static let operations: [(method: String, path: String)] = [
        ("get", "/api/v1/openapi.json"),
        ("get", "/api/v1/councils"),
        ("get", "/api/v1/{council}"),
        ("get", "/api/v1/{council}/groups"),
        ("post", "/api/v1/{council}/groups"),
        ("get", "/api/v1/{council}/commissions"),
        ("post", "/api/v1/{council}/commissions"),
        ("get", "/api/v1/{council}/members"),
    ] + WorkAPI.operations + ConventionAPI.operations + DrawAPI.operations + SittingAPI.operations
        + ConsultationAPI.operations + NewsAPI.operations + MissionAPI.operations + CouncilSittingAPI.operations + BudgetAPI.operations + IndicatorAPI.operations + ActivityReportAPI.operations + SecretariatAPI.operations + AgreementAPI.operations + PracticeAPI.operations
        + ContributionAPI.operations

    func register(on routes: PathRegistrar, in scoped: PathRegistrar) {
        routes.get(APIPaths.openAPI, use: openAPI)
        routes.get(APIPaths.councils, use: councils)
        scoped.get(APIPaths.council, use: council)
        scoped.get(APIPaths.groups, use: groups)
        scoped.post(APIPaths.groups, use: createGroup)
        scoped.get(APIPaths.commissions, use: commissions)
        scoped.post(APIPaths.commissions, use: createCommission)
        scoped.get(APIPaths.members, use: members)
    }

    @Sendable func openAPI(_ request: Request, context: AppContext) async throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: openAPIDocument)))
    }

    @Sendable func councils(_ request: Request, context: AppContext) async throws -> JSONBody<[CouncilDTO]> {
        JSONBody(value: try await services.councils.all().map(CouncilDTO.init))
    }

    @Sendable func council(_ request: Request, context: AppContext) async throws -> JSONBody<CouncilDTO> {
        JSONBody(value: CouncilDTO(try context.inCouncil().council))
    }

    @Sendable func groups(_ request: Request, context: AppContext) async throws -> JSONBody<[GroupDTO]> {
        let council = try context.inCouncil().council
        let sitting = try await services.memberships.all(councilID: council.id).filter { $0.roleValue.sitsInAssembly }
        return JSONBody(value: try await services.groups.all(councilID: council.id).map { group in
            GroupDTO(id: group.id, acronym: group.acronym, name: LocalizedDTO(group.name),
                     description: LocalizedDTO(group.description), memberCount: sitting.filter { $0.groupId == group.id }.count)
        })
    }

    @Sendable func commissions(_ request: Request, context: AppContext) async throws -> JSONBody<[CommissionDTO]> {
        let council = try context.inCouncil().council
        let sitting = Set(try await services.memberships.all(councilID: council.id).filter { $0.roleValue.sitsInAssembly }.map(\.id))
        let seats = try await services.commissions.seats(councilID: council.id)
        return JSONBody(value: try await services.commissions.all(councilID: council.id).map { commission in
            CommissionDTO(id: commission.id, name: LocalizedDTO(commission.name),
                          description: LocalizedDTO(commission.description),
                          memberIds: seats.filter { $0.commissionID == commission.id && sitting.contains($0.membershipID) }
                              .map(\.membershipID))
        })
    }

    /// Sitting members for everyone; with `?all=true`, every person of the council with e-mail, for its staff only.
    @Sendable func members(_ request: Request, context: AppContext) async throws -> JSONBody<[MemberDTO]> {
        let council = try context.inCouncil().council
        // A boolean, as the document says: anything else is refused, not read as false.
        let everyone: Bool
        switch request.uri.queryParameters.get("all") {
        case nil, "false": everyone = false
        case "true": everyone = true
        default: throw PageError(.badRequest, "error_bad_request")
        }
        if everyone { try pages.authorize(.viewPersonalData, context) }
        let seats = try await services.commissions.seats(councilID: council.id)
        let people = try await services.memberships.all(councilID: council.id).filter { everyone || $0.roleValue.sitsInAssembly }
        return JSONBody(value: people.map { membership in
            MemberDTO(id: membership.id, name: membership.displayName, role: membership.role, groupId: membership.groupId,
                      commissionIds: seats.filter { $0.membershipID == membership.id }.map(\.commissionID),
                      email: everyone ? membership.email : nil)
        })
    }

    @Sendable func createGroup(_ request: Request, context: AppContext) async throws -> JSONBody<GroupDTO> {
        let council = try context.inCouncil().council
        try pages.authorize(.manageBodies, context)
        let input = try await decode(NewGroupDTO.self, request, context)
        let name = try Validate.localizedName(input.name.text)
        let description = input.description?.text ?? LocalizedText()
        let acronym = input.acronym.flatMap { $0.isEmpty ? nil : $0 }
        let id = try await services.groups.create(councilID: council.id, name: name, acronym: acronym, description: description,
                                              at: services.clock.now())
        return JSONBody(value: GroupDTO(id: id, acronym: acronym, name: LocalizedDTO(name),
                                        description: LocalizedDTO(description), memberCount: 0), status: .created)
    }

    @Sendable func createCommission(_ request: Request, context: AppContext) async throws -> JSONBody<CommissionDTO> {
        let council = try context.inCouncil().council
        try pages.authorize(.manageBodies, context)
        let input = try await decode(NewCommissionDTO.self, request, context)
        let name = try Validate.localizedName(input.name.text)
        let description = input.description?.text ?? LocalizedText()
        let id = try await services.commissions.create(councilID: council.id, name: name, description: description, at: services.clock.now())
        return JSONBody(value: CommissionDTO(id: id, name: LocalizedDTO(name), description: LocalizedDTO(description),
                                             memberIds: []), status: .created)
    }

    /// Decodes a JSON body; the wrong media type is 415, malformed JSON is 400.
    private func decode<T: Decodable>(_ type: T.Type, _ request: Request, _ context: AppContext) async throws -> T {
        guard request.headers[.contentType]?.hasPrefix("application/json") == true else {
            throw PageError(.unsupportedMediaType, "error_json_required")
        }
        var request = request
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: 1_048_576) } catch { throw PageError(.contentTooLarge, "error_too_large") }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch {
            throw PageError(.badRequest, "error_malformed_json")
        }
    }
}
