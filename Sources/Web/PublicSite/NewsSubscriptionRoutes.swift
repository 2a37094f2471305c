import Foundation
import HemicycleDomain
import Hummingbird
import PublicSite
import Storage

/// Subscriptions by e-mail to a council's news, by theme (`SubscriptionFlow`: double opt-in, limits, one-click end),
/// the mails in the subscriber's language.
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

    var flow: SubscriptionFlow { services.subscriptionFlow }

    @Sendable func subscribe(_ request: Request, context: AppContext) async throws -> Response {
        let scope = try context.inCouncil()
        let email: String
        do { email = try Validate.email(context.form["email"]) } catch { throw PageError(.unprocessableContent, "news_subscribe_error_email") }
        let chosen = context.form.all("category")
        guard chosen.allSatisfy({ NewsCategory(rawValue: $0) != nil }) else { throw PageError(.unprocessableContent, "news_error_category") }
        guard !chosen.isEmpty else { throw PageError(.unprocessableContent, "news_subscribe_error_themes") }
        let categories = chosen.count == NewsCategory.allCases.count ? [] : NewsCategory.allCases.map(\.rawValue).filter(chosen.contains)
        // The same answer whatever the address's state: the page tells nobody who subscribes.
        let answer = Response.redirect(to: SiteURL.with(NewsPaths.list.url(scope.slug), notice: "news_subscription_mailed"), type: .normal)
        try await flow.admit(context: context)
        let requested = try await services.subscriptions.request(councilID: scope.council.id, email: email.lowercased(),
                                                                 language: context.language.rawValue, categories: categories,
                                                                 at: services.clock.now().timeIntervalSince1970)
        if requested.mailsConfirmation, try await flow.mayMail(requested.subscription.email) {
            let name = scope.council.name.resolved(for: context.language, councilDefault: scope.council.language)?.text ?? scope.council.slug
            try await services.mailer.sendNewsConfirmation(
                to: requested.subscription.email, council: name,
                link: try await flow.link(.confirm, requested.subscription, path: NewsPaths.confirm.url(scope.slug)),
                language: context.language)
        }
        return answer
    }

    func subscription(_ request: Request, _ context: AppContext, _ purpose: SubscriptionTokens.Purpose) async throws -> NewsSubscriptionRecord {
        let councilID = try context.inCouncil().council.id
        return try await flow.verified(request, purpose) { try await services.subscriptions.find(id: $0, councilID: councilID) }
    }

    func link(_ purpose: SubscriptionTokens.Purpose, _ subscription: NewsSubscriptionRecord, _ context: AppContext) async throws -> String {
        let slug = try context.inCouncil().slug
        return try await flow.link(purpose, subscription, path: purpose == .confirm ? NewsPaths.confirm.url(slug) : NewsPaths.unsubscribe.url(slug))
    }

    func page(_ request: Request, _ context: AppContext, _ purpose: SubscriptionTokens.Purpose, _ subscription: NewsSubscriptionRecord,
              heading: String, message: String, button: String?) async throws -> HTML {
        try await flow.page(pages, request, context, heading: heading, message: message, action: try await link(purpose, subscription, context),
                            button: button, back: (NewsPaths.list.url(try context.inCouncil().slug), pages.text("news_title", context)))
    }

    func themes(_ subscription: NewsSubscriptionRecord, _ context: AppContext) -> String {
        let list = subscription.categoryList
        guard !list.isEmpty else { return pages.text("news_subscription_all_themes", context) }
        return Formatting(language: context.language).list(list.map { pages.text("news_category_\($0)", context) })
    }

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
