import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// The steps every subscription by e-mail shares (the news, council work): double opt-in (nothing is mailed to an
/// address until its owner confirms through the link sent to it), limits on who may have confirmations mailed, links
/// whose token is the right, and their pages. A confirmation link opens a page, not the confirmation itself (a link
/// opened by a mail scanner changes nothing); the end is one click, from the page's button or from the mail program
/// (RFC 8058: it posts to the address every message carries, without a form or a session).
struct SubscriptionFlow: Sendable {
    let throttles: ThrottleRepository
    let tokens: SubscriptionTokens
    let clock: any WallClock

    /// Requests to subscribe from one client: ten an hour.
    static let clientLimit = LoginThrottle.Limit(maximum: 10, window: 3_600)
    /// Confirmations to one mailbox, whatever the council or the subscription: three a day.
    static let mailboxLimit = LoginThrottle.Limit(maximum: 3, window: 86_400)
    /// How long a subscription waits for its owner's confirmation before it is forgotten (the mail workers purge it):
    /// a week.
    static let unconfirmedKept = 7 * 86_400.0

    /// The mailbox an address reaches: lower-case, without a `+tag`, and without the dots of its local part (as the
    /// largest providers read it), so that spellings of one box count as one.
    static func mailbox(_ email: String) -> String {
        let lowered = email.lowercased()
        guard let at = lowered.lastIndex(of: "@") else { return lowered }
        let local = lowered[..<at].prefix { $0 != "+" }.filter { $0 != "." }
        return local + lowered[at...]
    }

    /// Lets a request to subscribe go on, or tells a client that asks too often to wait (429).
    func admit(context: AppContext) async throws {
        let now = clock.now()
        let (count, start) = try await throttles.hit("news-subscribe:client:" + Tokens.digest(context.clientAddress),
                                                     window: Self.clientLimit.window, now: now)
        if let delay = LoginThrottle.retryDelay(count: count, windowStart: start, limit: Self.clientLimit, now: now.timeIntervalSince1970) {
            throw PageError(.tooManyRequests, "error_throttled", ["minutes": Formatting(language: context.language).number(max(1, Int((delay / 60).rounded(.up)))),
                                                                  "seconds": String(Int(delay.rounded(.up)))])
        }
    }

    /// Whether a confirmation may be mailed to `email` now: false once its mailbox (however its address is spelled)
    /// had its share today; the caller then gives the same answer as to any, and mails nothing. Only the mails sent
    /// count, so that requests a stranger makes for an address already waiting for its link take nothing from it.
    func mayMail(_ email: String) async throws -> Bool {
        let mailbox = try await throttles.hit("news-subscribe:mailbox:" + Tokens.digest(Self.mailbox(email)),
                                              window: Self.mailboxLimit.window, now: clock.now())
        return mailbox.count <= Self.mailboxLimit.maximum
    }

    /// The subscription a link names (`find` reads a number in the route's council), if its token is right.
    func verified<Record: TokenSigned>(_ request: Request, _ purpose: SubscriptionTokens.Purpose,
                                       find: (Int64) async throws -> Record?) async throws -> Record {
        guard let id = request.uri.queryParameters.get("s").flatMap({ Int64($0) }), let token = request.uri.queryParameters.get("t"),
              let subscription = try await find(id),
              try await tokens.verify(token, purpose, subscription, now: clock.now().timeIntervalSince1970)
        else { throw PageError(.notFound, "news_subscription_link_invalid") }
        return subscription
    }

    /// A link of `subscription`, to `path` (built from its declared path, never from the request's, which may hold `//`).
    func link(_ purpose: SubscriptionTokens.Purpose, _ subscription: some TokenSigned, path: String) async throws -> String {
        try await tokens.link(purpose, subscription, path: path, now: clock.now().timeIntervalSince1970)
    }

    /// The page a link opens: what it does, and its button (`nil` once done).
    func page(_ pages: Pages, _ request: Request, _ context: AppContext, heading: String, message: String, action: String?,
              button: String?, back: (url: String, label: String)) async throws -> HTML {
        let scope = try context.inCouncil()
        let model = SubscriptionPage(heading: heading, message: message, action: button == nil ? nil : action, button: button,
                                     backURL: back.url, backLabel: back.label)
        var page = try await pages.page("subscription", title: heading, request: request, context: context, council: scope.council, typed: model)
        // It shows the address and carries the link's token: no browser keeps it.
        page.isPrivate = true
        return page
    }
}

/// The page of a subscription's link: confirm it, or end it.
struct SubscriptionPage: Encodable {
    let heading: String
    let message: String
    let action: String?
    let button: String?
    let backURL: String
    let backLabel: String
}
