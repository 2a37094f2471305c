import CouncilWork
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// What following council work needs: the works, the subscriptions, their shared flow and the mailer.
struct WorkFollowServices: Sendable {
    let works: WorkRepository
    let subscriptions: WorkSubscriptionRepository
    let flow: SubscriptionFlow
    let mailer: Mailer
    let clock: any WallClock

    init(site: Site) {
        works = site.works
        subscriptions = WorkSubscriptionRepository(database: site.database)
        flow = SubscriptionFlow(throttles: site.throttles, tokens: SubscriptionTokens(persist: site.persist), clock: site.clock)
        mailer = site.mailer
        clock = site.clock
    }
}

/// Following council work by e-mail (`SubscriptionFlow`: double opt-in, limits, one-click end): anyone may follow a
/// work's progress (its referral to a commission, its adoptions, its publication) from its page, or the council's
/// new referrals from the list of works. The mails go in the subscriber's language (`WorkProgressMailWorker`).
struct WorkFollowRoutes {
    let services: WorkFollowServices
    let pages: Pages

    func register(in council: PathRegistrar) {
        council.post(WorkPaths.follow, use: follow)
        council.post(WorkPaths.followReferrals, use: follow)
        council.get(WorkPaths.followConfirm, use: confirmPage)
        council.post(WorkPaths.followConfirm, use: confirm)
        council.get(WorkPaths.followEnd, use: endPage)
        council.post(WorkPaths.followEnd, use: end)
    }

    /// The work a request names (`nil` for the new referrals), refused when it has no more steps to follow.
    func work(_ id: Int64?, _ scope: CouncilScope) async throws -> WorkRecord? {
        guard let id else { return nil }
        guard let work = try await services.works.find(id: id, councilID: scope.council.id) else { throw PageError.notFound }
        guard WorkRules.hasStepsToFollow(WorkStatus(rawValue: work.status) ?? .referred) else {
            throw PageError(.conflict, "work_follow_error_final")
        }
        return work
    }

    /// What a subscription follows, as a phrase in `language`.
    func subject(_ work: WorkRecord?, _ council: Council, _ context: AppContext) -> String {
        guard let work else {
            let name = council.name.resolved(for: context.language, councilDefault: council.language)?.text ?? council.slug
            return pages.text("work_follow_subject_referrals", context, ["council": name])
        }
        return pages.text("work_follow_subject_work", context,
                          ["title": pages.localized(work.title, context.language, councilDefault: council.language).text])
    }

    @Sendable func follow(_ request: Request, context: AppContext) async throws -> Response {
        let scope = try context.inCouncil()
        let id: Int64?
        if context.parameters.get("id") == nil { id = nil } else {
            guard let number = context.parameters.get("id", as: Int64.self) else { throw PageError.notFound }
            id = number
        }
        let work = try await work(id, scope)
        let email: String
        do { email = try Validate.email(context.form["email"]) } catch { throw PageError(.unprocessableContent, "news_subscribe_error_email") }
        let back = id.map { WorkPaths.item.url(scope.slug, $0) } ?? WorkPaths.list.url(scope.slug)
        // The same answer whatever the address's state: the page tells nobody who follows what.
        let answer = Response.redirect(to: SiteURL.with(back, notice: "work_follow_mailed"), type: .normal)
        try await services.flow.admit(context: context)
        let requested = try await services.subscriptions.request(councilID: scope.council.id, workID: id, email: email.lowercased(),
                                                                 language: context.language.rawValue,
                                                                 at: services.clock.now().timeIntervalSince1970)
        if requested.mailsConfirmation, try await services.flow.mayMail(requested.subscription.email) {
            let name = scope.council.name.resolved(for: context.language, councilDefault: scope.council.language)?.text ?? scope.council.slug
            try await services.mailer.sendWorkConfirmation(
                to: requested.subscription.email, council: name, subject: subject(work, scope.council, context),
                link: try await services.flow.link(.confirm, requested.subscription, path: WorkPaths.followConfirm.url(scope.slug)),
                language: context.language)
        }
        return answer
    }

    func subscription(_ request: Request, _ context: AppContext, _ purpose: SubscriptionTokens.Purpose) async throws -> WorkSubscriptionRecord {
        let councilID = try context.inCouncil().council.id
        return try await services.flow.verified(request, purpose) { try await services.subscriptions.find(id: $0, councilID: councilID) }
    }

    func page(_ request: Request, _ context: AppContext, _ purpose: SubscriptionTokens.Purpose, _ subscription: WorkSubscriptionRecord,
              heading: String, message: (String) -> String, button: String?) async throws -> HTML {
        let scope = try context.inCouncil()
        var work: WorkRecord?
        if let id = subscription.workId { work = try await services.works.find(id: id, councilID: scope.council.id) }
        let back = work.map { (WorkPaths.item.url(scope.slug, $0.id), pages.localized($0.title, context.language, councilDefault: scope.council.language).text) }
            ?? (WorkPaths.list.url(scope.slug), pages.text("works_title", context))
        let path = purpose == .confirm ? WorkPaths.followConfirm.url(scope.slug) : WorkPaths.followEnd.url(scope.slug)
        return try await services.flow.page(pages, request, context, heading: heading, message: message(subject(work, scope.council, context)),
                                            action: try await services.flow.link(purpose, subscription, path: path), button: button, back: back)
    }

    @Sendable func confirmPage(_ request: Request, context: AppContext) async throws -> HTML {
        let subscription = try await subscription(request, context, .confirm)
        let done = subscription.isActive
        return try await page(request, context, .confirm, subscription, heading: pages.text("work_follow_title", context),
                              message: { pages.text(done ? "work_follow_confirmed" : "work_follow_confirm_explained", context,
                                                    ["email": subscription.email, "subject": $0]) },
                              button: done || subscription.unsubscribedAt != nil ? nil : pages.text("news_subscription_confirm", context))
    }

    @Sendable func confirm(_ request: Request, context: AppContext) async throws -> Response {
        let subscription = try await subscription(request, context, .confirm)
        try await services.subscriptions.confirm(id: subscription.id, at: services.clock.now().timeIntervalSince1970)
        return .redirect(to: try await services.flow.link(.confirm, subscription, path: WorkPaths.followConfirm.url(try context.inCouncil().slug)),
                         type: .normal)
    }

    @Sendable func endPage(_ request: Request, context: AppContext) async throws -> HTML {
        let subscription = try await subscription(request, context, .unsubscribe)
        let ended = subscription.unsubscribedAt != nil
        return try await page(request, context, .unsubscribe, subscription, heading: pages.text("work_follow_end_title", context),
                              message: { pages.text(ended ? "work_follow_ended" : "work_follow_end_explained", context,
                                                    ["email": subscription.email, "subject": $0]) },
                              button: ended ? nil : pages.text("work_follow_end", context))
    }

    /// One click, from the page's button or from the mail program (`List-Unsubscribe=One-Click`): the token is the right.
    @Sendable func end(_ request: Request, context: AppContext) async throws -> Response {
        let subscription = try await subscription(request, context, .unsubscribe)
        try await services.subscriptions.unsubscribe(id: subscription.id, at: services.clock.now().timeIntervalSince1970)
        return .redirect(to: try await services.flow.link(.unsubscribe, subscription, path: WorkPaths.followEnd.url(try context.inCouncil().slug)),
                         type: .normal)
    }
}
