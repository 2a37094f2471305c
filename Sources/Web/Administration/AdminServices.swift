import HemicycleDomain
import Storage

/// What a council's staff pages and the instance's outbox need: the council's bodies and seats, invitations and
/// the accounts they reach, mail, the clock, and whether this instance is in development.
struct AdminServices: Sendable {
    let groups: GroupRepository
    let commissions: CommissionRepository
    let memberships: MembershipRepository
    let councils: CouncilRepository
    let invitations: InvitationRepository
    let accounts: AccountRepository
    let outbox: OutboxRepository
    let mailer: Mailer
    let clock: any WallClock
    let isDevelopment: Bool
    /// Members' photos, and the largest file taken.
    let attachments: AttachmentRepository
    let uploadLimit: Int
    let photos: MemberPhotos

    init(site: Site) {
        groups = site.groups
        attachments = site.attachments
        photos = MemberPhotos(site: site)
        uploadLimit = site.configuration.uploadLimit
        commissions = site.commissions
        memberships = site.memberships
        councils = site.councils
        invitations = site.invitations
        accounts = site.accounts
        outbox = site.outbox
        mailer = site.mailer
        clock = site.clock
        isDevelopment = site.configuration.isDevelopment
    }
}
