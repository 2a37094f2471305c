import Foundation
import HemicycleDomain
import Hummingbird
import Organisation
import Storage

/// The programmes, actions and lines of a budget year: added until the year is closed, their voted amounts set and
/// removed only before the vote.
extension BudgetRoutes {
    static let maximumCodeLength = 20

    /// A node's code: letters, digits, '.', '-' and '_', 20 at most ("P1", "P1.A2", "P1.A2.3").
    static func code(_ text: String?) throws -> String {
        guard let code = text?.trimmingCharacters(in: .whitespaces), !code.isEmpty, code.count <= maximumCodeLength,
              code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) })
        else { throw ValidationFailure(field: "code", key: "budget_error_code") }
        return code
    }

    /// The node's title in the council's languages, at least one.
    static func title(_ form: Form) throws -> LocalizedText {
        var values: [Language: String] = [:]
        for language in Language.allCases {
            let text = Validate.storable(form.text("title_\(language.rawValue)") ?? "")
            guard text.count <= Validate.maximumNameLength else { throw ValidationFailure(field: "title", key: "budget_error_title") }
            if !text.isEmpty { values[language] = text }
        }
        guard !values.isEmpty else { throw ValidationFailure(field: "title", key: "budget_error_title") }
        return LocalizedText(values)
    }

    /// What the line serves, among the council's own commissions, missions, conventions and consultations.
    func link(_ form: Form, council: Council, language: Language) async throws -> (kind: String, id: Int64)? {
        guard let raw = form.text("link") else { return nil }
        let parts = raw.split(separator: ":")
        guard parts.count == 2, let kind = BudgetLinkKind(rawValue: String(parts[0])), let id = Int64(parts[1]),
              try await builder.links(council, language)[raw] != nil else { throw ValidationFailure(field: "link", key: "budget_error_link") }
        return (kind.rawValue, id)
    }

    func typedLine(_ context: AppContext) -> [String: String] {
        var values: [String: String] = [:]
        for name in ["level", "parent", "code", "title_fr", "title_ar", "title_en", "voted", "link"] { values[name] = context.form[name] ?? "" }
        return values
    }

    @Sendable func addLine(_ request: Request, context: AppContext) async throws -> Response {
        try await changing(request, context, values: typedLine(context), anchor: "#lines") { scope, ledger in
            let form = context.form
            guard let level = form.text("level").flatMap(BudgetLevel.init(rawValue:)) else { throw ValidationFailure(field: "level", key: "budget_error_parent") }
            let parent = try form.text("parent").map { raw in
                guard let id = Int64(raw) else { throw ValidationFailure(field: "parent", key: "budget_error_parent") }
                return id
            }
            let code = try Self.code(form.text("code")), title = try Self.title(form)
            let status = BudgetYearStatus(rawValue: ledger.year.status) ?? .draft
            // A line added after the vote starts at zero: credits reach it by transfers.
            let voted = level == .line && status == .draft ? try Self.amount(form.text("voted") ?? "0", field: "voted", allowZero: true) : 0
            let link = try await link(form, council: scope.council, language: context.language)
            let fields = BudgetLineFields(parentID: parent, level: level.rawValue, code: code, title: title, votedCents: voted, linkKind: link?.kind,
                                          linkID: link?.id)
            _ = try await services.budget.addLine(yearID: ledger.year.id, councilID: scope.council.id, fields, by: try actor(context),
                                                  at: services.clock.now().timeIntervalSince1970) { ledger in
                let status = BudgetYearStatus(rawValue: ledger.year.status) ?? .draft
                let parentLevel = parent.flatMap { id in ledger.lines.first { $0.id == id } }.flatMap { BudgetLevel(rawValue: $0.level) }
                if parent != nil, parentLevel == nil { return "budget_error_parent" }
                if ledger.lines.contains(where: { $0.code == code }) { return "budget_error_code_taken" }
                let total = ledger.lines.reduce(voted) { $0 + $1.votedCents }
                // The year as it stands now: a vote recorded meanwhile leaves the new line at zero.
                return BudgetRules.mayShape(status).then(BudgetRules.mayPlace(level, under: parentLevel))
                    .then(voted == 0 ? .allowed : BudgetRules.maySetVoted(status)).then(BudgetRules.mayVoteTotal(total)).refusal
            }
        }
    }

    func lineRecord(_ context: AppContext, _ ledger: BudgetLedger) throws -> BudgetLineRecord {
        guard let id = context.parameters.get("line", as: Int64.self), let line = ledger.lines.first(where: { $0.id == id }) else { throw PageError.notFound }
        return line
    }

    func editLinePage(_ request: Request, _ context: AppContext, values: [String: String]? = nil, error: String? = nil,
                      status: HTTPResponse.Status = .ok) async throws -> HTML {
        let (scope, ledger) = try await ledger(context)
        try pages.require(BudgetRules.decide(scope.actor, .keep), context)
        let line = try lineRecord(context, ledger)
        let council = scope.council
        let yearStatus = BudgetYearStatus(rawValue: ledger.year.status) ?? .draft
        let format = Formatting(language: .en)
        let current = ["code": line.code, "title_fr": line.titleFr ?? "", "title_ar": line.titleAr ?? "", "title_en": line.titleEn ?? "",
                       "voted": format.decimalCents(line.votedCents), "link": BudgetPageBuilder.linkKey(line.linkKind, line.linkId) ?? ""]
        let shown = values ?? current
        let links = try await builder.links(council, context.language)
        let model = BudgetLineEditPage(
            heading: pages.text("budget_line_edit_title", context, ["code": line.code]), action: BudgetPaths.line.url(council.slug, ledger.year.year, line.id),
            backURL: BudgetPaths.year.url(council.slug, ledger.year.year), values: shown,
            links: builder.linkOptions(links, selected: shown["link"], context),
            votedEditable: BudgetRules.maySetVoted(yearStatus).isAllowed, isLine: line.level == BudgetLevel.line.rawValue, error: error)
        return try await pages.page("budget-line", title: model.heading, request: request, context: context, council: council, typed: model, status: status)
    }

    @Sendable func editLineForm(_ request: Request, context: AppContext) async throws -> HTML {
        try await editLinePage(request, context)
    }

    @Sendable func updateLine(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, ledger) = try await ledger(context)
        try pages.require(BudgetRules.decide(scope.actor, .keep), context)
        let line = try lineRecord(context, ledger)
        let form = context.form
        do {
            let code = try Self.code(form.text("code")), title = try Self.title(form)
            let status = BudgetYearStatus(rawValue: ledger.year.status) ?? .draft
            let voted = line.level == BudgetLevel.line.rawValue && status == .draft
                ? try Self.amount(form.text("voted") ?? "0", field: "voted", allowZero: true) : line.votedCents
            let link = try await link(form, council: scope.council, language: context.language)
            let fields = BudgetLineFields(parentID: line.parentId, level: line.level, code: code, title: title, votedCents: voted, linkKind: link?.kind,
                                          linkID: link?.id)
            try await services.budget.updateLine(id: line.id, yearID: ledger.year.id, councilID: scope.council.id, fields, by: try actor(context),
                                                 at: services.clock.now().timeIntervalSince1970) { ledger, current in
                let status = BudgetYearStatus(rawValue: ledger.year.status) ?? .draft
                if ledger.lines.contains(where: { $0.code == code && $0.id != current.id }) { return "budget_error_code_taken" }
                let total = ledger.lines.reduce(voted - current.votedCents) { $0 + $1.votedCents }
                return BudgetRules.mayShape(status).then(voted == current.votedCents ? .allowed : BudgetRules.maySetVoted(status))
                    .then(BudgetRules.mayVoteTotal(total)).refusal
            }
            return .redirect(to: SiteURL.with(BudgetPaths.year.url(scope.slug, ledger.year.year), notice: "saved") + "#lines", type: .normal)
        } catch let failure as ValidationFailure {
            return try await editLinePage(request, context, values: typedLine(context), error: pages.text(failure.key, context), status: .unprocessableContent)
                .response(from: request, context: context)
        } catch let refused as BudgetChangeRefused {
            guard case .refused(let key) = refused else { throw PageError.notFound }
            return try await editLinePage(request, context, values: typedLine(context), error: pages.text(key, context), status: .conflict)
                .response(from: request, context: context)
        }
    }

    @Sendable func removeLine(_ request: Request, context: AppContext) async throws -> Response {
        try await changing(request, context, values: [:], anchor: "#lines") { scope, ledger in
            let line = try lineRecord(context, ledger)
            try await services.budget.removeLine(id: line.id, yearID: ledger.year.id, councilID: scope.council.id, by: try actor(context),
                                                 at: services.clock.now().timeIntervalSince1970) { ledger, current in
                let children = ledger.lines.filter { $0.parentId == current.id }.count
                return BudgetRules.mayRemove(BudgetYearStatus(rawValue: ledger.year.status) ?? .draft, children: children).refusal
            }
        }
    }
}

extension Formatting {
    /// Cents as a form field shows them back: "1234.56", plain digits, a point before the cents.
    func decimalCents(_ cents: Int64) -> String {
        let units = cents.magnitude / 100, rest = cents.magnitude % 100
        return "\(cents < 0 ? "-" : "")\(units).\(rest < 10 ? "0" : "")\(rest)"
    }
}
