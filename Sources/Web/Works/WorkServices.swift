import HemicycleDomain
import Storage

/// What council work's routes need, and nothing more: its repositories, the clock, new identifiers and the
/// site's address (for links in the API). The next capabilities each have their own such struct.
struct WorkServices: Sendable {
    let works: WorkRepository
    let drafts: DraftRepository
    let ballots: BallotRepository
    let commissions: CommissionRepository
    let groups: GroupRepository
    let memberships: MembershipRepository
    let attachments: AttachmentRepository
    let files: any FileStore
    let clock: any WallClock
    let ids: any IdentifierGenerator
    let baseURL: String
    let uploadLimit: Int
    let uploadQuota: Int

    init(site: Site) {
        works = site.works
        drafts = site.drafts
        ballots = site.ballots
        commissions = site.commissions
        groups = site.groups
        memberships = site.memberships
        attachments = site.attachments
        files = site.files
        clock = site.clock
        ids = site.ids
        baseURL = site.configuration.baseURL
        uploadLimit = site.configuration.uploadLimit
        uploadQuota = site.configuration.uploadQuota
    }
}
