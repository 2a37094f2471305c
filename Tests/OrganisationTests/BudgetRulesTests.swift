import HemicycleDomain
import Organisation
import Testing

/// Amounts typed as people write them, read into exact cents; who keeps and reads the budget; how a year moves; the
/// execution's sums.
@Suite struct BudgetRulesTests {
    @Test(arguments: [
        ("1234", 123_400), ("1234.5", 123_450), ("1234,56", 123_456), ("1 234,56", 123_456), ("1\u{202F}234,56 €", 123_456),
        ("1,234.56", 123_456), ("1.234,56", 123_456), ("1.234", 123_400), ("1,234", 123_400), ("12'500.00", 1_250_000),
        ("0,50", 50), ("0.05", 5), ("١٬٢٣٤٫٥٦", 123_456), ("۱۲۳۴", 123_400), ("1 234,56 د.م.", 123_456), ("EUR 12", 1_200),
        ("1.234.567,89", 123_456_789), ("1,234,567", 123_456_700), ("د.م. 1 234,00", 123_400), ("€ 12,50", 1_250), ("12 DH", 1_200), ("12 euros", 1_200), ("١٢ درهم", 1_200),
    ] as [(String, Int64)])
    func amountsAreReadIntoCents(text: String, cents: Int64) {
        #expect(BudgetAmount.parse(text) == .success(cents), "\(text)")
    }

    @Test(arguments: [
        ("", BudgetAmount.Problem.unreadable), ("abc", .unreadable), ("12x", .unreadable), ("1,2345", .tooPrecise), ("0,125", .tooPrecise),
        ("1.234.5", .unreadable), ("1,23,456", .unreadable), ("-5", .notPositive), ("0", .notPositive), ("0,00", .notPositive),
        ("99999999999999", .tooLarge), ("1.000.000.000.001", .tooLarge), ("1e5", .unreadable), ("12.34.56,7", .unreadable),
        // A sign, a name or a lone space inside the number is not a decimal mark: refused, never read 100 times too large.
        ("12€50", .unreadable), ("12 50", .unreadable), ("1 2 3", .unreadable), ("1 EUR 234", .unreadable), ("1٢3", .unreadable),
        ("− 12", .notPositive), ("12 pommes", .unreadable),
    ] as [(String, BudgetAmount.Problem)])
    func badAmountsSayWhatIsWrong(text: String, problem: BudgetAmount.Problem) {
        #expect(BudgetAmount.parse(text) == .failure(problem), "\(text)")
    }

    @Test func zeroIsAllowedForAVotedAmountStillToBeSet() {
        #expect(BudgetAmount.parse("0", allowZero: true) == .success(0))
        #expect(BudgetAmount.parse(String(budgetMaximumCents / 100)) == .success(budgetMaximumCents))
    }

    @Test func theFinanceStaffKeepsTheBudgetAndAVotedBudgetIsPublic() {
        let officer = CouncilActor(role: .staff, duties: [.budgetOfficer])
        let writer = CouncilActor(role: .staff, duties: [.newsWriter])
        #expect(BudgetRules.decide(officer, .keep).isAllowed)
        #expect(BudgetRules.decide(CouncilActor(role: .administrator), .keep).isAllowed)
        for actor in [writer, CouncilActor(role: .bureau), CouncilActor(role: .president), CouncilActor(role: .member), CouncilActor(role: .citizen), .visitor,
                      CouncilActor(role: .staff, isVerified: false, duties: [.budgetOfficer]), CouncilActor(role: .member, duties: [.budgetOfficer])] {
            #expect(!BudgetRules.decide(actor, .keep).isAllowed, "\(actor)")
        }
        #expect(BudgetRules.decide(.visitor, .seeExecution(.voted)).isAllowed)
        #expect(BudgetRules.decide(.visitor, .seeExecution(.closed)).isAllowed)
        #expect(!BudgetRules.decide(.visitor, .seeExecution(.draft)).isAllowed)
        #expect(!BudgetRules.decide(CouncilActor(role: .member), .seeExecution(.draft)).isAllowed)
        #expect(BudgetRules.decide(CouncilActor(role: .bureau), .seeExecution(.draft)).isAllowed)
        #expect(BudgetRules.decide(CouncilActor(role: .member), .seeDetail).isAllowed)
        #expect(!BudgetRules.decide(CouncilActor(role: .citizen), .seeDetail).isAllowed)
        #expect(!BudgetRules.decide(CouncilActor(role: .member), .seeAudit).isAllowed)
        #expect(BudgetRules.decide(writer, .seeAudit).isAllowed && BudgetRules.decide(CouncilActor(role: .bureau), .seeAudit).isAllowed)
    }

    @Test func aYearIsVotedWithAmountsThenClosedAndNeverGoesBack() {
        #expect(BudgetRules.mayMove(from: .draft, to: .voted, votedTotal: 100) == .allowed)
        #expect(BudgetRules.mayMove(from: .draft, to: .voted, votedTotal: 0) == .conflict("budget_error_empty"))
        #expect(BudgetRules.mayMove(from: .voted, to: .closed, votedTotal: 0) == .allowed)
        #expect(BudgetRules.mayMove(from: .draft, to: .closed, votedTotal: 100) == .conflict("budget_error_status"))
        #expect(BudgetRules.mayMove(from: .closed, to: .voted, votedTotal: 100) == .conflict("budget_error_status"))
        #expect(BudgetRules.mayMove(from: .voted, to: .voted, votedTotal: 100) == .conflict("budget_error_status"))
        #expect(BudgetRules.maySetVoted(.voted) == .conflict("budget_error_voted"))
        #expect(BudgetRules.mayExecute(.draft) == .conflict("budget_error_not_voted"))
        #expect(BudgetRules.mayExecute(.closed) == .conflict("budget_error_closed"))
        #expect(BudgetRules.mayShape(.voted) == .allowed && BudgetRules.mayShape(.closed) == .conflict("budget_error_closed"))
        #expect(BudgetRules.mayRemove(.draft, children: 1) == .conflict("budget_error_children"))
        #expect(BudgetRules.mayPlace(.line, under: .action) == .allowed)
        #expect(BudgetRules.mayPlace(.line, under: .programme) == .conflict("budget_error_parent"))
        #expect(BudgetRules.mayPlace(.programme, under: nil) == .allowed && BudgetRules.mayPlace(.action, under: nil) == .conflict("budget_error_parent"))
    }

    /// Two programmes, an action each, two lines under the first.
    static let nodes = [
        BudgetNode(id: 1, parentID: nil, level: .programme, voted: 0), BudgetNode(id: 2, parentID: 1, level: .action, voted: 0),
        BudgetNode(id: 3, parentID: 2, level: .line, voted: 100_000), BudgetNode(id: 4, parentID: 2, level: .line, voted: 50_000),
        BudgetNode(id: 5, parentID: nil, level: .programme, voted: 0), BudgetNode(id: 6, parentID: 5, level: .action, voted: 0),
        BudgetNode(id: 7, parentID: 6, level: .line, voted: 25_000),
    ]

    @Test func transfersMoveCreditsAndKeepTheTotal() {
        let movements = [BudgetMovement(.transfer(from: 3, to: 7), cents: 30_000), BudgetMovement(.transfer(from: 4, to: 3), cents: 5_000),
                         BudgetMovement(.commitment(line: 3), cents: 60_000), BudgetMovement(.payment(line: 3), cents: 20_000),
                         BudgetMovement(.commitment(line: 7), cents: 55_000), BudgetMovement(.payment(line: 7), cents: 55_000)]
        let execution = BudgetExecution(nodes: Self.nodes, movements: movements)
        #expect(execution[3].allocation == 75_000 && execution[3].available == 15_000 && execution[3].unpaid == 40_000)
        #expect(execution[4].allocation == 45_000 && execution[7].allocation == 55_000 && execution[7].available == 0)
        // Actions and programmes add up their lines; the year's credits are what was voted, whatever moved.
        #expect(execution[2].allocation == 120_000 && execution[1].allocation == 120_000 && execution[5].allocation == 55_000)
        #expect(execution[1].transfersIn == 5_000 && execution[1].transfersOut == 35_000)
        #expect(execution.total.allocation == execution.total.voted && execution.total.voted == 175_000)
        #expect(execution.total.committed == 115_000 && execution.total.paid == 75_000)
        #expect(execution[7].paidPermille == 1000 && execution[3].paidPermille == 267)
    }

    @Test func creditsAreTransferredCommittedAndPaidOnlyWhereTheyAre() {
        let execution = BudgetExecution(nodes: Self.nodes, movements: [BudgetMovement(.commitment(line: 3), cents: 90_000)])
        #expect(BudgetRules.mayTransfer(10_000, from: execution[3], to: 4, reason: "Besoin") == .allowed)
        #expect(BudgetRules.mayTransfer(10_001, from: execution[3], to: 4, reason: "Besoin") == .conflict("budget_error_transfer_available"))
        #expect(BudgetRules.mayTransfer(1, from: execution[3], to: 3, reason: "Besoin") == .conflict("budget_error_transfer_same"))
        #expect(BudgetRules.mayTransfer(1, from: execution[3], to: 4, reason: "  ") == .conflict("budget_error_reason"))
        #expect(BudgetRules.mayCommit(10_000, on: execution[3]) == .allowed)
        #expect(BudgetRules.mayCommit(10_001, on: execution[3]) == .conflict("budget_error_commit_available"))
        #expect(BudgetRules.mayPay(40_000, committed: 90_000, paid: 50_000) == .allowed)
        #expect(BudgetRules.mayPay(40_001, committed: 90_000, paid: 50_000) == .conflict("budget_error_pay_remaining"))
    }
}
