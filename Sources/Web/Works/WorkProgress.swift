import CouncilWork
import Foundation
import HemicycleDomain
import PublicSite
import Storage

/// The public page of a work not yet published: its progress, as a council announces it (title, kind, referral and its
/// reference, commission, deadline, rapporteurs, the steps of its timeline with their dates; not the summary, written
/// for the council's own people), the posts that mention it, and the form to
/// follow it by e-mail. What it says (drafts, amendments, votes, hearings, contributions, declarations, dissent,
/// documents, the notes of its steps) waits for publication: that is the full page (`WorkRules.maySee`).
struct WorkProgressPage: Encodable {
    struct Person: Encodable {
        let name: String
        let url: String?
        let group: String?
    }

    struct Step: Encodable {
        let label: String
        let date: String
    }

    let title: LocalizedView
    let kind: String
    let status: String
    let statusCode: String
    let referral: String
    let reference: String?
    let commission: LocalizedView?
    let commissionURL: String?
    let deadline: String?
    let rapporteurs: [Person]
    let hasRapporteurs: Bool
    let steps: [Step]
    let follow: FollowForm?
    let news: [NewsMentionLink]
    let hasNews: Bool
    let backURL: String
}

/// The form to follow a work (or the council's new referrals) by e-mail.
struct FollowForm: Encodable {
    let action: String
    let heading: String
    let explained: String
}

extension WorkRoutes {
    /// The progress page of work `id`, or `nil` when the reader may see the whole work (or there is no such work).
    func progressPage(id: Int64, scope: CouncilScope, context: AppContext) async throws -> (model: WorkProgressPage, title: String)? {
        let council = scope.council, language = context.language
        guard let work = try await services.works.find(id: id, councilID: council.id) else { return nil }
        let status = WorkStatus(rawValue: work.status) ?? .referred
        guard !WorkRules.maySee(status, by: scope.actor) else { return nil }
        let format = Formatting(language: language, council: council)
        func t(_ key: String, _ arguments: [String: String] = [:]) -> String { pages.text(key, context, arguments) }
        let rapporteurIDs = Set(try await services.works.rapporteurs(workID: id))
        let groups = Dictionary(try await services.groups.all(councilID: council.id).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let rapporteurs = try await services.memberships.named(councilID: council.id, workID: id).filter { rapporteurIDs.contains($0.id) }
            .map { seat in
                WorkProgressPage.Person(
                    name: seat.displayName,
                    url: CouncilPaths.memberPage(council, seat),
                    group: seat.groupId.flatMap { groups[$0] }.flatMap { group in
                        group.acronym.flatMap { $0.isEmpty ? nil : $0 } ?? group.name.resolved(for: language, councilDefault: council.language)?.text
                    })
            }
        var commission: Commission?
        if let commissionID = work.commissionId { commission = try await services.commissions.find(id: commissionID, councilID: council.id) }
        // The steps of its life only: a demand for a plenary debate or a note belongs to the council's own people.
        let steps = try await services.works.events(workID: id).filter { WorkStatus(rawValue: $0.status) != nil }.map {
            WorkProgressPage.Step(label: t("work_status_\($0.status)"), date: format.date(Date(timeIntervalSince1970: $0.at)))
        }
        let title = pages.localized(work.title, language, councilDefault: council.language)
        let news = try await services.inTheNews.links(.work, id, council: council, context: context)
        let model = WorkProgressPage(
            title: title, kind: t("work_kind_\(work.kind)"),
            status: t("work_status_\(status.rawValue)"), statusCode: status.rawValue, referral: t("referral_\(work.referralSource)"),
            reference: work.referralReference,
            commission: commission.map { pages.localized($0.name, language, councilDefault: council.language) },
            commissionURL: commission.map { CouncilPaths.commission.url(council.slug, $0.id) },
            deadline: work.deadline.map { format.date(Date(timeIntervalSince1970: $0)) },
            rapporteurs: rapporteurs, hasRapporteurs: !rapporteurs.isEmpty, steps: steps,
            follow: followForm(work: id, status: status, council: council, context: context),
            news: news, hasNews: !news.isEmpty, backURL: WorkPaths.list.url(council.slug))
        return (model, title.text)
    }

    /// The form to follow work `id` while it has steps ahead, or (`nil`) the council's new referrals.
    func followForm(work id: Int64?, status: WorkStatus = .referred, council: Council, context: AppContext) -> FollowForm? {
        guard let id else {
            return FollowForm(action: WorkPaths.followReferrals.url(council.slug), heading: pages.text("work_follow_referrals_heading", context),
                              explained: pages.text("work_follow_referrals_explained", context))
        }
        guard WorkRules.hasStepsToFollow(status) else { return nil }
        return FollowForm(action: WorkPaths.follow.url(council.slug, id), heading: pages.text("work_follow_heading", context),
                          explained: pages.text("work_follow_explained", context))
    }
}
