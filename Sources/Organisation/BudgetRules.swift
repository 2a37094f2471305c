import HemicycleDomain

/// What is done with a council's budget.
public enum BudgetAction: Sendable {
    /// Read a year's lines and their execution (voted, transferred, committed, paid).
    case seeExecution(BudgetYearStatus)
    /// Read the commitments, payments and transfers one by one, with their labels and reasons.
    case seeDetail
    /// Read the audit trail: who changed what, when, before and after.
    case seeAudit
    /// Open a year, set its lines and voted amounts, record the vote, transfers, commitments and payments, close it.
    case keep
}

/// Who may do what with a council's budget. A voted budget is public, line by line with its execution, as a public
/// institution's accounts are; a year in preparation is the secretariat's and the bureau's. Commitments, payments and
/// transfers one by one are read by the council's members, bureau and secretariat; the audit trail by the bureau and
/// the secretariat. The budget is kept by the council's administrators and the staff given the finance duty.
public enum BudgetRules {
    public static func decide(_ actor: CouncilActor, _ action: BudgetAction) -> Decision {
        switch action {
        case .seeExecution(let status):
            if status != .draft { return .allowed }
            return actor.isSecretariat || actor.isBureau ? .allowed : .forbidden("budget_refused")
        case .seeDetail:
            return actor.sitsInAssembly || actor.isSecretariat || actor.isBureau ? .allowed : .forbidden("budget_refused")
        case .seeAudit:
            return actor.isSecretariat || actor.isBureau ? .allowed : .forbidden("budget_refused_audit")
        case .keep:
            return actor.isAdministrator || actor.duties.contains(.budgetOfficer) ? .allowed : .forbidden("budget_refused_keep")
        }
    }

    /// Lines are added and renamed until the year is closed (a line added after the vote starts at zero and is
    /// funded by transfers); removed, and their voted amounts set, only while the year is prepared.
    public static func mayShape(_ status: BudgetYearStatus) -> Decision {
        status == .closed ? .conflict("budget_error_closed") : .allowed
    }

    /// Voted amounts are set, and lines removed, only before the vote.
    public static func maySetVoted(_ status: BudgetYearStatus) -> Decision {
        switch status {
        case .draft: .allowed
        case .voted: .conflict("budget_error_voted")
        case .closed: .conflict("budget_error_closed")
        }
    }

    /// Credits move, are committed and paid only in a voted year not yet closed.
    public static func mayExecute(_ status: BudgetYearStatus) -> Decision {
        switch status {
        case .draft: .conflict("budget_error_not_voted")
        case .voted: .allowed
        case .closed: .conflict("budget_error_closed")
        }
    }

    /// The year moves forward only: voted once it has at least one line with an amount, then closed.
    public static func mayMove(from status: BudgetYearStatus, to next: BudgetYearStatus, votedTotal: Int64) -> Decision {
        switch (status, next) {
        case (.draft, .voted): votedTotal > 0 ? .allowed : .conflict("budget_error_empty")
        case (.voted, .closed): .allowed
        default: .conflict("budget_error_status")
        }
    }

    /// The year's voted amounts add up to `budgetMaximumCents` at most, so that no sum of the year overflows.
    public static func mayVoteTotal(_ total: Int64) -> Decision {
        total <= budgetMaximumCents ? .allowed : .conflict("budget_error_amount_large")
    }

    /// A node sits under a node of the level above it (an action under a programme, a line under an action); a
    /// programme under nothing.
    public static func mayPlace(_ level: BudgetLevel, under parent: BudgetLevel?) -> Decision {
        level.parent == parent ? .allowed : .conflict("budget_error_parent")
    }

    /// A node is removed while the year is prepared, once nothing sits under it.
    public static func mayRemove(_ status: BudgetYearStatus, children: Int) -> Decision {
        maySetVoted(status).then(children == 0 ? .allowed : .conflict("budget_error_children"))
    }

    /// A transfer moves credits between two different lines, with a reason, no more than what the line it leaves has
    /// not committed.
    public static func mayTransfer(_ cents: Int64, from: BudgetLineExecution, to: Int64, reason: String) -> Decision {
        if from.id == to { return .conflict("budget_error_transfer_same") }
        if reason.allSatisfy(\.isWhitespace) { return .conflict("budget_error_reason") }
        return cents <= from.available ? .allowed : .conflict("budget_error_transfer_available")
    }

    /// A commitment takes no more than what its line has not committed.
    public static func mayCommit(_ cents: Int64, on line: BudgetLineExecution) -> Decision {
        cents <= line.available ? .allowed : .conflict("budget_error_commit_available")
    }

    /// A payment pays no more than what its commitment has left to pay.
    public static func mayPay(_ cents: Int64, committed: Int64, paid: Int64) -> Decision {
        cents <= committed - paid ? .allowed : .conflict("budget_error_pay_remaining")
    }
}
