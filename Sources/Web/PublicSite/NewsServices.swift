import HemicycleDomain
import PublicSite
import Storage

/// What the news routes need: the posts, the clock, and the site's address for feeds.
struct NewsServices: Sendable {
    let news: NewsRepository
    /// Every council hosted here: the links of a post that mention one of them, or its things.
    let councils: CouncilRepository
    let clock: any WallClock
    /// The site's address: feeds and their entries link with absolute addresses.
    let baseURL: String
    /// Images for posts: their bytes, their records (owned by the council's news), the largest upload, the daily quota.
    let files: any FileStore
    let attachments: AttachmentRepository
    let uploadLimit: Int
    let uploadQuota: Int
    let subscriptions: NewsSubscriptionRepository
    /// What a post can start from: an adopted avis, a drawn convention (and the people it names).
    let works: WorkRepository
    let conventions: ConventionRepository
    let missions: MissionRepository
    let memberships: MembershipRepository
    /// What a post may mention (`NewsMentionPicker`).
    let groups: GroupRepository
    let commissions: CommissionRepository
    let consultations: ConsultationRepository
    let agreements: AgreementRepository
    /// Networks of councils, whose directories a post may mention.
    let networks: NetworkRepository
    let tokens: SubscriptionTokens
    let mailer: Mailer
    /// Counts of subscription requests per client and per mailbox: the site never mails a stranger's box repeatedly.
    let throttles: ThrottleRepository
    let subscriptionFlow: SubscriptionFlow

    init(site: Site) {
        news = NewsRepository(database: site.database)
        councils = site.councils
        clock = site.clock
        baseURL = site.configuration.baseURL
        files = site.files
        attachments = AttachmentRepository(database: site.database)
        uploadLimit = site.configuration.uploadLimit
        uploadQuota = site.configuration.uploadQuota
        subscriptions = NewsSubscriptionRepository(database: site.database)
        works = site.works
        conventions = ConventionRepository(database: site.database)
        missions = MissionRepository(database: site.database)
        memberships = site.memberships
        groups = site.groups
        commissions = site.commissions
        consultations = ConsultationRepository(database: site.database)
        agreements = AgreementRepository(database: site.database)
        networks = NetworkRepository(database: site.database)
        tokens = SubscriptionTokens(persist: site.persist)
        mailer = site.mailer
        throttles = site.throttles
        subscriptionFlow = SubscriptionFlow(throttles: site.throttles, tokens: tokens, clock: site.clock)
    }
}

extension NewsServices {
    /// What the cleaned `body` of a post of `council` mentions, as stored: the council's own people, bodies and works
    /// (a link to another council's names a number of theirs, never kept), councils by their home page, and networks
    /// by their directory.
    func mentions(in body: String, council: Council) async throws -> [StoredMention] {
        let councils = Dictionary(try await councils.all().map { ($0.slug, $0.id) }, uniquingKeysWith: { first, _ in first })
        let networks = Dictionary(try await networks.all().map { ($0.slug, $0.id) }, uniquingKeysWith: { first, _ in first })
        return NewsMentions.find(in: body, councils: councils, networks: networks, base: baseURL, ownCouncil: council.slug)
            .map { StoredMention(subject: $0.subject.rawValue, id: $0.id) }
    }
}
