import HemicycleDomain
import Storage

/// What the consultations' routes need: their repositories, the council's works (to link one), the clock, the
/// random choice of the next statement, and the limits on participants.
struct ConsultationServices: Sendable {
    let consultations: ConsultationRepository
    let statements: ConsultationStatementRepository
    let maps: ConsultationMapRepository
    let proposals: ConsultationProposalRepository
    /// The council's list of participants and people's declarations.
    let verifications: ParticipantVerificationRepository
    /// The questionnaires' questions and answers.
    let questionnaires: ConsultationQuestionnaireRepository
    /// Every moderator's decision, kept for staff.
    let moderationDecisions: ModerationDecisionRepository
    /// Keyed digests of addresses, for the council's list and people's declarations.
    let addressDigests: AddressDigests
    let works: WorkRepository
    /// The posts that mention a consultation, on its page.
    let inTheNews: InTheNews
    let throttles: ThrottleRepository
    let clock: any WallClock
    let random: any RandomSource
    /// Votes and statements per participant and per address, counted in memory.
    let limits: ParticipationLimits
    /// The largest Polis export taken.
    let uploadLimit: Int
    let baseURL: String
    let secureCookies: Bool
    /// Maps decoded from their stored JSON, kept while they are the latest.
    let snapshots: MapSnapshotCache
    /// Signs the time a participant's form was shown.
    let stamps: FormStamp
    /// Votes written many to a transaction.
    let votes: VoteBatcher
    /// Open consultations read within the last second, and participants' numbers, for the vote's path.
    let openConsultations = OpenConsultations()
    let knownParticipants = KnownParticipants()
    /// Each consultation's statements, read again when its statements' version changes.
    let statementLists = StatementLists()

    init(site: Site, limits: ParticipationLimits = ParticipationLimits(), snapshots: MapSnapshotCache = MapSnapshotCache()) {
        consultations = ConsultationRepository(database: site.database)
        inTheNews = InTheNews(database: site.database, clock: site.clock)
        statements = ConsultationStatementRepository(database: site.database)
        maps = ConsultationMapRepository(database: site.database)
        proposals = ConsultationProposalRepository(database: site.database)
        verifications = ParticipantVerificationRepository(database: site.database)
        questionnaires = ConsultationQuestionnaireRepository(database: site.database)
        moderationDecisions = ModerationDecisionRepository(database: site.database)
        addressDigests = AddressDigests(persist: site.persist)
        works = site.works
        throttles = site.throttles
        clock = site.clock
        random = site.random
        self.limits = limits
        uploadLimit = site.configuration.uploadLimit
        baseURL = site.configuration.baseURL
        secureCookies = site.configuration.secureCookies
        self.snapshots = snapshots
        stamps = FormStamp(persist: site.persist)
        votes = VoteBatcher(database: site.database)
    }
}
