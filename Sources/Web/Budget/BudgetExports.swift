import CSVFormat
import Foundation
import HemicycleDomain
import Hummingbird
import Organisation
import Storage

/// The execution of a year as CSV (programmes, actions and lines, amounts in the currency with a point before the
/// cents), and the audit trail's page.
extension BudgetRoutes {
    @Sendable func csv(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, ledger) = try await ledger(context)
        let council = scope.council
        let execution = BudgetPageBuilder.execution(ledger)
        let codes = Dictionary(ledger.lines.map { ($0.id, $0.code) }, uniquingKeysWith: { first, _ in first })
        let plain = Formatting(language: .en)
        var writer = CSVWriter(header: ["level", "code", "parent", "title", "currency", "voted", "transfers_in", "transfers_out", "allocation", "committed",
                                        "paid", "available"], neutralisesFormulas: true)
        for line in BudgetPageBuilder.ordered(ledger.lines) {
            let figures = execution[line.id]
            writer.append([line.level, line.code, line.parentId.flatMap { codes[$0] } ?? "",
                           pages.localized(line.title, council.language, councilDefault: council.language).text, ledger.year.currency]
                          + [figures.voted, figures.transfersIn, figures.transfersOut, figures.allocation, figures.committed, figures.paid,
                             figures.available].map(plain.decimalCents))
        }
        var headers: HTTPFields = [.contentType: "text/csv; charset=utf-8",
                                   .contentDisposition: "attachment; filename=\"\(council.slug)-budget-\(ledger.year.year).csv\""]
        // A year in preparation is the secretariat's and the bureau's: no shared cache keeps it.
        if ledger.year.status == BudgetYearStatus.draft.rawValue { headers[.cacheControl] = "private, no-store" }
        return Response(status: .ok, headers: headers,
                        body: .init(byteBuffer: ByteBuffer(string: writer.text)))
    }

    @Sendable func audit(_ request: Request, context: AppContext) async throws -> HTML {
        let (scope, ledger) = try await ledger(context)
        try pages.require(BudgetRules.decide(scope.actor, .seeAudit), context)
        let council = scope.council
        let format = Formatting(language: context.language, council: council)
        let entries = try await services.budget.audit(yearID: ledger.year.id).map {
            BudgetAuditPage.Entry(when: format.dateTime(Date(timeIntervalSince1970: $0.changedAt)), who: $0.actorName,
                                  action: pages.text("budget_audit_\($0.action)", context), subject: $0.subject, before: $0.beforeJson,
                                  after: $0.afterJson)
        }
        let model = BudgetAuditPage(heading: pages.text("budget_audit_title", context, ["year": String(ledger.year.year)]),
                                    backURL: BudgetPaths.year.url(council.slug, ledger.year.year), entries: entries, hasEntries: !entries.isEmpty)
        return try await pages.page("budget-audit", title: model.heading, request: request, context: context, council: council, typed: model)
    }
}
