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
    /// New identifiers for the blocks of texts.
    public let ids: any IdentifierGenerator
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
                clock: any WallClock = SystemClock(), ids: any IdentifierGenerator = RandomIdentifiers(),
                throttle: LoginThrottle = LoginThrottle()) {
        self.configuration = configuration
        self.database = database
        self.views = views
        self.localizer = localizer
        self.clock = clock
        self.ids = ids
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

    /// Who acts: the visitor, or the signed-in person with their seat's role; an unverified address holds only a
    /// citizen's reading rights.
    static func actor(_ account: Account?, _ membership: Membership?) -> CouncilActor {
        guard let account else { return .visitor }
        return CouncilActor(role: membership?.roleValue, isInstanceAdministrator: account.isInstanceAdmin, isVerified: account.isVerified)
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

    /// The policy of the council the route is in (resolved once by the `/{council}` group); throws 401 for a visitor
    /// and 403 for a signed-in person without the right.
    @discardableResult
    func authorize(_ action: CouncilAction, _ context: AppContext) throws -> CouncilPolicy {
        let policy = try context.inCouncil().policy
        guard policy.allows(action) else {
            throw context.account == nil ? PageError.signInRequired : PageError.forbidden
        }
        return policy
    }

    func requireAccount(_ context: AppContext) throws -> Account {
        guard let account = context.account else { throw PageError.signInRequired }
        return account
    }

    /// The sentence for `count` things in the reader's language, the count written as `format` writes numbers.
    func plural(_ key: String, count: Int, _ context: AppContext, format: Formatting, _ arguments: [String: String] = [:]) -> String {
        localizer.plural(key, count: count, number: format.number(count), context.language, arguments)
    }

    func text(_ key: String, _ context: AppContext, _ arguments: [String: String] = [:]) -> String {
        localizer.text(key, context.language, arguments)
    }
}
