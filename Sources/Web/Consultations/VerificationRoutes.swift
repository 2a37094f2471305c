import Consultations
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// Consultations open to verified people: a person declares, on their honour, the birth date and residence the
/// consultation asks; the secretariat keeps the council's list of the addresses allowed where one asks it.
struct VerificationRoutes {
    let services: ConsultationServices
    let pages: Pages

    /// The most addresses one list holds: about what a form of a megabyte carries.
    static let mostAddresses = 30_000

    func register(in council: PathRegistrar) {
        council.post(ConsultationPaths.declaration, use: declare)
        council.get(ConsultationPaths.participantList, use: listForm)
        council.post(ConsultationPaths.participantList, use: replaceList)
    }

    var participation: ParticipationRoutes { ParticipationRoutes(services: services, pages: pages) }

    @Sendable func declare(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await ConsultationGate.load(services: services, context: context, request: request)
        guard gate.participation == .verified, gate.requirements.asksDeclaration else { throw PageError.notFound }
        try pages.require(gate.decide(.declare), context)
        let account = try pages.requireAccount(context)
        func refuse(_ key: String, _ arguments: [String: String] = [:]) async throws -> Response {
            try await participation.render(gate, request: request, context: context, declarationError: pages.text(key, context, arguments),
                                           status: .unprocessableContent).response(from: request, context: context)
        }
        var birthDate: CalendarDay?
        if gate.requirements.minimumAge != nil {
            let today = ConsultationGate.today(council: gate.council, now: gate.now)
            guard let day = context.form.text("birth_date").flatMap(CalendarDay.init), day <= today,
                  day.age(on: today) <= ParticipationRequirements.ages.upperBound
            else { return try await refuse("consultation_error_birth_date") }
            birthDate = day
        }
        var residence: String?
        if !gate.requirements.residences.isEmpty {
            guard let chosen = context.form.text("residence"), gate.requirements.residences.contains(chosen)
            else { return try await refuse("consultation_error_residence") }
            residence = chosen
        }
        try await services.verifications.declare(councilID: gate.council.id, emailDigest: try await services.addressDigests.digest(account.email, now: gate.now),
                                                 birthDate: birthDate?.text,
                                                 residence: residence, at: services.clock.now().timeIntervalSince1970)
        return .redirect(to: SiteURL.with(ConsultationPaths.item.url(gate.council.slug, gate.record.id), notice: "consultation_declaration_recorded"),
                         type: .normal)
    }

    @Sendable func listForm(_ request: Request, context: AppContext) async throws -> HTML {
        try await renderList(request: request, context: context)
    }

    func renderList(request: Request, context: AppContext, error: String? = nil, typed: String = "",
                    status: HTTPResponse.Status = .ok) async throws -> HTML {
        let scope = try context.inCouncil()
        try pages.require(ConsultationRules.decide(.manageParticipantList, by: ConsultationActor(scope.actor), phase: .open), context)
        let format = Formatting(language: context.language, council: scope.council)
        let list = try await services.verifications.list(councilID: scope.council.id)
        let model = ParticipantListPage(
            backURL: ConsultationPaths.list.url(scope.slug), action: ConsultationPaths.participantList.url(scope.slug),
            count: pages.plural("consultation_list_count", count: list.count, context, format: format),
            updated: list.addedAt.map { pages.text("consultation_list_updated", context, ["time": format.dateTime(Date(timeIntervalSince1970: $0))]) },
            typed: typed, error: error)
        return try await pages.page("consultation-participant-list", title: pages.text("consultation_list_title", context), request: request,
                                    context: context, council: scope.council, typed: model, status: status)
    }

    /// Replaces the list with the addresses given, one a line; one address that is not one refuses the whole list,
    /// naming its line and column, and the list stored stays as it was.
    @Sendable func replaceList(_ request: Request, context: AppContext) async throws -> Response {
        let scope = try context.inCouncil()
        try pages.require(ConsultationRules.decide(.manageParticipantList, by: ConsultationActor(scope.actor), phase: .open), context)
        let typed = context.form["addresses"] ?? ""
        var addresses = Set<String>()
        for (index, line) in typed.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let leading = line.prefix { $0.isWhitespace }.count
            let address = line.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !address.isEmpty else { continue }
            guard let valid = try? Validate.email(address) else {
                return try await renderList(request: request, context: context,
                                            error: pages.text("consultation_list_error_address", context,
                                                              ["line": "\(index + 1)", "column": "\(leading + 1)", "address": String(address.prefix(100))]),
                                            typed: typed, status: .unprocessableContent).response(from: request, context: context)
            }
            addresses.insert(valid)
            guard addresses.count <= Self.mostAddresses else {
                return try await renderList(request: request, context: context, error: pages.text("consultation_list_error_size", context),
                                            typed: typed, status: .unprocessableContent).response(from: request, context: context)
            }
        }
        let now = services.clock.now().timeIntervalSince1970
        try await services.verifications.replaceList(councilID: scope.council.id, digests: try await services.addressDigests.digests(addresses, now: now),
                                                     at: now)
        return .redirect(to: SiteURL.with(ConsultationPaths.participantList.url(scope.slug), notice: "saved"), type: .normal)
    }
}

/// The secretariat's page of the council's list of participants: how many addresses, since when, and the form that
/// replaces them.
struct ParticipantListPage: Encodable {
    let backURL: String
    let action: String
    let count: String
    let updated: String?
    let typed: String
    let error: String?
}
