import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// A council's public pages: home, directory of members by group, commissions.
struct CouncilRoutes {
    let site: Site
    let directory: Directory

    func register(in council: PathRegistrar) {
        council.get(CouncilPaths.home, use: home)
        council.get(CouncilPaths.members, use: members)
        council.get(CouncilPaths.commissions, use: commissions)
        council.get(CouncilPaths.commission, use: commission)
    }

    @Sendable func home(_ request: Request, context: AppContext) async throws -> HTML {
        let council = try context.inCouncil().council
        let language = context.language
        let format = Formatting(language: language, council: council)
        let figures = try await site.councils.figures(councilID: council.id, sittingRoles: Role.allCases.filter(\.sitsInAssembly))
        var optional: [String: Any] = [:]
        if let website = council.website, !website.isEmpty { optional["website"] = website }
        if !council.networkList.isEmpty { optional["networks"] = council.networkList.joined(separator: ", ") }
        return try await site.page(
            "council", title: site.localized(council.name, language, councilDefault: council.language)["text"] as? String ?? "",
            request: request, context: context, council: council,
            model: [
                "description": site.localized(council.description, language, councilDefault: council.language),
                "country": site.text("country_\(council.country)", context),
                "languages": council.publishedLanguages.map(\.endonym).joined(separator: " · "),
                "stats": [
                    site.plural("stat_members", count: figures.sitting, context, format: format),
                    site.plural("stat_groups", count: figures.groups, context, format: format),
                    site.plural("stat_commissions", count: figures.commissions, context, format: format),
                ],
                "membersURL": CouncilPaths.members.url(council.slug),
                "commissionsURL": CouncilPaths.commissions.url(council.slug),
                "adminURL": AdminPaths.overview.url(council.slug),
            ].merging(optional) { $1 })
    }

    @Sendable func members(_ request: Request, context: AppContext) async throws -> HTML {
        let council = try context.inCouncil().council
        let language = context.language
        let format = Formatting(language: language, council: council)
        let listing = try await directory.load(council, language: language)
        let groups = listing.groups.map { group -> [String: Any] in
            let seated = listing.sitting.filter { $0.groupId == group.id }
            return [
                "id": group.id,
                "name": site.localized(group.name, language, councilDefault: council.language),
                "acronym": group.acronym ?? "",
                "count": format.number(seated.count),
                "members": seated.map { memberRow($0, context: context) },
                "hasMembers": !seated.isEmpty,
            ]
        }
        return try await site.page(
            "members", title: site.text("members_title", context), request: request, context: context, council: council,
            model: ["groups": groups, "total": site.plural("members_sitting", count: listing.sittingCount, context, format: format)])
    }

    /// A person in a list; the role is shown only when it is more than "member".
    func memberRow(_ membership: Membership, context: AppContext) -> [String: Any] {
        var row: [String: Any] = ["name": membership.displayName]
        if membership.roleValue != .member { row["role"] = site.text(membership.roleValue.labelKey, context) }
        return row
    }

    @Sendable func commissions(_ request: Request, context: AppContext) async throws -> HTML {
        let council = try context.inCouncil().council
        let language = context.language
        let format = Formatting(language: language, council: council)
        let listing = try await directory.load(council, language: language)
        let rows = listing.commissions.map { commission -> [String: Any] in
            [
                "url": CouncilPaths.commission.url(council.slug, commission.id),
                "name": site.localized(commission.name, language, councilDefault: council.language),
                "count": site.plural("commission_members_count", count: listing.seats(of: commission.id).count, context, format: format),
            ]
        }
        return try await site.page("commissions", title: site.text("commissions_title", context), request: request,
                                   context: context, council: council, model: ["commissions": rows])
    }

    @Sendable func commission(_ request: Request, context: AppContext) async throws -> HTML {
        let council = try context.inCouncil().council
        guard let id = context.parameters.get("id", as: Int64.self),
              let commission = try await site.commissions.find(id: id, councilID: council.id)
        else { throw PageError.notFound }
        let language = context.language
        let listing = try await directory.load(council, language: language)
        let members = listing.seats(of: commission.id).map { membership -> [String: Any] in
            var row = memberRow(membership, context: context)
            if let group = listing.groups.first(where: { $0.id == membership.groupId }) {
                row["group"] = site.localized(group.name, language, councilDefault: council.language)
            }
            return row
        }
        let name = site.localized(commission.name, language, councilDefault: council.language)
        return try await site.page(
            "commission", title: name["text"] as? String ?? "", request: request, context: context, council: council,
            model: ["name": name, "description": site.localized(commission.description, language, councilDefault: council.language),
                    "members": members, "hasMembers": !members.isEmpty, "backURL": CouncilPaths.commissions.url(council.slug)])
    }
}

/// One council's groups, commissions and sitting members, loaded together.
struct Directory: Sendable {
    let site: Site

    struct Listing {
        let groups: [CouncilGroup]
        let commissions: [Commission]
        let sitting: [Membership]
        let seats: [(commissionID: Int64, membershipID: Int64)]

        var sittingCount: Int { sitting.count }

        func seats(of commissionID: Int64) -> [Membership] {
            let ids = Set(seats.filter { $0.commissionID == commissionID }.map(\.membershipID))
            return sitting.filter { ids.contains($0.id) }
        }
    }

    /// Groups, commissions and people in the order a reader of `language` expects.
    func load(_ council: Council, language: Language) async throws -> Listing {
        let format = Formatting(language: language)
        return Listing(
            groups: format.sorted(try await site.groups.all(councilID: council.id), byName: \.name, councilDefault: council.language),
            commissions: format.sorted(try await site.commissions.all(councilID: council.id), byName: \.name,
                                       councilDefault: council.language),
            sitting: format.sorted(try await site.memberships.all(councilID: council.id).filter { $0.roleValue.sitsInAssembly },
                                   by: \.displayName),
            seats: try await site.commissions.seats(councilID: council.id))
    }
}
