import HemicycleDomain
import Storage

/// What the conventions' routes need: their repository, the council's work items (to link one), the file store
/// (for pool files as they arrive), the clock and the largest file taken.
struct ConventionServices: Sendable {
    let conventions: ConventionRepository
    let draws: ConventionDrawRepository
    let sittings: ConventionSittingRepository
    let works: WorkRepository
    let memberships: MembershipRepository
    let files: any FileStore
    /// Tells the people drawn.
    let mailer: Mailer
    let clock: any WallClock
    /// Names volunteers who register through the form (never their account's number).
    let ids: any IdentifierGenerator
    let uploadLimit: Int
    /// The site's address, for links in the API.
    let baseURL: String

    init(site: Site) {
        conventions = ConventionRepository(database: site.database)
        draws = ConventionDrawRepository(database: site.database)
        sittings = ConventionSittingRepository(database: site.database)
        works = WorkRepository(database: site.database)
        memberships = site.memberships
        files = site.files
        mailer = site.mailer
        clock = site.clock
        ids = site.ids
        uploadLimit = site.configuration.uploadLimit
        baseURL = site.configuration.baseURL
    }
}
