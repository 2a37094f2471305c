import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdAuth
import Logging
import ServiceLifecycle
import Storage

/// The composition root: one place where the server is assembled.
public enum HemicycleServer {
    /// Loads the bundled templates, strings, assets and API document; fails loudly when one is missing.
    public struct Resources: Sendable {
        public let views: Views
        public let localizer: Localizer
        let assets: StaticAssets
        let openAPIDocument: String

        public static func bundled() async throws -> Resources {
            guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Resources")
            else { throw Views.MissingTemplate(description: "Missing Resources/openapi.json") }
            return Resources(views: try await Views.bundled(), localizer: try Localizer.bundled(),
                             assets: try StaticAssets.bundled(), openAPIDocument: try String(contentsOf: url, encoding: .utf8))
        }
    }

    /// Every route, with its middleware, for one site.
    public static func buildRouter(site: Site, resources: Resources) -> Router<AppContext> {
        let router = Router(context: AppContext.self)
        let passwords = Passwords(cost: site.configuration.bcryptCost)
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: SessionMiddleware(
            storage: SQLPersistDriver(repository: site.persist, clock: site.clock),
            configuration: .init(
                sessionCookieParameters: .init(name: "hemicycle_session", path: "/", secure: site.configuration.secureCookies,
                                               sameSite: .lax),
                defaultSessionExpiration: SignInRoutes.sessionLength)))
        router.add(middleware: IdentityMiddleware(accounts: site.accounts, trustForwardedFor: site.configuration.trustForwardedFor))
        router.add(middleware: LanguageMiddleware())
        router.add(middleware: CSRFTokenMiddleware(secureCookies: site.configuration.secureCookies))
        router.add(middleware: ErrorPageMiddleware(site: site))
        router.add(middleware: MethodNotAllowedMiddleware(localizer: site.localizer, operations: APIRoutes.operations))
        router.add(middleware: CSRFMiddleware())
        if site.configuration.keepsVisitorPages { router.add(middleware: PageCacheMiddleware(cache: site.pageCache)) }

        let routes = PathRegistrar(router)
        let council = councilGroups(router, site: site)
        HomeRoutes(services: HomeServices(site: site), pages: site.pages, assets: resources.assets).register(on: routes)
        SitemapRoutes(site: site).register(on: routes)
        let accountServices = AccountServices(site: site)
        SignInRoutes(services: accountServices, pages: site.pages, passwords: passwords).register(on: routes)
        AccountRoutes(services: accountServices, pages: site.pages, passwords: passwords).register(on: routes)
        RecoveryRoutes(services: accountServices, pages: site.pages, passwords: passwords).register(on: routes)
        InvitationRoutes(services: accountServices, pages: site.pages, passwords: passwords).register(on: routes)
        let councilServices = CouncilServices(site: site), adminServices = AdminServices(site: site)
        AdminRoutes(services: adminServices, pages: site.pages).register(on: routes, in: council.pages)
        APIRoutes(services: councilServices, pages: site.pages, openAPIDocument: resources.openAPIDocument).register(on: routes, in: council.api)
        CouncilRoutes(services: councilServices, pages: site.pages, directory: Directory(services: councilServices))
            .register(in: council.pages)
        PeopleRoutes(services: councilServices, pages: site.pages, directory: Directory(services: councilServices)).register(in: council.pages)
        BodyAdminRoutes(services: adminServices, pages: site.pages).register(in: council.pages)
        MemberAdminRoutes(services: adminServices, pages: site.pages).register(in: council.pages)
        MemberPhotoRoutes(site: site).register(in: council.pages)
        let missionServices = MissionServices(site: site)
        MissionRoutes(services: missionServices, pages: site.pages).register(in: council.pages)
        let sittingServices = CouncilSittingServices(site: site)
        let sittingRoutes = CouncilSittingRoutes(services: sittingServices, pages: site.pages)
        sittingRoutes.register(in: council.pages)
        CouncilSittingProxyRoutes(services: sittingServices, pages: site.pages, routes: sittingRoutes).register(in: council.pages)
        CouncilSittingCalendarRoutes(services: sittingServices, pages: site.pages).register(in: council.pages)
        CouncilSittingMinutesRoutes(services: sittingServices, pages: site.pages, routes: sittingRoutes).register(in: council.pages)
        CouncilSittingDocumentRoutes(services: sittingServices, pages: site.pages, routes: sittingRoutes).register(in: council.pages)
        CouncilSittingAPI(services: sittingServices).register(in: council.api)
        let budgetServices = BudgetServices(site: site)
        BudgetRoutes(services: budgetServices, pages: site.pages).register(in: council.pages)
        BudgetAPI(services: budgetServices, baseURL: site.configuration.baseURL).register(in: council.api)
        let secretariatServices = SecretariatServices(site: site)
        SecretariatRoutes(services: secretariatServices, pages: site.pages).register(in: council.pages)
        SecretariatAPI(services: secretariatServices, pages: site.pages, baseURL: site.configuration.baseURL).register(in: council.api)
        let reportRoutes = ActivityReportRoutes(services: ActivityReportServices(site: site), pages: site.pages)
        reportRoutes.register(in: council.pages)
        ActivityReportAPI(routes: reportRoutes, baseURL: site.configuration.baseURL).register(in: council.api)
        let indicatorServices = IndicatorServices(site: site)
        IndicatorRoutes(services: indicatorServices, pages: site.pages).register(in: council.pages)
        IndicatorAPI(services: indicatorServices, baseURL: site.configuration.baseURL).register(in: council.api)
        PartnerRoutes(services: missionServices, pages: site.pages).register(in: council.pages)
        MissionAPI(services: missionServices, baseURL: site.configuration.baseURL).register(in: council.api)
        let agreementServices = AgreementServices(site: site)
        let agreementRoutes = AgreementRoutes(services: agreementServices, pages: site.pages)
        agreementRoutes.register(in: council.pages)
        AgreementPlanRoutes(services: agreementServices, pages: site.pages, agreements: agreementRoutes).register(in: council.pages)
        AgreementAPI(services: agreementServices, baseURL: site.configuration.baseURL).register(in: council.api)
        NetworkRoutes(services: NetworkServices(site: site), pages: site.pages).register(on: routes)
        OParlRoutes(services: OParlServices(site: site), pages: site.pages).register(on: routes)
        let contributionServices = ContributionServices(site: site)
        ContributionRoutes(services: contributionServices, pages: site.pages).register(in: council.pages)
        ContributionAPI(services: contributionServices, baseURL: site.configuration.baseURL).register(in: council.api)
        let practiceServices = PracticeServices(site: site)
        PracticeRoutes(services: practiceServices, pages: site.pages).register(in: council.pages)
        PracticeAPI(services: practiceServices, baseURL: site.configuration.baseURL).register(in: council.api)
        PracticeLibraryRoutes(services: practiceServices, councils: site.councils, pages: site.pages).register(on: routes)
        PracticeRequestRoutes(services: practiceServices, requests: PracticeRequestRepository(database: site.database), councils: site.councils,
                              accounts: site.accounts, mailer: site.mailer, pages: site.pages).register(in: council.pages)
        ThemeRoutes(agreements: agreementServices.agreements, pages: site.pages).register(on: routes)
        let federationServices = FederationServices(site: site)
        InboxRoutes(services: federationServices, pages: site.pages).register(on: routes)
        FederationLinkRoutes(services: federationServices, pages: site.pages).register(on: routes)
        FederationCouncilRoutes(services: federationServices, pages: site.pages).register(in: council.pages)
        let workServices = WorkServices(site: site)
        let works = WorkRoutes(services: workServices, pages: site.pages)
        works.register(in: council.pages)
        let workActions = WorkActionRoutes(services: workServices, pages: site.pages)
        workActions.register(in: council.pages)
        AmendmentRoutes(services: workServices, pages: site.pages, actions: workActions).register(in: council.pages)
        WorkExports(services: workServices, pages: site.pages).register(in: council.pages)
        WorkAttachmentRoutes(services: workServices, pages: site.pages).register(in: council.pages)
        WorkAPI(services: workServices).register(in: council.api)
        WorkFollowRoutes(services: WorkFollowServices(site: site), pages: site.pages).register(in: council.pages)
        let conventionServices = ConventionServices(site: site)
        let conventions = ConventionRoutes(services: conventionServices, pages: site.pages)
        conventions.register(in: council.pages)
        ConventionFormRoutes(services: conventionServices, pages: site.pages, routes: conventions).register(in: council.pages)
        PoolImportRoutes(services: conventionServices, pages: site.pages, routes: conventions).register(in: council.pages)
        RegistrationRoutes(services: conventionServices, pages: site.pages).register(in: council.pages)
        VolunteerRoutes(services: conventionServices, pages: site.pages).register(in: council.pages)
        DrawRoutes(services: conventionServices, pages: site.pages).register(in: council.pages)
        QuotaCheckRoutes(services: conventionServices, pages: site.pages).register(in: council.pages)
        ReplacementRoutes(services: conventionServices, pages: site.pages).register(in: council.pages)
        SittingRoutes(services: conventionServices, pages: site.pages).register(in: council.pages)
        SessionDocumentRoutes(services: conventionServices, pages: site.pages).register(in: council.pages)
        GroupAndHearingRoutes(services: conventionServices, pages: site.pages).register(in: council.pages)
        StatementRoutes(services: conventionServices, pages: site.pages).register(in: council.pages)
        ProposalRoutes(services: conventionServices, pages: site.pages).register(in: council.pages)
        ReportRoutes(services: conventionServices, pages: site.pages).register(in: council.pages)
        ConventionAPI(services: conventionServices).register(in: council.api)
        DrawAPI(services: conventionServices).register(in: council.api)
        SittingAPI(services: conventionServices).register(in: council.api)
        let consultationServices = ConsultationServices(site: site)
        ConsultationRoutes(services: consultationServices, pages: site.pages).register(in: council.pages)
        ImportRoutes(services: consultationServices, pages: site.pages, files: site.files).register(in: council.pages)
        ParticipationRoutes(services: consultationServices, pages: site.pages).register(in: council.pages)
        ModerationRoutes(services: consultationServices, pages: site.pages).register(in: council.pages)
        MapRoutes(services: consultationServices, pages: site.pages).register(in: council.pages)
        ExportRoutes(services: consultationServices, pages: site.pages).register(in: council.pages)
        ConsultationProposalRoutes(services: consultationServices, pages: site.pages).register(in: council.pages)
        SynthesisRoutes(services: consultationServices, pages: site.pages).register(in: council.pages)
        VerificationRoutes(services: consultationServices, pages: site.pages).register(in: council.pages)
        QuestionnaireRoutes(services: consultationServices, pages: site.pages).register(in: council.pages)
        PetitionRoutes(services: consultationServices, petitions: PetitionRepository(database: site.database), pages: site.pages)
            .register(in: council.pages)
        ConsultationAPI(services: consultationServices).register(in: council.api)
        let newsServices = NewsServices(site: site)
        NewsRoutes(services: newsServices, pages: site.pages).register(in: council.pages)
        NewsEditorRoutes(services: newsServices, pages: site.pages).register(in: council.pages)
        NewsFeeds(services: newsServices, pages: site.pages).register(in: council.pages)
        NewsImageRoutes(services: newsServices, pages: site.pages).register(in: council.pages)
        NewsSubscriptionRoutes(services: newsServices, pages: site.pages).register(in: council.pages)
        NewsAPI(services: newsServices).register(in: council.api)
        SearchRoutes(indexer: SiteSearchIndexer(site: site), pages: site.pages).register(in: council.pages)
        return router
    }

    /// Opens the database, migrates it, loads the demo councils into an empty one, and returns the
    /// application with its services (database, session sweeper, draw worker, mail dispatcher).
    /// `onServerRunning` receives the port the server listens on (useful with port 0).
    public static func buildApplication(configuration: AppConfiguration, logger: Logger,
                                        onServerRunning: (@Sendable (Int) async -> Void)? = nil) async throws -> some ApplicationProtocol {
        let smtp = try configuration.smtpURL.map { try SMTPSettings(url: $0, trustRootsFile: configuration.smtpCAFile) }
        let database = try await DatabaseFactory.open(configuration.database, logger: logger)
        let resources = try await Resources.bundled()
        let site = Site(configuration: configuration, database: database, views: resources.views, localizer: resources.localizer)
        var app = Application(
            router: buildRouter(site: site, resources: resources),
            configuration: .init(address: .hostname(configuration.hostname, port: configuration.port), serverName: "Hemicycle"),
            services: [database],
            onServerRunning: { channel in
                logger.info("Hemicycle is serving", metadata: ["url": "\(configuration.baseURL)"])
                await onServerRunning?(channel.localAddress?.port ?? configuration.port)
            },
            logger: logger)
        let migrated = ReadySignal()
        app.beforeServerStarts {
            try await Migrator(database: database, logger: logger, clock: site.clock).migrate()
            migrated.open()
            try await checkProduction(configuration, accounts: site.accounts)
            if configuration.loadDemoData, configuration.isDevelopment, try await site.councils.count() == 0 {
                do {
                    try await DemoData(site: site).load()
                    logger.info("Loaded demo data: cese-fr and cese-ma")
                } catch is DemoData.Interrupted {
                    // Asked to stop while starting: nothing was kept, and the server stops without serving.
                    logger.notice("The server is stopping: the demo data was not loaded")
                }
            }
        }
        app.addServices(SQLPersistDriver(repository: site.persist, clock: site.clock, throttles: site.throttles))
        // Conventions' lotteries are computed here, in the background, never on a request.
        app.addServices(DrawWorker(database: database, clock: site.clock, logger: logger, ready: migrated))
        // Consultations' opinion maps too, unless `hemicycle worker` processes compute them.
        if configuration.runsMapWorker {
            app.addServices(ConsultationMapWorker(database: database, clock: site.clock, logger: logger, ready: migrated))
        }
        // Each council's search index, made again when what it publishes changes.
        app.addServices(SearchIndexWorker(site: site, logger: logger, ready: migrated))
        // The news, mailed to subscribers once each post is public.
        app.addServices(NewsMailWorker(site: site, logger: logger, ready: migrated))
        // The steps of council work, mailed to those who follow it.
        app.addServices(WorkProgressMailWorker(site: site, logger: logger, ready: migrated))
        // Documents shared with partner instances, delivered and retried until they are taken.
        app.addServices(FederationDispatcher(services: FederationServices(site: site), transport: HTTPFederationTransport(), logger: logger,
                                             ready: migrated))
        if let smtp {
            app.addServices(OutboxDispatcher(outbox: site.outbox, client: SMTPClient(settings: smtp, from: configuration.mailFrom),
                                             logger: logger))
        }
        return app
    }
}
