/// Every path the site declares, capability by capability; a test checks the router registers exactly these.
enum SitePaths {
    static var all: [any DeclaredPath] {
        HomePaths.all + AccountPaths.all + CouncilPaths.all + AdminPaths.all + WorkPaths.all + ConventionPaths.all + SittingPaths.all + ConsultationPaths.all
        + PetitionPaths.all + NewsPaths.all + MissionPaths.all + CouncilSittingPaths.all + BudgetPaths.all + SecretariatPaths.all + ActivityReportPaths.all + IndicatorPaths.all + OParlPaths.all + PartnerPaths.all + AgreementPaths.all + NetworkPaths.all + ThemePaths.all + ContributionPaths.all + PracticePaths.all + PracticeRequestPaths.all + FederationPaths.all + [SitemapRoutes.path] + SearchRoutes.all + APIPaths.all
    }
}
