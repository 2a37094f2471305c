import HemicycleDomain
import Storage

/// What council work's routes need, and nothing more: its repositories, the clock, new identifiers and the
/// site's address (for links in the API). The next capabilities each have their own such struct.
struct WorkServices: Sendable {
    let database: any Database
    let works: WorkRepository
    let drafts: DraftRepository
    let ballots: BallotRepository
    let commissions: CommissionRepository
    let groups: GroupRepository
    let memberships: MembershipRepository
    let attachments: AttachmentRepository
    /// The consultations about a work, listed on its page.
    let consultations: ConsultationRepository
    /// The posts that mention a work, on its page.
    let inTheNews: InTheNews
    /// What partner councils read of the council's works under an agreement.
    let partners: PartnerReading
    /// What partner councils sent to its works.
    let partnerContributions: PartnerContributionRepository
    let councils: CouncilRepository
    /// The sittings ballots are held at: their attendance, proxies and quorum.
    let sittings: SittingRepository
    let files: any FileStore
    let clock: any WallClock
    let ids: any IdentifierGenerator
    let baseURL: String
    let uploadLimit: Int
    let uploadQuota: Int

    init(site: Site) {
        self.init(database: site.database, files: site.files, clock: site.clock, ids: site.ids, baseURL: site.configuration.baseURL,
                  uploadLimit: site.configuration.uploadLimit, uploadQuota: site.configuration.uploadQuota)
    }

    private init(database: any Database, files: any FileStore, clock: any WallClock, ids: any IdentifierGenerator, baseURL: String,
                 uploadLimit: Int, uploadQuota: Int) {
        self.database = database
        works = WorkRepository(database: database)
        drafts = DraftRepository(database: database)
        ballots = BallotRepository(database: database)
        commissions = CommissionRepository(database: database)
        groups = GroupRepository(database: database)
        memberships = MembershipRepository(database: database)
        attachments = AttachmentRepository(database: database)
        consultations = ConsultationRepository(database: database)
        inTheNews = InTheNews(database: database, clock: clock)
        partners = PartnerReading(plans: AgreementPlanRepository(database: database), memberships: memberships)
        partnerContributions = PartnerContributionRepository(database: database)
        councils = CouncilRepository(database: database)
        sittings = SittingRepository(database: database)
        self.files = files
        self.clock = clock
        self.ids = ids
        self.baseURL = baseURL
        self.uploadLimit = uploadLimit
        self.uploadQuota = uploadQuota
    }

    /// The same services, every read of `body` in one snapshot of the store (a page's many queries see one state).
    func snapshot<T: Sendable>(_ body: (WorkServices) async throws -> T) async throws -> T {
        try await database.snapshot { scope in
            try await body(WorkServices(database: scope, files: files, clock: clock, ids: ids, baseURL: baseURL,
                                        uploadLimit: uploadLimit, uploadQuota: uploadQuota))
        }
    }
}
