import HemicycleDomain
import Storage

/// What the sittings' routes need: the sittings, the council's seats, groups, commissions and works, the clock, the
/// site's address (for calendars) and the key of members' calendar addresses.
struct CouncilSittingServices: Sendable {
    let sittings: SittingRepository
    let memberships: MembershipRepository
    let groups: GroupRepository
    let commissions: CommissionRepository
    let works: WorkRepository
    let clock: any WallClock
    let baseURL: String
    let calendarTokens: CalendarTokens
    /// The address convocations come from: their calendar invitations name it as the organiser.
    let organizer: String
    /// The documents of sittings (convocation papers, reports, amendments' tables), in the file store.
    let attachments: AttachmentRepository
    let files: any FileStore
    let uploadLimit: Int
    let uploadQuota: Int
    /// A public sitting's documents are OParl files: their deletion is told to OParl's clients.
    let oparlDeletions: OParlDeletionRepository

    /// Documents attached to a sitting, kept under its council.
    static let documentOwner = "council_sitting"

    var transfer: AttachmentTransfer {
        AttachmentTransfer(files: files, attachments: attachments, clock: clock, uploadLimit: uploadLimit, uploadQuota: uploadQuota)
    }

    init(site: Site) {
        sittings = SittingRepository(database: site.database)
        memberships = site.memberships
        groups = site.groups
        commissions = site.commissions
        works = site.works
        clock = site.clock
        baseURL = site.configuration.baseURL
        calendarTokens = CalendarTokens(persist: site.persist)
        organizer = SMTPClient.address(site.configuration.mailFrom)
        attachments = AttachmentRepository(database: site.database)
        files = site.files
        uploadLimit = site.configuration.uploadLimit
        uploadQuota = site.configuration.uploadQuota
        oparlDeletions = OParlDeletionRepository(database: site.database)
    }
}
