import HemicycleDomain
import Storage

/// What a council's public pages and its directory API need: the council, its groups, commissions and seats.
struct CouncilServices: Sendable {
    let councils: CouncilRepository
    let groups: GroupRepository
    let commissions: CommissionRepository
    let memberships: MembershipRepository
    let clock: any WallClock
    /// What the public pages show of a member's record.
    let records: PublicRecordRepository
    /// Members' photos.
    let attachments: AttachmentRepository
    /// The missions a member travelled on.
    let missions: MissionRepository
    /// The posts that mention a member, a group, a commission.
    let inTheNews: InTheNews
    /// The sittings of a commission, and the attendance of a group's members.
    let sittings: SittingRepository

    init(site: Site) {
        councils = site.councils
        groups = site.groups
        commissions = site.commissions
        memberships = site.memberships
        clock = site.clock
        records = PublicRecordRepository(database: site.database)
        attachments = site.attachments
        missions = MissionRepository(database: site.database)
        inTheNews = InTheNews(database: site.database, clock: site.clock)
        sittings = SittingRepository(database: site.database)
    }
}
