import HemicycleDomain
import Storage

/// What the missions' routes need: the missions, the council's seats, groups and commissions (who travelled), the
/// councils hosted here (the partner), the clock.
struct MissionServices: Sendable {
    let missions: MissionRepository
    /// The agreements, listed on a partner's page.
    let agreements: AgreementRepository
    /// The networks a partner belongs to, on its page.
    let networks: NetworkRepository
    let memberships: MembershipRepository
    let groups: GroupRepository
    let commissions: CommissionRepository
    let councils: CouncilRepository
    /// The posts that mention a mission or a partner council.
    let inTheNews: InTheNews
    let clock: any WallClock

    init(site: Site) {
        missions = MissionRepository(database: site.database)
        agreements = AgreementRepository(database: site.database)
        networks = NetworkRepository(database: site.database)
        memberships = site.memberships
        groups = site.groups
        commissions = site.commissions
        councils = site.councils
        inTheNews = InTheNews(database: site.database, clock: site.clock)
        clock = site.clock
    }
}
