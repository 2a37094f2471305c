/// A council's activity report for a year: the key figures, each table with its chart, the narrative in the reader's
/// language, and the secretariat's forms.
struct ActivityReportPage: Encodable {
    struct Table: Encodable {
        let id: String
        let title: String
        let columns: [String]
        let rows: [Row]
        let hasRows: Bool
        let total: Row?
        let chart: String?
        let empty: String
    }

    struct Row: Encodable {
        let label: String
        let cells: [String]
    }

    struct Fact: Encodable {
        let sentence: String
    }

    struct Narrative: Encodable {
        let action: String
        let values: [String: String]
        let publishAction: String?
    }

    let heading: String
    let backURL: String
    let status: String
    let isDraft: Bool
    let foreword: LocalizedView?
    let outlook: LocalizedView?
    let keyFigures: [Fact]
    let tables: [Table]
    let cooperation: [Fact]
    let budget: [Fact]
    let budgetURL: String?
    let csvURL: String
    let form: Narrative?
    let error: String?
}

/// The council's activity reports: the years published, and for the secretariat and the bureau those in draft.
struct ActivityReportListPage: Encodable {
    struct Row: Encodable {
        let url: String
        let year: Int
        let status: String
    }

    let rows: [Row]
    let hasRows: Bool
    let currentURL: String?
}
