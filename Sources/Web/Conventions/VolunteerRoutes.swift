import Conventions
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// The secretariat's list of the volunteers, with their contact details, a page at a time, and the removal of one
/// (a person who asks to leave the pool, or a line imported by mistake) while the pool is open.
struct VolunteerRoutes {
    let services: ConventionServices
    let pages: Pages

    static let pageSize = 100

    func register(in council: PathRegistrar) {
        council.get(ConventionPaths.volunteers, use: list)
        council.post(ConventionPaths.removeVolunteer, use: remove)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> HTML {
        let gate = try await ConventionGate.load(services: services, context: context)
        try pages.require(gate.decide(.seeVolunteers), context)
        let count = try await services.conventions.volunteerCount(conventionID: gate.record.id)
        let pageCount = max(1, (count + Self.pageSize - 1) / Self.pageSize)
        let page = min(max(1, request.uri.queryParameters.get("page", as: Int.self) ?? 1), pageCount)
        let volunteers = try await services.conventions.volunteers(conventionID: gate.record.id, limit: Self.pageSize,
                                                                   offset: (page - 1) * Self.pageSize)
        let format = Formatting(language: context.language, council: gate.council)
        let slug = gate.council.slug, id = gate.record.id
        let mayRemove = gate.may(.managePool)
        let model = VolunteersPage(
            title: ConventionView(pages: pages, gate: gate, context: context).localized(gate.record.title),
            count: pages.plural("convention_pool_count", count: count, context, format: format),
            rows: volunteers.map { volunteer in
                VolunteersPage.Row(
                    reference: volunteer.reference, name: volunteer.name ?? "", email: volunteer.email ?? "", phone: volunteer.phone ?? "",
                    source: pages.text("convention_source_\(volunteer.source)", context),
                    removeURL: mayRemove ? ConventionPaths.removeVolunteer.url(slug, id, volunteer.id) : nil)
            },
            hasRows: !volunteers.isEmpty,
            pageLabel: pages.text("convention_volunteers_page", context, ["page": format.number(page), "pages": format.number(pageCount)]),
            previousURL: page > 1 ? "\(ConventionPaths.volunteers.url(slug, id))?page=\(page - 1)" : nil,
            nextURL: page < pageCount ? "\(ConventionPaths.volunteers.url(slug, id))?page=\(page + 1)" : nil,
            backURL: ConventionPaths.item.url(slug, id))
        return try await pages.page("convention-volunteers", title: pages.text("convention_volunteers_title", context), request: request,
                                    context: context, council: gate.council, typed: model)
    }

    @Sendable func remove(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await ConventionGate.load(services: services, context: context)
        try pages.require(gate.decide(.managePool), context)
        guard let volunteerID = context.parameters.get("volunteer", as: Int64.self) else { throw PageError.notFound }
        do {
            guard try await services.conventions.removeVolunteer(conventionID: gate.record.id, councilID: gate.council.id, volunteerID: volunteerID,
                                                                 whileIn: ConventionFormRoutes.editable)
            else { throw PageError.notFound }
        } catch StoreError.stateChanged {
            throw PageError(.conflict, "convention_conflict_committed")
        }
        return .redirect(to: SiteURL.with(ConventionPaths.volunteers.url(gate.council.slug, gate.record.id), notice: "deleted"), type: .normal)
    }
}

/// The typed model of the secretariat's list of volunteers.
struct VolunteersPage: Encodable {
    struct Row: Encodable {
        let reference: String
        let name: String
        let email: String
        let phone: String
        let source: String
        let removeURL: String?
    }

    let title: LocalizedView
    let count: String
    let rows: [Row]
    let hasRows: Bool
    let pageLabel: String
    let previousURL: String?
    let nextURL: String?
    let backURL: String
}
