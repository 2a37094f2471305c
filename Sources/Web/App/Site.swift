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
    /// Chooses what varies between visitors (the next statement of a consultation).
    public let random: any RandomSource
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
    public let attachments: AttachmentRepository
    /// The bytes of attached files.
    public let files: any FileStore
    public let mailer: Mailer
    /// Renders pages and speaks the reader's language.
    public let pages: Pages
    /// Visitors' public pages, kept rendered while nothing changes.
    let pageCache: PageCache
    let devices: KnownDevices
    public let throttle: LoginThrottle

    public init(configuration: AppConfiguration, database: any Database, views: Views, localizer: Localizer,
                clock: any WallClock = SystemClock(), ids: any IdentifierGenerator = RandomIdentifiers(),
                throttle: LoginThrottle = LoginThrottle(), files: (any FileStore)? = nil, random: any RandomSource = SystemRandomSource()) {
        self.configuration = configuration
        self.database = database
        self.views = views
        self.localizer = localizer
        self.clock = clock
        self.ids = ids
        self.random = random
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
        attachments = AttachmentRepository(database: database)
        self.files = files ?? LocalFileStore(folder: configuration.filesFolder)
        mailer = Mailer(outbox: outbox, localizer: localizer, baseURL: configuration.baseURL, clock: clock)
        pages = Pages(views: views, localizer: localizer, baseURL: configuration.baseURL)
        pageCache = PageCache(clock: clock)
        devices = KnownDevices(persist: persist, secureCookies: configuration.secureCookies)
    }

    /// Who acts: the visitor, or the signed-in person with their seat's role; an unverified address holds only a
    /// citizen's reading rights.
    static func actor(_ account: Account?, _ membership: Membership?) -> CouncilActor {
        guard let account else { return .visitor }
        return CouncilActor(role: membership?.roleValue, isInstanceAdministrator: account.isInstanceAdmin, isVerified: account.isVerified,
                            duties: membership?.dutySet ?? [])
    }
}
