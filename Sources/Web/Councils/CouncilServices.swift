import HemicycleDomain
import Storage

/// What a council's public pages and its directory API need: the council, its groups, commissions and seats.
struct CouncilServices: Sendable {
    let councils: CouncilRepository
    let groups: GroupRepository
    let commissions: CommissionRepository
    let memberships: MembershipRepository
    let clock: any WallClock

    init(site: Site) {
        councils = site.councils
        groups = site.groups
        commissions = site.commissions
        memberships = site.memberships
        clock = site.clock
    }
}
