/// The typed model of the list of a council's conventions.
struct ConventionListPage: Encodable {
    struct Row: Encodable {
        let url: String
        let title: LocalizedView
        let status: String
        let statusCode: String
        let panel: String
    }

    let rows: [Row]
    let hasRows: Bool
    /// Present for those who may define a convention.
    let newURL: String?
}

/// The form that defines a convention (new, or its definition edited).
struct ConventionDefinitionForm: Encodable {
    let action: String
    let values: [String: String]
    let works: [SelectOption]
    let onePerHousehold: Bool
    let error: String?
}

/// The typed model of a convention's page: what it is, its criteria and quotas, and for the secretariat the pool
/// against the quotas and the forms that prepare the draw.
struct ConventionPage: Encodable {
    struct Value: Encodable {
        let name: LocalizedView
        let populationShare: String
        let idealSeats: String
        let quota: String
        /// The quota the shares alone give, shown when an edit changed it.
        let derived: String?
        let minName: String
        let maxName: String
        let min: String
        let max: String
    }

    struct Criterion: Encodable {
        let name: LocalizedView
        let values: [Value]
    }

    struct PoolValue: Encodable {
        let name: LocalizedView
        let poolCount: String
        let poolShare: String
        let populationShare: String
        let idealSeats: String
        let quota: String
        let short: Bool
    }

    struct PoolCriterion: Encodable {
        let name: LocalizedView
        let values: [PoolValue]
        let chart: String
    }

    struct Pool: Encodable {
        let count: String
        let problems: [String]
        let hasProblems: Bool
        let criteria: [PoolCriterion]
        let volunteersURL: String
        /// The engine's check that some panel meets every quota together.
        let quotaCheckURL: String?
        let importAction: String?
        let importError: String?
        let uploadLimit: String
    }

    struct Staff: Encodable {
        let definition: ConventionDefinitionForm?
        let criteriaAction: String?
        let criteriaText: String
        let criteriaError: String?
        let criteriaCSV: String
        let quotasAction: String?
        let quotasError: String?
        let openRegistrationAction: String?
        let openRegistrationBlocked: String?
    }

    let title: LocalizedView
    let mandate: LocalizedView?
    let status: String
    let statusCode: String
    let work: LinkView?
    let panel: String
    let tolerance: String?
    let onePerHousehold: Bool
    let criteria: [Criterion]
    let hasCriteria: Bool
    let pool: Pool?
    let staff: Staff?
    /// While registration is open, for a person who has not registered yet (signed in or not).
    var registerURL: String?
    /// The signed-in person is in the pool.
    var registered = false
    var withdrawURL: String?
    /// The public draw's page, once a draw was asked for.
    var drawURL: String?
    /// The sessions and votes, once the panel is drawn; the report once published.
    var sessionsURL: String?
    var reportURL: String?
    /// The secretariat closes the pool and asks for the draw, when the pool can meet the quotas.
    var requestDrawAction: String?
    var requestDrawBlocked: String?
    /// The posts that mention the convention.
    var news: [NewsMentionLink] = []
    var hasNews = false
}

/// A link with a localized label.
struct LinkView: Encodable {
    let url: String
    let label: LocalizedView
}
