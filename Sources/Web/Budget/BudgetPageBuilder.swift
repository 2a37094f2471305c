import Foundation
import HemicycleDomain
import Conventions
import Hummingbird
import Organisation
import Storage

/// Builds a budget year's page (and its re-display with the error of a form and what was typed).
struct BudgetPageBuilder {
    let services: BudgetServices
    let pages: Pages

    /// The execution of `ledger`, line by line and summed up.
    static func execution(_ ledger: BudgetLedger) -> BudgetExecution {
        let lineOf = Dictionary(ledger.commitments.map { ($0.id, $0.lineId) }, uniquingKeysWith: { first, _ in first })
        let movements = ledger.transfers.map { BudgetMovement(.transfer(from: $0.fromLineId, to: $0.toLineId), cents: $0.cents) }
            + ledger.commitments.map { BudgetMovement(.commitment(line: $0.lineId), cents: $0.cents) }
            + ledger.payments.compactMap { payment in lineOf[payment.commitmentId].map { BudgetMovement(.payment(line: $0), cents: payment.cents) } }
        return BudgetExecution(nodes: ledger.lines.map(Self.node), movements: movements)
    }

    static func node(_ line: BudgetLineRecord) -> BudgetNode {
        BudgetNode(id: line.id, parentID: line.parentId, level: BudgetLevel(rawValue: line.level) ?? .line, voted: line.votedCents)
    }

    /// The lines in reading order: each programme, then its actions each followed by its lines.
    static func ordered(_ lines: [BudgetLineRecord]) -> [BudgetLineRecord] {
        let children = Dictionary(grouping: lines, by: \.parentId)
        var result: [BudgetLineRecord] = []
        func visit(_ parent: Int64?) {
            for line in (children[parent] ?? []).sorted(by: { ($0.code, $0.id) < ($1.code, $1.id) }) {
                result.append(line)
                visit(line.id)
            }
        }
        visit(nil)
        return result
    }

    func amounts(_ execution: BudgetLineExecution, _ format: Formatting, _ currency: String) -> BudgetAmountsView {
        let net = execution.transfersIn - execution.transfersOut
        return BudgetAmountsView(
            voted: format.money(cents: execution.voted, currency: currency),
            transfers: net == 0 ? "" : (net > 0 ? "+" : "−") + format.money(cents: abs(net), currency: currency),
            allocation: format.money(cents: execution.allocation, currency: currency),
            committed: format.money(cents: execution.committed, currency: currency),
            paid: format.money(cents: execution.paid, currency: currency),
            available: format.money(cents: execution.available, currency: currency),
            rate: format.percent(Double(execution.paidPermille) / 1000))
    }

    /// "P1 Fonctionnement de l'assemblée": a node as the forms list it.
    func label(_ line: BudgetLineRecord, _ council: Council, _ language: Language) -> String {
        pages.localizer.text("budget_node_label", language, ["code": line.code,
                                                              "title": pages.localized(line.title, language, councilDefault: council.language).text])
    }

    /// What a line or commitment may serve: the council's commissions, missions, conventions once public and
    /// consultations once published, each named in the reader's language; with the address of its page.
    func links(_ council: Council, _ language: Language) async throws -> [String: (label: String, url: String)] {
        var result: [String: (label: String, url: String)] = [:]
        let name = { (text: LocalizedText) in pages.localized(text, language, councilDefault: council.language).text }
        let say = { (kind: BudgetLinkKind, title: String) in pages.localizer.text("budget_link_\(kind.rawValue)", language, ["title": title]) }
        for commission in try await services.commissions.all(councilID: council.id) {
            result["commission:\(commission.id)"] = (say(.commission, name(commission.name)), CouncilPaths.commission.url(council.slug, commission.id))
        }
        for mission in try await services.missions.all(councilID: council.id) {
            result["mission:\(mission.id)"] = (say(.mission, name(LocalizedText(fr: mission.titleFr, ar: mission.titleAr, en: mission.titleEn))),
                                               MissionPaths.item.url(council.slug, mission.id))
        }
        let shown = ConventionStatus.allCases.filter { $0 != .preparing }.map(\.rawValue)
        for convention in try await services.conventions.all(councilID: council.id, statuses: shown) {
            result["convention:\(convention.id)"] = (say(.convention, name(LocalizedText(fr: convention.titleFr, ar: convention.titleAr, en: convention.titleEn))),
                                                     ConventionPaths.item.url(council.slug, convention.id))
        }
        for consultation in try await services.consultations.all(councilID: council.id, includeDrafts: false) {
            result["consultation:\(consultation.id)"] = (
                say(.consultation, name(LocalizedText(fr: consultation.titleFr, ar: consultation.titleAr, en: consultation.titleEn))),
                ConsultationPaths.item.url(council.slug, consultation.id))
        }
        return result
    }

    static func linkKey(_ kind: String?, _ id: Int64?) -> String? {
        guard let kind, let id else { return nil }
        return "\(kind):\(id)"
    }

    func linkOptions(_ links: [String: (label: String, url: String)], selected: String?, _ context: AppContext) -> [SelectOption] {
        let format = Formatting(language: context.language)
        return [SelectOption(value: "", label: pages.text("budget_link_none", context), selected: (selected ?? "").isEmpty)]
            + format.sorted(Array(links), by: { $0.value.label })
            .map { SelectOption(value: $0.key, label: $0.value.label, selected: $0.key == selected) }
    }

    func page(_ request: Request, _ context: AppContext, scope: CouncilScope, ledger: BudgetLedger, error: String? = nil, values: [String: String] = [:],
              status: HTTPResponse.Status = .ok) async throws -> HTML {
        let council = scope.council, language = context.language, year = ledger.year
        let yearStatus = BudgetYearStatus(rawValue: year.status) ?? .draft
        let format = Formatting(language: language, council: council)
        let execution = Self.execution(ledger)
        let currency = year.currency
        let keeps = BudgetRules.decide(scope.actor, .keep).isAllowed
        let detail = BudgetRules.decide(scope.actor, .seeDetail).isAllowed
        let links = detail ? try await links(council, language) : [:]
        let ordered = Self.ordered(ledger.lines)
        let byID = Dictionary(ledger.lines.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let children = Dictionary(grouping: ledger.lines.compactMap(\.parentId), by: { $0 }).mapValues(\.count)
        let rows = ordered.map { line in
            let key = Self.linkKey(line.linkKind, line.linkId).flatMap { links[$0] }
            let removable = keeps && BudgetRules.mayRemove(yearStatus, children: children[line.id] ?? 0).isAllowed
            return BudgetYearPage.Row(
                id: line.id, level: line.level, isLine: line.level == BudgetLevel.line.rawValue, isProgramme: line.level == BudgetLevel.programme.rawValue,
                code: line.code, title: pages.localized(line.title, language, councilDefault: council.language),
                amounts: amounts(execution[line.id], format, currency), link: key?.label, linkURL: key?.url,
                editURL: keeps && BudgetRules.mayShape(yearStatus).isAllowed ? BudgetPaths.lineEdit.url(council.slug, year.year, line.id) : nil,
                deleteAction: removable ? BudgetPaths.lineDelete.url(council.slug, year.year, line.id) : nil)
        }
        let programmes = ordered.filter { $0.level == BudgetLevel.programme.rawValue }
        let chart = programmes.isEmpty ? nil : BudgetChart.svg(
            rows: programmes.map { programme in
                let figures = execution[programme.id]
                return BudgetChart.Row(label: label(programme, council, language), allocation: figures.allocation, committed: figures.committed,
                                       paid: figures.paid,
                                       texts: (format.money(cents: figures.allocation, currency: currency), format.money(cents: figures.committed, currency: currency),
                                               format.money(cents: figures.paid, currency: currency)))
            },
            title: pages.text("budget_chart_title", context, ["year": String(year.year)]),
            legend: (pages.text("budget_allocation", context), pages.text("budget_committed", context), pages.text("budget_paid", context)),
            id: "budget-chart-\(year.year)")
        let lineName = { (id: Int64) in byID[id].map { label($0, council, language) } ?? "" }
        let day = { (text: String) in CivilDay(text).map { format.date(Date(timeIntervalSince1970: Double($0.number) * 86_400 + 43_200)) } ?? text }
        let paymentsByCommitment = Dictionary(grouping: ledger.payments, by: \.commitmentId)
        let executes = keeps && BudgetRules.mayExecute(yearStatus).isAllowed
        let commitments = ledger.commitments.map { commitment in
            let payments = paymentsByCommitment[commitment.id] ?? []
            let paid = payments.reduce(0) { $0 + $1.cents }
            return BudgetYearPage.CommitmentRow(
                id: commitment.id, day: day(commitment.onDay), line: lineName(commitment.lineId), label: commitment.label,
                link: Self.linkKey(commitment.linkKind, commitment.linkId).flatMap { links[$0]?.label },
                amount: format.money(cents: commitment.cents, currency: currency), paid: format.money(cents: paid, currency: currency),
                unpaid: format.money(cents: commitment.cents - paid, currency: currency),
                payments: payments.map {
                    BudgetYearPage.PaymentRow(text: pages.text("budget_payment_entry", context,
                                                               ["date": day($0.onDay), "amount": format.money(cents: $0.cents, currency: currency)]))
                },
                payAction: executes && paid < commitment.cents ? BudgetPaths.payments.url(council.slug, year.year, commitment.id) : nil)
        }
        let transfers = ledger.transfers.map {
            BudgetYearPage.TransferRow(day: day($0.onDay), from: lineName($0.fromLineId), to: lineName($0.toLineId),
                                       amount: format.money(cents: $0.cents, currency: currency), reason: $0.reason)
        }
        let today = CivilDay(services.clock.now(), in: council.zone)
        let inYear = CivilDay(year: year.year, month: 1, day: 1).map { first in
            min(max(today, first), CivilDay(year: year.year, month: 12, day: 31) ?? first)
        } ?? today
        let lines = ordered.filter { $0.level == BudgetLevel.line.rawValue }
        func lineOptions(selected: String?) -> [SelectOption] {
            lines.map { SelectOption(value: String($0.id), label: label($0, council, language), selected: String($0.id) == selected) }
        }
        let transferValues = values["form"] == "transfer" ? values : [:], commitmentValues = values["form"] == "commitment" ? values : [:]
        let parentOptions = [SelectOption(value: "", label: pages.text("budget_parent_none", context), selected: (values["parent"] ?? "").isEmpty)]
            + ordered.filter { $0.level != BudgetLevel.line.rawValue }.map {
                SelectOption(value: String($0.id), label: label($0, council, language), selected: values["parent"] == String($0.id))
            }
        let statusSentence: String = switch yearStatus {
        case .draft: pages.text("budget_status_draft_sentence", context)
        case .voted: pages.text("budget_status_voted_sentence", context, ["date": year.votedOn.map(day) ?? ""])
        case .closed: pages.text("budget_status_closed_sentence", context, ["date": year.votedOn.map(day) ?? ""])
        }
        let model = BudgetYearPage(
            year: year.year, heading: pages.text("budget_year_title", context, ["year": String(year.year)]), backURL: BudgetPaths.list.url(council.slug),
            status: pages.text("budget_status_\(year.status)", context), currency: currency, statusSentence: statusSentence,
            total: amounts(execution.total, format, currency), chart: chart, rows: rows, hasRows: !rows.isEmpty,
            transfers: detail ? transfers : nil, hasTransfers: detail && !transfers.isEmpty,
            commitments: detail ? commitments : nil, hasCommitments: detail && !commitments.isEmpty, showDetail: detail,
            lineForm: keeps && BudgetRules.mayShape(yearStatus).isAllowed ? BudgetYearPage.LineForm(
                action: BudgetPaths.lines.url(council.slug, year.year),
                levels: BudgetLevel.allCases.map {
                    SelectOption(value: $0.rawValue, label: pages.text("budget_level_\($0.rawValue)", context), selected: values["level"] == $0.rawValue)
                },
                parents: parentOptions, links: linkOptions(links, selected: values["link"], context),
                votedEditable: BudgetRules.maySetVoted(yearStatus).isAllowed) : nil,
            movementForms: executes && !lines.isEmpty ? BudgetYearPage.MovementForms(
                transferAction: BudgetPaths.transfers.url(council.slug, year.year), commitmentAction: BudgetPaths.commitments.url(council.slug, year.year),
                fromLines: lineOptions(selected: transferValues["from"]), toLines: lineOptions(selected: transferValues["to"]),
                commitLines: lineOptions(selected: commitmentValues["line"]), links: linkOptions(links, selected: commitmentValues["link"], context),
                transfer: transferValues, transferOpen: !transferValues.isEmpty, commitment: commitmentValues, commitmentOpen: !commitmentValues.isEmpty,
                today: inYear.text,
                firstDay: "\(year.year)-01-01", lastDay: "\(year.year)-12-31") : nil,
            statusForm: keeps && yearStatus != .closed ? BudgetYearPage.StatusForm(
                action: BudgetPaths.status.url(council.slug, year.year), vote: yearStatus == .draft, close: yearStatus == .voted, today: today.text) : nil,
            csvURL: BudgetPaths.csv.url(council.slug, year.year), apiURL: APIPaths.budgetYear.url(council.slug, year.year),
            auditURL: BudgetRules.decide(scope.actor, .seeAudit).isAllowed ? BudgetPaths.audit.url(council.slug, year.year) : nil,
            error: error, values: values)
        return try await pages.page("budget", title: model.heading, request: request, context: context, council: council, typed: model, status: status)
    }
}
