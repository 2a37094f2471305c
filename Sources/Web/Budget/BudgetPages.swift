/// The council's budget years, the latest first, and the finance staff's form to open one.
struct BudgetListPage: Encodable {
    struct Row: Encodable {
        let url: String
        let year: Int
        let status: String
        let allocation: String
        let paid: String
    }

    struct NewYearForm: Encodable {
        let action: String
        let year: String
        let currencies: [SelectOption]
        let sources: [SelectOption]
        let hasSources: Bool
    }

    let rows: [Row]
    let hasRows: Bool
    let form: NewYearForm?
    let error: String?
}

/// The amounts of a node of the budget, or of the whole year, as the locale writes them.
struct BudgetAmountsView: Encodable {
    let voted: String
    let transfers: String
    let allocation: String
    let committed: String
    let paid: String
    let available: String
    let rate: String
}

/// A budget year: where it stands, its execution by programme (a chart) and line by line (a table), the transfers,
/// commitments and payments one by one for the council's people, and the finance staff's forms.
struct BudgetYearPage: Encodable {
    struct Row: Encodable {
        let id: Int64
        let level: String
        let isLine: Bool
        let isProgramme: Bool
        let code: String
        let title: LocalizedView
        let amounts: BudgetAmountsView
        let link: String?
        let linkURL: String?
        let editURL: String?
        let deleteAction: String?
    }

    struct TransferRow: Encodable {
        let day: String
        let from: String
        let to: String
        let amount: String
        let reason: String
    }

    struct PaymentRow: Encodable {
        /// "12 mars 2026 : 1 200,00 €".
        let text: String
    }

    struct CommitmentRow: Encodable {
        let id: Int64
        let day: String
        let line: String
        let label: String
        let link: String?
        let amount: String
        let paid: String
        let unpaid: String
        let payments: [PaymentRow]
        let payAction: String?
    }

    struct LineForm: Encodable {
        let action: String
        let levels: [SelectOption]
        let parents: [SelectOption]
        let links: [SelectOption]
        let votedEditable: Bool
    }

    struct MovementForms: Encodable {
        let transferAction: String
        let commitmentAction: String
        let fromLines: [SelectOption]
        let toLines: [SelectOption]
        let commitLines: [SelectOption]
        let links: [SelectOption]
        /// What was typed in the form refused, shown again with the form open.
        let transfer: [String: String]
        let transferOpen: Bool
        let commitment: [String: String]
        let commitmentOpen: Bool
        let today: String
        let firstDay: String
        let lastDay: String
    }

    struct StatusForm: Encodable {
        let action: String
        let vote: Bool
        let close: Bool
        let today: String
    }

    let year: Int
    let heading: String
    let backURL: String
    let status: String
    let currency: String
    let statusSentence: String
    let total: BudgetAmountsView
    let chart: String?
    let rows: [Row]
    let hasRows: Bool
    let transfers: [TransferRow]?
    let hasTransfers: Bool
    let commitments: [CommitmentRow]?
    let hasCommitments: Bool
    let showDetail: Bool
    let lineForm: LineForm?
    let movementForms: MovementForms?
    let statusForm: StatusForm?
    let csvURL: String
    let apiURL: String
    let auditURL: String?
    let error: String?
    let values: [String: String]
}

/// A line's form: its code, titles, voted amount (before the vote) and what it serves.
struct BudgetLineEditPage: Encodable {
    let heading: String
    let action: String
    let backURL: String
    let values: [String: String]
    let links: [SelectOption]
    let votedEditable: Bool
    let isLine: Bool
    let error: String?
}

/// The audit trail of a budget year: every change, who made it, when, before and after.
struct BudgetAuditPage: Encodable {
    struct Entry: Encodable {
        let when: String
        let who: String
        let action: String
        let subject: String
        let before: String?
        let after: String?
    }

    let heading: String
    let backURL: String
    let entries: [Entry]
    let hasEntries: Bool
}
