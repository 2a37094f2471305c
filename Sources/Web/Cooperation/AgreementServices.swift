import HemicycleDomain
import Storage

/// What the agreements' routes need: the agreements and their plans, the councils (the parties), the council's works
/// (what it shares), the file store (the signed text and other documents), the clock.
struct AgreementServices: Sendable {
    let agreements: AgreementRepository
    let plans: AgreementPlanRepository
    let contributions: PartnerContributionRepository
    /// The missions that served an agreement, on its page.
    let missions: MissionRepository
    /// The practice notes a party shares by name.
    let notes: PracticeNoteRepository
    let councils: CouncilRepository
    let memberships: MembershipRepository
    let works: WorkRepository
    let attachments: AttachmentRepository
    let files: any FileStore
    let uploadLimit: Int
    let uploadQuota: Int
    let inTheNews: InTheNews
    let clock: any WallClock

    init(site: Site) {
        agreements = AgreementRepository(database: site.database)
        plans = AgreementPlanRepository(database: site.database)
        contributions = PartnerContributionRepository(database: site.database)
        missions = MissionRepository(database: site.database)
        notes = PracticeNoteRepository(database: site.database)
        councils = site.councils
        memberships = site.memberships
        works = WorkRepository(database: site.database)
        attachments = AttachmentRepository(database: site.database)
        files = site.files
        uploadLimit = site.configuration.uploadLimit
        uploadQuota = site.configuration.uploadQuota
        inTheNews = InTheNews(database: site.database, clock: site.clock)
        clock = site.clock
    }

    var transfer: AttachmentTransfer {
        AttachmentTransfer(files: files, attachments: attachments, clock: clock, uploadLimit: uploadLimit, uploadQuota: uploadQuota)
    }
}
