import Foundation
import HemicycleDomain
import Hummingbird
import Organisation
import PublicSite
import Storage

/// A council's public pages: home, directory of members by group, commissions.
struct CouncilRoutes {
    let services: CouncilServices
    let pages: Pages
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
        let figures = try await services.councils.figures(councilID: council.id, sittingRoles: Role.allCases.filter(\.sitsInAssembly))
        let model = CouncilHomePage(
            description: pages.localized(council.description, language, councilDefault: council.language),
            country: pages.text("country_\(council.country)", context),
            languages: council.publishedLanguages.map(\.endonym).joined(separator: " · "),
            networks: council.networkList.isEmpty ? nil : format.list(council.networkList),
            website: council.website.flatMap { $0.isEmpty ? nil : $0 },
            stats: [
                pages.plural("stat_members", count: figures.sitting, context, format: format),
                pages.plural("stat_groups", count: figures.groups, context, format: format),
                pages.plural("stat_commissions", count: figures.commissions, context, format: format),
            ],
            membersURL: CouncilPaths.members.url(council.slug), commissionsURL: CouncilPaths.commissions.url(council.slug),
            adminURL: AdminPaths.overview.url(council.slug))
        return try await pages.page("council", title: pages.localized(council.name, language, councilDefault: council.language).text,
                                    request: request, context: context, council: council, typed: model)
    }

    @Sendable func members(_ request: Request, context: AppContext) async throws -> HTML {
        let council = try context.inCouncil().council
        let language = context.language
        let format = Formatting(language: language, council: council)
        let listing = try await directory.load(council, language: language)
        let model = MembersPage(
            groups: listing.groups.map { group in
                let seated = listing.sitting.filter { $0.groupId == group.id }
                return MembersPage.Group(
                    id: group.id, url: CouncilPaths.group.url(council.slug, group.id), name: pages.localized(group.name, language, councilDefault: council.language),
                    acronym: group.acronym ?? "", count: format.number(seated.count),
                    members: seated.map { person($0, council: council, group: nil, context: context) }, hasMembers: !seated.isEmpty)
            },
            total: pages.plural("members_sitting", count: listing.sittingCount, context, format: format))
        return try await pages.page("members", title: pages.text("members_title", context), request: request,
                                         context: context, council: council, typed: model)
    }

    /// A person in a list; the role is shown only when it is more than "member".
    func person(_ membership: Membership, council: Council, group: LocalizedView?, context: AppContext) -> PersonRow {
        PersonRow(url: CouncilPaths.member.url(council.slug, membership.id), name: membership.displayName,
                  role: membership.roleValue == .member ? nil : pages.text(membership.roleValue.labelKey, context), group: group)
    }

    @Sendable func commissions(_ request: Request, context: AppContext) async throws -> HTML {
        let council = try context.inCouncil().council
        let language = context.language
        let format = Formatting(language: language, council: council)
        let listing = try await directory.load(council, language: language)
        let model = CommissionsPage(commissions: listing.commissions.map { commission in
            CommissionsPage.Row(
                url: CouncilPaths.commission.url(council.slug, commission.id),
                name: pages.localized(commission.name, language, councilDefault: council.language),
                count: pages.plural("commission_members_count", count: listing.seats(of: commission.id).count, context, format: format))
        })
        return try await pages.page("commissions", title: pages.text("commissions_title", context), request: request,
                                         context: context, council: council, typed: model)
    }

    @Sendable func commission(_ request: Request, context: AppContext) async throws -> HTML {
        let scope = try context.inCouncil()
        let council = scope.council
        guard let id = context.parameters.get("id", as: Int64.self),
              let commission = try await services.commissions.find(id: id, councilID: council.id)
        else { throw PageError.notFound }
        let language = context.language
        let listing = try await directory.load(council, language: language)
        let members = listing.seats(of: commission.id).map { membership in
            person(membership, council: council, group: listing.groups.first { $0.id == membership.groupId }.map {
                pages.localized($0.name, language, councilDefault: council.language)
            }, context: context)
        }
        let news = try await services.inTheNews.links(.commission, commission.id, council: council, context: context)
        // Every work's progress is public: its page shows what the reader may see of it.
        let works = try await services.records.works(commissionID: commission.id, councilID: council.id).map { work in
            MemberPage.WorkRow(url: WorkPaths.item.url(council.slug, work.id), label: pages.localized(work.title, language, councilDefault: council.language),
                               status: pages.text("work_status_\(work.status)", context))
        }
        // Its meetings, to come and held, for those who may read them.
        var sittings: [SittingLink] = []
        if SittingRules.decide(scope.actor, .see(.commission)).isAllowed {
            let format = Formatting(language: language, council: council)
            let names = [commission.id: pages.localized(commission.name, language, councilDefault: council.language).text]
            let now = services.clock.now().timeIntervalSince1970
            sittings = try await services.sittings.all(councilID: council.id, commissionID: commission.id).reversed().map { sitting in
                SittingLink(url: CouncilSittingPaths.item.url(council.slug, sitting.id),
                            title: CouncilSittingRoutes.title(sitting, commissions: names, format: format, pages: pages, context: context),
                            detail: CouncilSittingRoutes.status(sitting, now: now, pages: pages, context: context))
            }
        }
        let model = CommissionPage(
            name: pages.localized(commission.name, language, councilDefault: council.language),
            description: pages.localized(commission.description, language, councilDefault: council.language),
            members: members, hasMembers: !members.isEmpty, works: works, hasWorks: !works.isEmpty,
            sittings: sittings, hasSittings: !sittings.isEmpty, news: news, hasNews: !news.isEmpty, backURL: CouncilPaths.commissions.url(council.slug))
        return try await pages.page("commission", title: model.name.text, request: request, context: context, council: council,
                                         typed: model)
    }
}

/// One council's groups, commissions and sitting members, loaded together.
struct Directory: Sendable {
    let services: CouncilServices

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
            groups: format.sorted(try await services.groups.all(councilID: council.id), byName: \.name, councilDefault: council.language),
            commissions: format.sorted(try await services.commissions.all(councilID: council.id), byName: \.name,
                                       councilDefault: council.language),
            sitting: format.sorted(try await services.memberships.all(councilID: council.id).filter { $0.roleValue.sitsInAssembly },
                                   by: \.displayName),
            seats: try await services.commissions.seats(councilID: council.id))
    }
}
