/// The council's indicators with their latest value, and the secretariat's form to define one.
struct IndicatorListPage: Encodable {
    struct Row: Encodable {
        let url: String
        let code: String
        let name: LocalizedView
        let unit: String
        let latest: String?
        let change: String?
        let illustrative: Bool
    }

    struct Form: Encodable {
        let action: String
        let values: [String: String]
    }

    let rows: [Row]
    let hasRows: Bool
    let hasIllustrative: Bool
    let form: Form?
    let error: String?
}

/// An indicator: its definition, source and unit, its values year over year (a chart and a table), and the
/// secretariat's forms to record, import and remove values.
struct IndicatorPage: Encodable {
    struct Value: Encodable {
        let year: Int
        let value: String
        let change: String?
        let illustrative: Bool
        let deleteAction: String?
    }

    struct Forms: Encodable {
        let valueAction: String
        let importAction: String
        let values: [String: String]
    }

    let heading: LocalizedView
    let code: String
    let definition: LocalizedView?
    let source: String?
    let unit: String?
    let chart: String?
    let values: [Value]
    let hasValues: Bool
    let hasIllustrative: Bool
    let forms: Forms?
    let backURL: String
    let error: String?
}

/// The dashboard annexed to an annual report: each indicator's latest value and its change from the year before.
struct IndicatorDashboardPage: Encodable {
    struct Row: Encodable {
        let url: String
        let name: LocalizedView
        let unit: String
        let year: String?
        let value: String?
        let previous: String?
        let change: String?
        let illustrative: Bool
        let indicatorID: Int64
        let removeAction: String?
        let removeLabel: String
    }

    struct AnnexForm: Encodable {
        let action: String
        let options: [SelectOption]
    }

    let heading: String
    let workTitle: LocalizedView
    let workURL: String
    /// Which years the values are of: those before the report's adoption, or the latest while it is prepared.
    let basis: String
    let rows: [Row]
    let hasRows: Bool
    let hasIllustrative: Bool
    let keeps: Bool
    let annex: AnnexForm?
}
