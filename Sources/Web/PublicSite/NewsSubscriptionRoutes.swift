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

    /// The subscription a link names, if its token is right.
    func subscription(_ request: Request, _ context: AppContext, _ purpose: SubscriptionTokens.Purpose) async throws -> NewsSubscriptionRecord {
        let scope = try context.inCouncil()
        guard let id = request.uri.queryParameters.get("s").flatMap({ Int64($0) }), let token = request.uri.queryParameters.get("t"),
              let subscription = try await services.subscriptions.find(id: id, councilID: scope.council.id),
              try await services.tokens.verify(token, purpose, subscription, now: services.clock.now().timeIntervalSince1970)
        else { throw PageError(.notFound, "news_subscription_link_invalid") }
        return subscription
    }

    func page(_ request: Request, _ context: AppContext, heading: String, message: String, button: String?) async throws -> HTML {
        let scope = try context.inCouncil()
        let model = NewsSubscriptionPage(heading: heading, message: message,
                                         action: button == nil ? nil : request.uri.path + "?" + (request.uri.query ?? ""), button: button,
                                         backURL: NewsPaths.list.url(scope.slug))
        return try await pages.page("news-subscription", title: heading, request: request, context: context, council: scope.council, typed: model)
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
        return try await page(request, context, heading: pages.text("news_subscription_title", context),
                              message: pages.text(done ? "news_subscription_confirmed" : "news_subscription_confirm_explained", context,
                                                  ["email": subscription.email, "themes": themes(subscription, context)]),
                              button: done || subscription.unsubscribedAt != nil ? nil : pages.text("news_subscription_confirm", context))
    }

    @Sendable func confirm(_ request: Request, context: AppContext) async throws -> Response {
        let subscription = try await subscription(request, context, .confirm)
        try await services.subscriptions.confirm(id: subscription.id, at: services.clock.now().timeIntervalSince1970)
        return .redirect(to: request.uri.path + "?" + (request.uri.query ?? ""), type: .normal)
    }

    @Sendable func unsubscribePage(_ request: Request, context: AppContext) async throws -> HTML {
        let subscription = try await subscription(request, context, .unsubscribe)
        let ended = subscription.unsubscribedAt != nil
        return try await page(request, context, heading: pages.text("news_unsubscribe_title", context),
                              message: pages.text(ended ? "news_unsubscribed" : "news_unsubscribe_explained", context, ["email": subscription.email]),
                              button: ended ? nil : pages.text("news_unsubscribe", context))
    }

    /// One click, from the page's button or from the mail program (`List-Unsubscribe=One-Click`): the token is the right.
    @Sendable func unsubscribe(_ request: Request, context: AppContext) async throws -> Response {
        let subscription = try await subscription(request, context, .unsubscribe)
        try await services.subscriptions.unsubscribe(id: subscription.id, at: services.clock.now().timeIntervalSince1970)
        return .redirect(to: request.uri.path + "?" + (request.uri.query ?? ""), type: .normal)
    }
}
