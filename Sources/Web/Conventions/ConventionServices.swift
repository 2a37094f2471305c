import HemicycleDomain
import Storage

/// What the conventions' routes need: their repository, the council's work items (to link one), the file store
/// (for pool files as they arrive), the clock and the largest file taken.
struct ConventionServices: Sendable {
    let conventions: ConventionRepository
    let draws: ConventionDrawRepository
    let sittings: ConventionSittingRepository
    let groups: ConventionGroupRepository
    let statements: ConventionStatementRepository
    let works: WorkRepository
    /// The posts that mention a convention, on its page.
    let inTheNews: InTheNews
    let memberships: MembershipRepository
    let files: any FileStore
    /// The sessions' documents.
    let attachments: AttachmentRepository
    /// Tells the people drawn.
    let mailer: Mailer
    let clock: any WallClock
    /// Names volunteers who register through the form (never their account's number).
    let ids: any IdentifierGenerator
    let uploadLimit: Int
    /// The bytes an account may attach in a day.
    let uploadQuota: Int
    /// The site's address, for links in the API.
    let baseURL: String

    init(site: Site) {
        conventions = ConventionRepository(database: site.database)
        draws = ConventionDrawRepository(database: site.database)
        sittings = ConventionSittingRepository(database: site.database)
        groups = ConventionGroupRepository(database: site.database)
        statements = ConventionStatementRepository(database: site.database)
        works = WorkRepository(database: site.database)
        inTheNews = InTheNews(database: site.database, clock: site.clock)
        memberships = site.memberships
        files = site.files
        attachments = AttachmentRepository(database: site.database)
        mailer = site.mailer
        clock = site.clock
        ids = site.ids
        uploadLimit = site.configuration.uploadLimit
        uploadQuota = site.configuration.uploadQuota
        baseURL = site.configuration.baseURL
    }
}
