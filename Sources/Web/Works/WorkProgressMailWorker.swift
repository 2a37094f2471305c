import CouncilWork
import Foundation
import HemicycleDomain
import Logging
import ServiceLifecycle
import Storage

/// Mails each step of council work to those who follow it: a new referral to the followers of the council's
/// referrals; a work's referral to a commission, adoptions, rejection and publication to its followers. Each in the
/// subscriber's language, once, whichever process takes the step first; a step older than `freshness` (taken while
/// no worker ran) is never mailed, nor one taken before the subscription was confirmed.
public struct WorkProgressMailWorker: Service {
    let works: WorkRepository
    let subscriptions: WorkSubscriptionRepository
    let councils: CouncilRepository
    let tokens: SubscriptionTokens
    let mailer: Mailer
    let localizer: Localizer
    let clock: any WallClock
    let logger: Logger
    let ready: ReadySignal
    let interval: Duration

    static let freshness = 2 * 86_400.0

    public init(site: Site, logger: Logger, ready: ReadySignal = ReadySignal(isOpen: true), interval: Duration = .seconds(15)) {
        works = site.works
        subscriptions = WorkSubscriptionRepository(database: site.database)
        councils = site.councils
        tokens = SubscriptionTokens(persist: site.persist)
        mailer = site.mailer
        localizer = site.pages.localizer
        clock = site.clock
        self.logger = logger
        self.ready = ready
        self.interval = interval
    }

    public func run() async throws {
        await Repeating.run(every: interval, after: ready, logger: logger, failure: "The steps of council work could not be mailed") {
            try await mailAll()
        }
    }

    /// Mails every step taken lately and not yet mailed; returns how many messages were queued.
    @discardableResult
    public func mailAll() async throws -> Int {
        let now = clock.now().timeIntervalSince1970
        try await subscriptions.purgeUnconfirmed(before: now - SubscriptionFlow.unconfirmedKept)
        var queued = 0
        let statuses = [WorkStatus.referred] + WorkRules.followedSteps
        for step in try await subscriptions.unmailed(statuses: statuses.map(\.rawValue), since: now - Self.freshness) {
            guard let council = try await councils.find(id: step.councilID),
                  let work = try await works.find(id: step.workID, councilID: step.councilID) else { continue }
            let target = step.status == WorkStatus.referred.rawValue ? WorkSubscriptionRecord.referrals : WorkSubscriptionRecord.target(work: work.id)
            var mails: [SubscriberMail] = []
            for subscriber in try await subscriptions.active(councilID: council.id, target: target, confirmedBy: step.at) {
                let language = Language(rawValue: subscriber.language) ?? council.language
                let name = council.name.resolved(for: language, councilDefault: council.language)?.text ?? council.slug
                let title = work.title.resolved(for: language, councilDefault: council.language)?.text ?? ""
                mails.append(mailer.workProgress(
                    to: subscriber.email, council: name, title: title,
                    step: localizer.text("mail_work_step_\(step.status)", language, ["title": title, "council": name]),
                    link: WorkPaths.item.url(council.slug, work.id),
                    unsubscribe: try await tokens.link(.unsubscribe, subscriber, path: WorkPaths.followEnd.url(council.slug), now: now),
                    language: language))
            }
            if try await subscriptions.mail(eventID: step.eventID, councilID: council.id, mails: mails, at: now) { queued += mails.count }
        }
        return queued
    }
}
