import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// What the OParl endpoint reads.
struct OParlServices: Sendable {
    let councils: CouncilRepository
    let memberships: MembershipRepository
    let groups: GroupRepository
    let commissions: CommissionRepository
    let works: WorkRepository
    let sittings: SittingRepository
    let deletions: OParlDeletionRepository
    let clock: any WallClock
    let baseURL: String
    let sittingServices: CouncilSittingServices

    init(site: Site) {
        councils = site.councils
        memberships = site.memberships
        groups = site.groups
        commissions = site.commissions
        works = site.works
        sittings = SittingRepository(database: site.database)
        deletions = OParlDeletionRepository(database: site.database)
        clock = site.clock
        baseURL = site.configuration.baseURL
        sittingServices = CouncilSittingServices(site: site)
    }
}

/// The OParl 1.1 endpoint (`/oparl/v1/system`): read-only, stateless (no cookie changes what it shows), every list
/// paginated by 100 in a stable order with `links.next`, and filtered by `created_since`, `created_until`,
/// `modified_since` and `modified_until` (objects whose changes are not recorded are always listed). Errors are JSON.
struct OParlRoutes {
    let services: OParlServices
    let pages: Pages

    static let perPage = 100

    func register(on routes: PathRegistrar) {
        routes.get(OParlPaths.system, use: system)
        routes.get(OParlPaths.bodies, use: bodies)
        routes.get(OParlPaths.body, use: body)
        routes.get(OParlPaths.list, use: list)
        routes.get(OParlPaths.object, use: object)
    }

    struct Failure: Error, Encodable {
        let status: Int
        let error: String

        var response: Response {
            Response(status: .init(code: status), headers: [.contentType: "application/json; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(bytes: (try? APIJSONEncoder.encode(self)) ?? [])))
        }
    }

    func catalogue(_ context: AppContext) async throws -> OParlCatalogue? {
        guard let slug = context.parameters.get("body"), let council = try await services.councils.find(slug: slug) else { return nil }
        return OParlCatalogue(council: council, base: services.baseURL, pages: pages)
    }

    func json(_ value: some Encodable & Sendable, request: Request, context: AppContext) throws -> Response {
        try JSONBody(value: value).response(from: request, context: context)
    }

    @Sendable func system(_ request: Request, context: AppContext) async throws -> Response {
        let base = services.baseURL
        return try json(OParlSystem(id: base + OParlPaths.system.url, body: base + OParlPaths.bodies.url,
                                    name: pages.localizer.text("oparl_system_name", context.language), website: base + "/", web: base + "/"),
                         request: request, context: context)
    }

    @Sendable func bodies(_ request: Request, context: AppContext) async throws -> Response {
        let bodies = try await services.councils.all().map { OParlCatalogue(council: $0, base: services.baseURL, pages: pages).body() }
            .map { OParlEntry(path: $0.shortName, created: nil, modified: nil, value: $0) }
        return try page(bodies, listURL: services.baseURL + OParlPaths.bodies.url, request: request, context: context)
    }

    @Sendable func body(_ request: Request, context: AppContext) async throws -> Response {
        guard let catalogue = try await catalogue(context) else { return Failure(status: 404, error: "no such body").response }
        return try json(catalogue.body(), request: request, context: context)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        guard let catalogue = try await catalogue(context), let kind = context.parameters.get("kind"), OParlCatalogue.kinds.contains(kind)
        else { return Failure(status: 404, error: "no such list").response }
        return try page(try await catalogue.entries(kind, services: services), listURL: catalogue.list(kind), request: request, context: context)
    }

    @Sendable func object(_ request: Request, context: AppContext) async throws -> Response {
        guard let catalogue = try await catalogue(context), let kind = context.parameters.get("kind"), OParlCatalogue.kinds.contains(kind),
              let key = context.parameters.get("key"),
              let entry = try await catalogue.entries(kind, services: services).first(where: { $0.path == key })
        else { return Failure(status: 404, error: "no such object").response }
        return try json(entry, request: request, context: context)
    }

    /// A page of `entries`, filtered: `page` from 1; the filters kept in every link, in one canonical order.
    func page(_ entries: [OParlEntry], listURL: String, request: Request, context: AppContext) throws -> Response {
        let query = request.uri.queryParameters
        var filters: [(String, String, Double)] = []
        for name in ["created_since", "created_until", "modified_since", "modified_until"] {
            guard let raw = query.get(name) else { continue }
            guard let date = Self.date(raw) else { return Failure(status: 400, error: "\(name) is not an ISO 8601 date and time").response }
            filters.append((name, raw, date.timeIntervalSince1970))
        }
        let kept = entries.filter { entry in
            filters.allSatisfy { name, _, limit in
                let value = name.hasPrefix("created") ? entry.created : entry.modified
                guard let value else { return true }
                return name.hasSuffix("since") ? value >= limit : value <= limit
            }
        }
        let pageCount = max(1, (kept.count + Self.perPage - 1) / Self.perPage)
        guard let current = query.get("page").map({ Int($0) }) ?? 1, (1...pageCount).contains(current) else {
            return Failure(status: 404, error: "no such page").response
        }
        func link(_ page: Int) -> String {
            let parameters = filters.map { "\($0.0)=\(SiteURL.encodeQuery($0.1))" } + (page == 1 ? [] : ["page=\(page)"])
            return listURL + (parameters.isEmpty ? "" : "?" + parameters.joined(separator: "&"))
        }
        let slice = Array(kept.dropFirst((current - 1) * Self.perPage).prefix(Self.perPage))
        return try json(OParlList(
            data: slice,
            pagination: .init(totalElements: kept.count, elementsPerPage: Self.perPage, currentPage: current, totalPages: pageCount),
            links: .init(first: link(1), prev: current > 1 ? link(current - 1) : nil, self: link(current),
                         next: current < pageCount ? link(current + 1) : nil, last: link(pageCount))), request: request, context: context)
    }

    /// `2014-01-01T00:00:00+01:00`, with or without fractions of seconds or a zone (then UTC).
    static func date(_ text: String) -> Date? {
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds],
                                                      [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate]] {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
