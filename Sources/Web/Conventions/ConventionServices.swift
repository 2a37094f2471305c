import HemicycleDomain
import Storage

/// What the conventions' routes need: their repository, the council's work items (to link one), the file store
/// (for pool files as they arrive), the clock and the largest file taken.
struct ConventionServices: Sendable {
    let conventions: ConventionRepository
    let works: WorkRepository
    let memberships: MembershipRepository
    let files: any FileStore
    let clock: any WallClock
    let uploadLimit: Int

    init(site: Site) {
        conventions = ConventionRepository(database: site.database)
        works = WorkRepository(database: site.database)
        memberships = site.memberships
        files = site.files
        clock = site.clock
        uploadLimit = site.configuration.uploadLimit
    }
}
