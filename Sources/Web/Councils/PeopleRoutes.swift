import CouncilWork
import Foundation
import HemicycleDomain
import Hummingbird
import PublicSite
import Storage

/// The public pages of a council's people and groups, and the news that mention them.
struct PeopleRoutes {
    let services: CouncilServices
    let pages: Pages
    let directory: Directory

    static let newsLimit = 10
    static let voteLimit = 50

    func register(in council: PathRegistrar) {
        council.get(CouncilPaths.member, use: member)
        council.get(CouncilPaths.group, use: group)
    }

    /// The public posts that mention `subject` number `id`, for a page's "in the news".
    func news(_ subject: NewsMention.Subject, _ id: Int64, council: Council, context: AppContext) async throws -> [NewsMentionLink] {
        let format = Formatting(language: context.language, council: council)
        let found = try await services.news.mentioning(subject: subject.rawValue, id: id, councilID: subject == .council ? nil : council.id,
                                                       now: services.clock.now().timeIntervalSince1970,
                                                       limit: Self.newsLimit * 3)
        let slugs = Dictionary(found.map { ($0.post.id, $0.councilSlug) }, uniquingKeysWith: { first, _ in first })
        // One version of each post, in the reader's language where it has one.
        return NewsSelection.forReader(found.map(\.post), language: context.language, limit: Self.newsLimit).map { post in
            let slug = slugs[post.id] ?? council.slug
            let language = Language(rawValue: post.language) ?? council.language
            return NewsMentionLink(url: NewsPaths.item.url(slug, NewsSlug.make(id: post.id, title: post.title)), title: post.title,
                                   lang: language.rawValue, dir: language.direction,
                                   date: format.date(Date(timeIntervalSince1970: post.publishAt ?? post.updatedAt)))
        }
    }

    @Sendable func member(_ request: Request, context: AppContext) async throws -> HTML {
        let scope = try context.inCouncil()
        let council = scope.council
        let language = context.language
        let format = Formatting(language: language, council: council)
        let listing = try await directory.load(council, language: language)
        // Only a sitting member has a public page: a staff member, a citizen or an ended seat has none.
        guard let id = context.parameters.get("id", as: Int64.self), let seat = listing.sitting.first(where: { $0.id == id })
        else { throw PageError.notFound }
        let works = try await services.records.rapporteurWorks(membershipID: seat.id, councilID: council.id).compactMap { work -> MemberPage.WorkRow? in
            guard let status = WorkStatus(rawValue: work.status), WorkRules.maySee(status, by: scope.actor) else { return nil }
            return MemberPage.WorkRow(url: WorkPaths.item.url(council.slug, work.id), label: pages.localized(work.title, language, councilDefault: council.language),
                                      status: pages.text("work_status_\(status.rawValue)", context))
        }
        let votes = try await services.records.publishedVotes(membershipID: seat.id, councilID: council.id, limit: Self.voteLimit).map { vote in
            let body = pages.text("ballot_body_\(vote.body)", context)
            return MemberPage.VoteRow(
                url: WorkPaths.item.url(council.slug, vote.workID), work: pages.localized(vote.title, language, councilDefault: council.language),
                ballot: vote.amendmentNumber.map { pages.text("ballot_on_amendment", context, ["number": format.number($0), "body": body]) }
                    ?? pages.text("ballot_on_text", context, ["body": body]),
                choice: pages.text("vote_\(vote.choice)", context), date: vote.closedAt.map { format.date(Date(timeIntervalSince1970: $0)) } ?? "")
        }
        let commissionIDs = Set(listing.seats.filter { $0.membershipID == seat.id }.map(\.commissionID))
        let commissions = listing.commissions.filter { commissionIDs.contains($0.id) }.map {
            LinkView(url: CouncilPaths.commission.url(council.slug, $0.id), label: pages.localized($0.name, language, councilDefault: council.language))
        }
        let news = try await news(.member, seat.id, council: council, context: context)
        let model = MemberPage(
            name: seat.displayName, role: seat.roleValue == .member ? nil : pages.text(seat.roleValue.labelKey, context),
            group: listing.groups.first { $0.id == seat.groupId }.map {
                LinkView(url: CouncilPaths.group.url(council.slug, $0.id), label: pages.localized($0.name, language, councilDefault: council.language))
            },
            commissions: commissions, hasCommissions: !commissions.isEmpty, works: works, hasWorks: !works.isEmpty, votes: votes, hasVotes: !votes.isEmpty,
            news: news, hasNews: !news.isEmpty, backURL: CouncilPaths.members.url(council.slug))
        return try await pages.page("member", title: seat.displayName, request: request, context: context, council: council, typed: model)
    }

    @Sendable func group(_ request: Request, context: AppContext) async throws -> HTML {
        let council = try context.inCouncil().council
        let language = context.language
        let format = Formatting(language: language, council: council)
        let listing = try await directory.load(council, language: language)
        guard let id = context.parameters.get("id", as: Int64.self), let group = listing.groups.first(where: { $0.id == id }) else { throw PageError.notFound }
        let seated = listing.sitting.filter { $0.groupId == group.id }
        let news = try await news(.group, group.id, council: council, context: context)
        let model = GroupPage(
            name: pages.localized(group.name, language, councilDefault: council.language), acronym: group.acronym,
            count: pages.plural("members_sitting", count: seated.count, context, format: format),
            members: seated.map {
                GroupPage.Person(url: CouncilPaths.member.url(council.slug, $0.id), name: $0.displayName,
                                 role: $0.roleValue == .member ? nil : pages.text($0.roleValue.labelKey, context))
            },
            hasMembers: !seated.isEmpty, news: news, hasNews: !news.isEmpty, backURL: CouncilPaths.members.url(council.slug))
        return try await pages.page("group", title: model.name.text, request: request, context: context, council: council, typed: model)
    }
}
