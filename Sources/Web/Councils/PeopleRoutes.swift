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

    static let voteLimit = 50

    func register(in council: PathRegistrar) {
        council.get(CouncilPaths.member, use: member)
        council.get(CouncilPaths.group, use: group)
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
        let works = rows(try await services.records.rapporteurWorks(membershipID: seat.id, councilID: council.id), council: council, context: context)
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
        let news = try await services.inTheNews.links(.member, seat.id, council: council, context: context)
        var declarations: [DeclarationRow] = []
        if let group = seat.groupId { declarations = try await self.declarations(group: group, council: council, context: context) }
        let since = try await services.records.seatedSince(membershipID: seat.id, councilID: council.id)
        let missions = try await services.missions.missions(membershipID: seat.id, councilID: council.id).map {
            MemberPage.MissionRow(url: MissionPaths.item.url(council.slug, $0.id), title: pages.localized($0.title, language, councilDefault: council.language),
                                  destination: $0.destination, dates: MissionRoutes.dates($0, format: format))
        }
        let photo = try await MemberPhotoRoutes.current(services.attachments, membership: seat).map { MemberPhotoRoutes.url(council, seat, $0) }
        let model = MemberPage(
            name: seat.displayName, role: seat.roleValue == .member ? nil : pages.text(seat.roleValue.labelKey, context),
            since: since.map { pages.text("member_since", context, ["date": format.date(Date(timeIntervalSince1970: $0))]) },
            term: council.term.map { pages.text("member_term", context, ["first": format.day($0.firstDay), "last": format.day($0.lastDay)]) },
            photo: photo, photoAlt: pages.text("member_photo_alt", context, ["name": seat.displayName]),
            group: listing.groups.first { $0.id == seat.groupId }.map {
                LinkView(url: CouncilPaths.group.url(council.slug, $0.id), label: pages.localized($0.name, language, councilDefault: council.language))
            },
            commissions: commissions, hasCommissions: !commissions.isEmpty, works: works, hasWorks: !works.isEmpty, votes: votes, hasVotes: !votes.isEmpty,
            declarations: declarations, hasDeclarations: !declarations.isEmpty, missions: missions, hasMissions: !missions.isEmpty,
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
        let news = try await services.inTheNews.links(.group, group.id, council: council, context: context)
        let works = rows(try await services.records.works(groupID: group.id, councilID: council.id), council: council, context: context)
        let declarations = try await declarations(group: group.id, council: council, context: context)
        // Plenary sittings are public, and so is how the group's members attended them.
        let attendance = try await services.sittings.groupAttendance(groupID: group.id, councilID: council.id, limit: Self.attendanceLimit).map { row in
            SittingLink(url: CouncilSittingPaths.item.url(council.slug, row.sitting.id),
                        title: CouncilSittingRoutes.title(row.sitting, commissions: [:], format: format, pages: pages, context: context),
                        detail: pages.plural("group_attendance", count: row.recorded, context, format: format,
                                             ["taking_part": format.number(row.takingPart)]))
        }
        let model = GroupPage(
            name: pages.localized(group.name, language, councilDefault: council.language), acronym: group.acronym,
            count: pages.plural("members_sitting", count: seated.count, context, format: format),
            members: seated.map {
                GroupPage.Person(url: CouncilPaths.member.url(council.slug, $0.id), name: $0.displayName,
                                 role: $0.roleValue == .member ? nil : pages.text($0.roleValue.labelKey, context))
            },
            hasMembers: !seated.isEmpty, works: works, hasWorks: !works.isEmpty, declarations: declarations, hasDeclarations: !declarations.isEmpty,
            attendance: attendance, hasAttendance: !attendance.isEmpty, news: news, hasNews: !news.isEmpty, backURL: CouncilPaths.members.url(council.slug))
        return try await pages.page("group", title: model.name.text, request: request, context: context, council: council, typed: model)
    }

    static let declarationLimit = 20
    /// The plenary sittings whose attendance a group's page shows.
    static let attendanceLimit = 10

    /// Links to works, with their status (every work's progress is public: its page shows what the reader may see).
    func rows(_ works: [WorkRecord], council: Council, context: AppContext) -> [MemberPage.WorkRow] {
        works.map { work in
            MemberPage.WorkRow(url: WorkPaths.item.url(council.slug, work.id), label: pages.localized(work.title, context.language, councilDefault: council.language),
                               status: pages.text("work_status_\(work.status)", context))
        }
    }

    /// A group's declarations on published works, the latest first.
    func declarations(group: Int64, council: Council, context: AppContext) async throws -> [DeclarationRow] {
        let format = Formatting(language: context.language, council: council)
        return try await services.records.groupDeclarations(groupID: group, councilID: council.id, limit: Self.declarationLimit).map {
            DeclarationRow(url: WorkPaths.item.url(council.slug, $0.workID), work: pages.localized($0.title, context.language, councilDefault: council.language),
                           body: $0.body, date: format.date(Date(timeIntervalSince1970: $0.createdAt)),
                           lang: council.language.rawValue, dir: council.language.direction)
        }
    }
}
