import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdAuth
import Storage

/// What a person's own pages need (signing up and in, their account, recovering it, taking a seat by invitation):
/// accounts, tokens, sessions and their limits, mail, the invitations and the seats they give, the clock.
struct AccountServices: Sendable {
    let database: any Database
    let accounts: AccountRepository
    let tokens: TokenRepository
    let throttles: ThrottleRepository
    let limits: LoginThrottle
    let persist: PersistRepository
    let devices: KnownDevices
    let mailer: Mailer
    let councils: CouncilRepository
    let groups: GroupRepository
    let memberships: MembershipRepository
    /// The photos of the account's seats, erased with it.
    let photos: MemberPhotos
    let invitations: InvitationRepository
    let clock: any WallClock
    let secureCookies: Bool

    init(site: Site) {
        database = site.database
        accounts = site.accounts
        photos = MemberPhotos(site: site)
        tokens = site.tokens
        throttles = site.throttles
        limits = site.throttle
        persist = site.persist
        devices = site.devices
        mailer = site.mailer
        councils = site.councils
        groups = site.groups
        memberships = site.memberships
        invitations = site.invitations
        clock = site.clock
        secureCookies = site.configuration.secureCookies
    }

    /// Signs the person in on this response: a new session (never the visitor's previous one) with its own CSRF
    /// token, which the response's cookie carries for the next forms.
    func startSession(_ accountID: Int64, context: AppContext, response: inout Response) {
        let csrf = Tokens.make()
        context.sessions.createSession(WebSession(accountID: accountID, csrf: csrf), expiresIn: SignInRoutes.sessionLength)
        response.headers[values: .setCookie].append(CSRFTokenMiddleware.cookie(csrf, secure: secureCookies).description)
    }

    /// Counts an attempt under `key`; past the limit, 429 with the time to wait.
    func throttle(_ key: String, limit: LoginThrottle.Limit, context: AppContext, now: Date) async throws {
        let (count, start) = try await throttles.hit(key, window: limit.window, now: now)
        if let delay = LoginThrottle.retryDelay(count: count, windowStart: start, limit: limit, now: now.timeIntervalSince1970) {
            let minutes = max(1, Int((delay / 60).rounded(.up)))
            throw PageError(.tooManyRequests, "error_throttled",
                            ["minutes": Formatting(language: context.language).number(minutes), "seconds": String(Int(delay.rounded(.up)))])
        }
    }
}
