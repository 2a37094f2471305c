import Foundation
import HemicycleDomain
import Logging
import PublicSite
import ServiceLifecycle
import Storage

/// Mails each post to the council's subscribers once it is public (its time may come with nobody acting): each in
/// the subscriber's language where the post has it, else in the language it was written in, only for the themes they
/// chose. A post is mailed once, whichever process takes it first; one published more than `freshness` ago (posts
/// that were public before this ran) is recorded as mailed without a message.
public struct NewsMailWorker: Service {
    let news: NewsRepository
    let subscriptions: NewsSubscriptionRepository
    let councils: CouncilRepository
    let tokens: SubscriptionTokens
    let mailer: Mailer
    let clock: any WallClock
    let logger: Logger
    let ready: ReadySignal
    let interval: Duration

    static let freshness = 2 * 86_400.0

    public init(site: Site, logger: Logger, ready: ReadySignal = ReadySignal(isOpen: true), interval: Duration = .seconds(15)) {
        news = NewsRepository(database: site.database)
        subscriptions = NewsSubscriptionRepository(database: site.database)
        councils = site.councils
        tokens = SubscriptionTokens(persist: site.persist)
        mailer = site.mailer
        clock = site.clock
        self.logger = logger
        self.ready = ready
        self.interval = interval
    }

    public func run() async throws {
        await Repeating.run(every: interval, after: ready, logger: logger, failure: "The news could not be mailed") {
            try await mailAll()
        }
    }

    /// Mails every post public and not yet mailed; returns how many messages were queued.
    @discardableResult
    public func mailAll() async throws -> Int {
        let now = clock.now().timeIntervalSince1970
        try await subscriptions.purgeUnconfirmed(before: now - SubscriptionFlow.unconfirmedKept)
        var queued = 0
        for (group, councilID) in try await subscriptions.unmailed(now: now) {
            guard let council = try await councils.find(id: councilID) else { continue }
            let versions = try await news.translations(group: group, councilID: councilID)
                .filter { NewsStatus.at($0.status, publishAt: $0.publishAt, now: now).isPublic }
            guard let original = versions.first else { continue }
            var mails: [SubscriberMail] = []
            if now - (versions.compactMap(\.publishAt).min() ?? now) <= Self.freshness {
                for subscriber in try await subscriptions.active(councilID: councilID)
                where subscriber.categoryList.isEmpty || subscriber.categoryList.contains(original.category) {
                    let language = Language(rawValue: subscriber.language) ?? council.language
                    let post = versions.first { $0.language == language.rawValue } ?? original
                    let name = council.name.resolved(for: language, councilDefault: council.language)?.text ?? council.slug
                    mails.append(mailer.newsPost(
                        to: subscriber.email, council: name, title: post.title, summary: post.summary,
                        link: NewsPaths.item.url(council.slug, NewsSlug.make(id: post.id, title: post.title)),
                        unsubscribe: try await tokens.link(.unsubscribe, subscriber, path: NewsPaths.unsubscribe.url(council.slug), now: now),
                        language: language))
                }
            }
            if try await subscriptions.mail(group: group, councilID: councilID, mails: mails, at: now) { queued += mails.count }
        }
        return queued
    }
}
