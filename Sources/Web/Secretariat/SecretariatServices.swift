import HemicycleDomain
import Storage

/// What the administration's routes need: its directions, services, posts and assignments, the council's seats,
/// commissions and works, and the clock.
struct SecretariatServices: Sendable {
    let secretariat: SecretariatRepository
    let memberships: MembershipRepository
    let commissions: CommissionRepository
    let works: WorkRepository
    let clock: any WallClock

    init(site: Site) {
        secretariat = SecretariatRepository(database: site.database)
        memberships = site.memberships
        commissions = site.commissions
        works = site.works
        clock = site.clock
    }
}
