import Foundation
import HemicycleDomain
import Hummingbird
import PublicSite
import Storage

/// Subscriptions by e-mail to a council's news, by theme: double opt-in (nothing is mailed to an address until its
/// owner confirms through the link sent to it), the mails in the subscriber's language, and an end in one click
/// (RFC 8058: the mail program posts to the address every message carries, without a form or a session).
struct NewsSubscriptionRoutes {
    let services: NewsServices
    let pages: Pages

    func register(in council: PathRegistrar) {
        council.post(NewsPaths.subscribe, use: subscribe)
        council.get(NewsPaths.confirm, use: confirmPage)
        council.post(NewsPaths.confirm, use: confirm)
        council.get(NewsPaths.unsubscribe, use: unsubscribePage)
        council.post(NewsPaths.unsubscribe, use: unsubscribe)
    }

    @Sendable func subscribe(_ request: Request, context: AppContext) async throws -> Response {
        let scope = try context.inCouncil()
        let email: String
        do { email = try Validate.email(context.form["email"]) } catch { throw PageError(.unprocessableContent, "news_subscribe_error_email") }
        let chosen = context.form.all("category")
        guard chosen.allSatisfy({ NewsCategory(rawValue: $0) != nil }) else { throw PageError(.unprocessableContent, "news_error_category") }
        guard !chosen.isEmpty else { throw PageError(.unprocessableContent, "news_subscribe_error_themes") }
        let categories = chosen.count == NewsCategory.allCases.count ? [] : NewsCategory.allCases.map(\.rawValue).filter(chosen.contains)
        let now = services.clock.now().timeIntervalSince1970
        // A client that asks too often is told to wait; a mailbox asked for too often (however its address is spelled:
        // case, dots, `+tag`) gets the same answer as any, and no more mail this day.
        let (count, start) = try await services.throttles.hit("news-subscribe:client:" + Tokens.digest(context.clientAddress),
                                                              window: Self.clientLimit.window, now: Date(timeIntervalSince1970: now))
        if let delay = LoginThrottle.retryDelay(count: count, windowStart: start, limit: Self.clientLimit, now: now) {
            throw PageError(.tooManyRequests, "error_throttled", ["minutes": Formatting(language: context.language).number(max(1, Int((delay / 60).rounded(.up)))),
                                                                  "seconds": String(Int(delay.rounded(.up)))])
        }
        let mailbox = try await services.throttles.hit("news-subscribe:mailbox:" + Tokens.digest(Self.mailbox(email)),
                                                       window: Self.mailboxLimit.window, now: Date(timeIntervalSince1970: now))
        guard mailbox.count <= Self.mailboxLimit.maximum else {
            return .redirect(to: SiteURL.with(NewsPaths.list.url(scope.slug), notice: "news_subscription_mailed"), type: .normal)
        }
        let requested = try await services.subscriptions.request(councilID: scope.council.id, email: email.lowercased(),
                                                                 language: context.language.rawValue, categories: categories, at: now)
        if requested.mailsConfirmation {
            let name = scope.council.name.resolved(for: context.language, councilDefault: scope.council.language)?.text ?? scope.council.slug
            try await services.mailer.sendNewsConfirmation(
                to: requested.subscription.email, council: name,
                link: try await services.tokens.link(.confirm, requested.subscription, path: NewsPaths.confirm.url(scope.slug), now: now),
                language: context.language)
        }
        // The same answer whatever the address's state: the page tells nobody who subscribes.
        return .redirect(to: SiteURL.with(NewsPaths.list.url(scope.slug), notice: "news_subscription_mailed"), type: .normal)
    }

    /// Requests to subscribe from one client: ten an hour.
    static let clientLimit = LoginThrottle.Limit(maximum: 10, window: 3_600)
    /// Confirmations to one mailbox, whatever the council: three a day.
    static let mailboxLimit = LoginThrottle.Limit(maximum: 3, window: 86_400)

    /// The mailbox an address reaches: lower-case, without a `+tag`, and without the dots of its local part (as the
    /// largest providers read it), so that spellings of one box count as one.
    static func mailbox(_ email: String) -> String {
        let lowered = email.lowercased()
        guard let at = lowered.lastIndex(of: "@") else { return lowered }
        let local = lowered[..<at].prefix { $0 != "+" }.filter { $0 != "." }
        return local + lowered[at...]
    }

    /// The subscription a link names, if its token is right.
    func subscription(_ request: Request, _ context: AppContext, _ purpose: SubscriptionTokens.Purpose) async throws -> NewsSubscriptionRecord {
        let scope = try context.inCouncil()
        guard let id = request.uri.queryParameters.get("s").flatMap({ Int64($0) }), let token = request.uri.queryParameters.get("t"),
              let subscription = try await services.subscriptions.find(id: id, councilID: scope.council.id),
              try await services.tokens.verify(token, purpose, subscription, now: services.clock.now().timeIntervalSince1970)
        else { throw PageError(.notFound, "news_subscription_link_invalid") }
        return subscription
    }

    /// The link's own address, built from its declared path (never from the request's, which may hold `//`).
    func link(_ purpose: SubscriptionTokens.Purpose, _ subscription: NewsSubscriptionRecord, _ context: AppContext) async throws -> String {
        let slug = try context.inCouncil().slug
        return try await services.tokens.link(purpose, subscription, path: purpose == .confirm ? NewsPaths.confirm.url(slug) : NewsPaths.unsubscribe.url(slug),
                                              now: services.clock.now().timeIntervalSince1970)
    }

    func page(_ request: Request, _ context: AppContext, _ purpose: SubscriptionTokens.Purpose, _ subscription: NewsSubscriptionRecord,
              heading: String, message: String, button: String?) async throws -> HTML {
        let scope = try context.inCouncil()
        let model = NewsSubscriptionPage(heading: heading, message: message,
                                         action: button == nil ? nil : try await link(purpose, subscription, context), button: button,
                                         backURL: NewsPaths.list.url(scope.slug))
        var page = try await pages.page("news-subscription", title: heading, request: request, context: context, council: scope.council, typed: model)
        // It shows the address and carries the link's token: no browser keeps it.
        page.isPrivate = true
        return page
    }

    func themes(_ subscription: NewsSubscriptionRecord, _ context: AppContext) -> String {
        let list = subscription.categoryList
        guard !list.isEmpty else { return pages.text("news_subscription_all_themes", context) }
        return Formatting(language: context.language).list(list.map { pages.text("news_category_\($0)", context) })
    }

    /// A page, not the confirmation itself: a link opened by a mail scanner changes nothing.
    @Sendable func confirmPage(_ request: Request, context: AppContext) async throws -> HTML {
        let subscription = try await subscription(request, context, .confirm)
        let done = subscription.isActive
        return try await page(request, context, .confirm, subscription, heading: pages.text("news_subscription_title", context),
                              message: pages.text(done ? "news_subscription_confirmed" : "news_subscription_confirm_explained", context,
                                                  ["email": subscription.email, "themes": themes(subscription, context)]),
                              button: done || subscription.unsubscribedAt != nil ? nil : pages.text("news_subscription_confirm", context))
    }

    @Sendable func confirm(_ request: Request, context: AppContext) async throws -> Response {
        let subscription = try await subscription(request, context, .confirm)
        try await services.subscriptions.confirm(id: subscription.id, at: services.clock.now().timeIntervalSince1970)
        return .redirect(to: try await link(.confirm, subscription, context), type: .normal)
    }

    @Sendable func unsubscribePage(_ request: Request, context: AppContext) async throws -> HTML {
        let subscription = try await subscription(request, context, .unsubscribe)
        let ended = subscription.unsubscribedAt != nil
        return try await page(request, context, .unsubscribe, subscription, heading: pages.text("news_unsubscribe_title", context),
                              message: pages.text(ended ? "news_unsubscribed" : "news_unsubscribe_explained", context, ["email": subscription.email]),
                              button: ended ? nil : pages.text("news_unsubscribe", context))
    }

    /// One click, from the page's button or from the mail program (`List-Unsubscribe=One-Click`): the token is the right.
    @Sendable func unsubscribe(_ request: Request, context: AppContext) async throws -> Response {
        let subscription = try await subscription(request, context, .unsubscribe)
        try await services.subscriptions.unsubscribe(id: subscription.id, at: services.clock.now().timeIntervalSince1970)
        return .redirect(to: try await link(.unsubscribe, subscription, context), type: .normal)
    }
}
