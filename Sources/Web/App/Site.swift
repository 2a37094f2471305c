import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// Everything handlers need, built once by the composition root.
public struct Site: Sendable {
    public let configuration: AppConfiguration
    public let database: any Database
    public let views: Views
    public let localizer: Localizer
    public let clock: any WallClock
    public let councils: CouncilRepository
    public let accounts: AccountRepository
    public let groups: GroupRepository
    public let commissions: CommissionRepository
    public let memberships: MembershipRepository
    public let outbox: OutboxRepository
    public let tokens: TokenRepository
    public let throttles: ThrottleRepository
    public let invitations: InvitationRepository
    public let persist: PersistRepository
    public let works: WorkRepository
    public let drafts: DraftRepository
    public let ballots: BallotRepository
    public let mailer: Mailer
    let devices: KnownDevices
    public let throttle: LoginThrottle

    public init(configuration: AppConfiguration, database: any Database, views: Views, localizer: Localizer,
                clock: any WallClock = SystemClock(), throttle: LoginThrottle = LoginThrottle()) {
        self.configuration = configuration
        self.database = database
        self.views = views
        self.localizer = localizer
        self.clock = clock
        self.throttle = throttle
        councils = CouncilRepository(database: database)
        accounts = AccountRepository(database: database)
        groups = GroupRepository(database: database)
        commissions = CommissionRepository(database: database)
        memberships = MembershipRepository(database: database)
        outbox = OutboxRepository(database: database)
        tokens = TokenRepository(database: database)
        throttles = ThrottleRepository(database: database)
        invitations = InvitationRepository(database: database)
        persist = PersistRepository(database: database)
        works = WorkRepository(database: database)
        drafts = DraftRepository(database: database)
        ballots = BallotRepository(database: database)
        mailer = Mailer(outbox: outbox, localizer: localizer, baseURL: configuration.baseURL, clock: clock)
        devices = KnownDevices(persist: persist, secureCookies: configuration.secureCookies)
    }

    /// The council named in the path, or 404.
    func requireCouncil(_ context: AppContext) async throws -> Council {
        guard let slug = context.parameters.get("council"), let council = try await councils.find(slug: slug) else {
            throw PageError.notFound
        }
        return council
    }

    /// The signed-in person's current seat in `council`, if any.
    func membership(in council: Council, context: AppContext) async throws -> Membership? {
        guard let account = context.account else { return nil }
        return try await memberships.find(accountID: account.id, councilID: council.id)
    }

    /// Who acts: the visitor, or the signed-in person with their seat's role; an unverified address holds only a
    /// citizen's reading rights.
    static func actor(_ account: Account?, _ membership: Membership?) -> CouncilActor {
        guard let account else { return .visitor }
        return CouncilActor(role: membership?.roleValue, isInstanceAdministrator: account.isInstanceAdmin, isVerified: account.isVerified)
    }

    /// The policy for the signed-in person (or an anonymous visitor) in `council`.
    func policy(in council: Council, context: AppContext) async throws -> CouncilPolicy {
        CouncilPolicy(actor: Self.actor(context.account, try await membership(in: council, context: context)))
    }

    /// Refuses a decision the way a person is told: 401 for a visitor asked to sign in, 403, 404 or 409 otherwise.
    func require(_ decision: Decision, _ context: AppContext) throws {
        switch decision {
        case .allowed: return
        case .forbidden(let key):
            if context.account == nil { throw PageError.signInRequired }
            throw key == "error_not_found" ? PageError.notFound : PageError(.forbidden, key)
        case .conflict(let key): throw PageError(.conflict, key)
        }
    }

    /// Throws 401 for a visitor and 403 for a signed-in person without the right.
    func authorize(_ action: CouncilAction, in council: Council, context: AppContext) async throws -> CouncilPolicy {
        let policy = try await policy(in: council, context: context)
        guard policy.allows(action) else {
            throw context.account == nil ? PageError.signInRequired : PageError.forbidden
        }
        return policy
    }

    func requireAccount(_ context: AppContext) throws -> Account {
        guard let account = context.account else { throw PageError.signInRequired }
        return account
    }

    func text(_ key: String, _ context: AppContext, _ arguments: [String: String] = [:]) -> String {
        localizer.text(key, context.language, arguments)
    }
}
