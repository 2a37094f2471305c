import Foundation
import HemicycleDomain
import Hummingbird
import Organisation
import Storage

/// The vote and the closing of a year; transfers between lines, commitments and payments, each checked against the
/// year as it stands in the change's transaction.
extension BudgetRoutes {
    @Sendable func moveYear(_ request: Request, context: AppContext) async throws -> Response {
        try await changing(request, context, values: [:], anchor: "") { scope, ledger in
            let form = context.form
            let next: BudgetYearStatus
            var votedOn: String?
            switch form.text("action") {
            case "vote":
                next = .voted
                // The day of the vote, on or before today (the budget of a year is voted before it or during it).
                guard let day = form.text("voted_on").flatMap(CivilDay.init),
                      day <= CivilDay(services.clock.now(), in: scope.council.zone), day.components.year >= ledger.year.year - 1
                else { throw ValidationFailure(field: "voted_on", key: "budget_error_voted_on") }
                votedOn = day.text
            case "close": next = .closed
            default: throw PageError.malformedForm
            }
            try await services.budget.setStatus(yearID: ledger.year.id, councilID: scope.council.id, next.rawValue, votedOn: votedOn, by: try actor(context),
                                                at: services.clock.now().timeIntervalSince1970) { ledger in
                let total = ledger.lines.filter { $0.level == BudgetLevel.line.rawValue }.reduce(Int64(0)) { $0 + $1.votedCents }
                return BudgetRules.mayMove(from: BudgetYearStatus(rawValue: ledger.year.status) ?? .draft, to: next, votedTotal: total).refusal
            }
        }
    }

    /// Credits move and are committed once the budget is voted, on the day of the vote or after.
    static func afterVote(_ day: String, _ ledger: BudgetLedger) throws {
        if let voted = ledger.year.votedOn, day < voted { throw ValidationFailure(field: "day", key: "budget_error_before_vote") }
    }

    func lineID(_ form: Form, _ name: String, in ledger: BudgetLedger) throws -> Int64 {
        guard let id = form.text(name).flatMap({ Int64($0) }), ledger.lines.contains(where: { $0.id == id && $0.level == BudgetLevel.line.rawValue })
        else { throw ValidationFailure(field: name, key: "budget_error_line") }
        return id
    }

    static func movementValues(_ context: AppContext, form: String) -> [String: String] {
        var values: [String: String] = ["form": form]
        for name in ["from", "to", "amount", "reason", "day", "line", "label", "link"] { values[name] = context.form[name] ?? "" }
        return values
    }

    @Sendable func transfer(_ request: Request, context: AppContext) async throws -> Response {
        try await changing(request, context, values: Self.movementValues(context, form: "transfer"), anchor: "#transfers") { scope, ledger in
            let form = context.form
            let from = try lineID(form, "from", in: ledger), to = try lineID(form, "to", in: ledger)
            let cents = try Self.amount(form.text("amount"), field: "amount")
            let reason = Validate.storable(form.text("reason") ?? "")
            guard !reason.isEmpty, reason.count <= 1_000 else { throw ValidationFailure(field: "reason", key: "budget_error_reason") }
            let day = try Self.day(form.text("day"), year: ledger.year.year)
            try Self.afterVote(day, ledger)
            _ = try await services.budget.addTransfer(yearID: ledger.year.id, councilID: scope.council.id, from: from, to: to, cents: cents, reason: reason,
                                                      onDay: day, by: try actor(context), at: services.clock.now().timeIntervalSince1970) { ledger in
                let execution = BudgetPageBuilder.execution(ledger)
                return BudgetRules.mayExecute(BudgetYearStatus(rawValue: ledger.year.status) ?? .draft)
                    .then(BudgetRules.mayTransfer(cents, from: execution[from], to: to, reason: reason)).refusal
            }
        }
    }

    @Sendable func commit(_ request: Request, context: AppContext) async throws -> Response {
        try await changing(request, context, values: Self.movementValues(context, form: "commitment"), anchor: "#commitments") { scope, ledger in
            let form = context.form
            let line = try lineID(form, "line", in: ledger)
            let cents = try Self.amount(form.text("amount"), field: "amount")
            let label = Validate.storable(form.text("label") ?? "")
            guard !label.isEmpty, label.count <= Validate.maximumNameLength else { throw ValidationFailure(field: "label", key: "budget_error_label") }
            let day = try Self.day(form.text("day"), year: ledger.year.year)
            try Self.afterVote(day, ledger)
            let link = try await link(form, council: scope.council, language: context.language)
            _ = try await services.budget.addCommitment(yearID: ledger.year.id, councilID: scope.council.id, lineID: line, cents: cents, label: label,
                                                        onDay: day, linkKind: link?.kind, linkID: link?.id, by: try actor(context),
                                                        at: services.clock.now().timeIntervalSince1970) { ledger in
                BudgetRules.mayExecute(BudgetYearStatus(rawValue: ledger.year.status) ?? .draft)
                    .then(BudgetRules.mayCommit(cents, on: BudgetPageBuilder.execution(ledger)[line])).refusal
            }
        }
    }

    @Sendable func pay(_ request: Request, context: AppContext) async throws -> Response {
        try await changing(request, context, values: [:], anchor: "#commitments") { scope, ledger in
            let form = context.form
            guard let id = context.parameters.get("commitment", as: Int64.self), ledger.commitments.contains(where: { $0.id == id }) else {
                throw PageError.notFound
            }
            let cents = try Self.amount(form.text("amount"), field: "amount")
            let day = try Self.day(form.text("day"), year: ledger.year.year)
            // What is paid has been paid: a payment is recorded on its day or after, never ahead.
            guard day <= CivilDay(services.clock.now(), in: scope.council.zone).text else { throw ValidationFailure(field: "day", key: "budget_error_day_future") }
            _ = try await services.budget.addPayment(yearID: ledger.year.id, councilID: scope.council.id, commitmentID: id, cents: cents, onDay: day,
                                                     by: try actor(context), at: services.clock.now().timeIntervalSince1970) { ledger in
                guard let commitment = ledger.commitments.first(where: { $0.id == id }) else { return "budget_error_line" }
                // Days as `yyyy-MM-dd` compare as text.
                if day < commitment.onDay { return "budget_error_pay_day" }
                let paid = ledger.payments.filter { $0.commitmentId == id }.reduce(Int64(0)) { $0 + $1.cents }
                return BudgetRules.mayExecute(BudgetYearStatus(rawValue: ledger.year.status) ?? .draft)
                    .then(BudgetRules.mayPay(cents, committed: commitment.cents, paid: paid)).refusal
            }
        }
    }
}
