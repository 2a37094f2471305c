/// The JSON API's paths; those under `/api/v1/{council}` are in the council group of the API.
enum APIPaths {
    static let openAPI = SitePath("/api/v1/openapi.json")
    static let councils = SitePath("/api/v1/councils")
    static let council = Path1("/api/v1/{council}")
    static let groups = Path1("/api/v1/{council}/groups")
    static let commissions = Path1("/api/v1/{council}/commissions")
    static let members = Path1("/api/v1/{council}/members")
    static let works = Path1("/api/v1/{council}/works")
    static let work = Path2("/api/v1/{council}/works/{id}")
    static let conventions = Path1("/api/v1/{council}/conventions")
    static let convention = Path2("/api/v1/{council}/conventions/{id}")
    static let conventionDraw = Path2("/api/v1/{council}/conventions/{id}/draw")
    static let conventionSessions = Path2("/api/v1/{council}/conventions/{id}/sessions")
    static let consultations = Path1("/api/v1/{council}/consultations")
    static let consultation = Path2("/api/v1/{council}/consultations/{id}")
    static let news = Path1("/api/v1/{council}/news")
    static let newsPost = Path2("/api/v1/{council}/news/{id}")
    static let missions = Path1("/api/v1/{council}/cooperation/missions")
    static let mission = Path2("/api/v1/{council}/cooperation/missions/{id}")
    static let agreements = Path1("/api/v1/{council}/cooperation/agreements")
    static let agreement = Path2("/api/v1/{council}/cooperation/agreements/{id}")
    static let practices = Path1("/api/v1/{council}/practices")
    static let practice = Path2("/api/v1/{council}/practices/{id}")
    static let sittings = Path1("/api/v1/{council}/sittings")
    static let sitting = Path2("/api/v1/{council}/sittings/{id}")
    static let contributions = Path1("/api/v1/{council}/cooperation/contributions")
    static let contribution = Path2("/api/v1/{council}/cooperation/contributions/{id}")
    static let budget = Path1("/api/v1/{council}/budget")
    static let budgetYear = Path2("/api/v1/{council}/budget/{year}")
    static let indicators = Path1("/api/v1/{council}/indicators")
    static let reports = Path1("/api/v1/{council}/reports")
    static let secretariat = Path1("/api/v1/{council}/secretariat")

    static let all: [any DeclaredPath] = [openAPI, councils, council, groups, commissions, members, works, work, conventions, convention,
                                          conventionDraw, conventionSessions, consultations, consultation, news, newsPost,
                                          missions, mission, agreements, agreement, practices, practice,
                                          contributions, contribution, sittings, sitting, budget, budgetYear, indicators, reports, secretariat]
}
