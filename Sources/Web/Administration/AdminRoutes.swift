import Foundation
import HemicycleDomain
import Hummingbird
import Organisation
import Storage

/// The administration area of a council (staff and administrators), and the instance outbox.
struct AdminRoutes {
    let services: AdminServices
    let pages: Pages

    func register(on routes: PathRegistrar, in council: PathRegistrar) {
        council.get(AdminPaths.overview, use: overview)
        council.post(AdminPaths.term, use: setTerm)
        council.post(AdminPaths.sittingRules, use: setSittingRules)
        routes.get(AdminPaths.outbox, use: outbox)
    }

    @Sendable func overview(_ request: Request, context: AppContext) async throws -> HTML {
        try await renderOverview(request, context, values: nil, error: nil)
    }

    /// The overview; `values` and `error` are those of the form refused (`term` or `rules`, as `values["form"]` says).
    func renderOverview(_ request: Request, _ context: AppContext, values: [String: String]?, error: String?,
                        status: HTTPResponse.Status = .ok) async throws -> HTML {
        let scope = try context.inCouncil()
        let council = scope.council
        try pages.authorize(.viewAdministration, context)
        let slug = council.slug
        let format = Formatting(language: context.language, council: council)
        let termValues = values?["form"] == "term" ? values : nil, rulesValues = values?["form"] == "rules" ? values : nil
        // Everyone in the administration reads the term and the sitting rules; its administrators alone change them.
        let rules = council.sittingRules
        let chosenQuorum = rulesValues?["quorum"] ?? rules.quorum.threshold.rawValue
        let sittingRules = AdminOverviewPage.SittingRules(
            current: SittingRulesText.sentences(rules, pages: pages, context: context, format: format),
            form: CouncilSittingRules.mayRecord(by: scope.actor).isAllowed
                ? .init(action: AdminPaths.sittingRules.url(slug), proxiesHeld: rulesValues?["proxies_held"] ?? String(rules.proxy.mostHeld),
                        quorums: QuorumThreshold.allCases.map {
                            SelectOption(value: $0.rawValue, label: pages.text("quorum_option_\($0.rawValue)", context), selected: $0.rawValue == chosenQuorum)
                        },
                        countsProxies: rulesValues.map { $0["quorum_counts_proxies"] != nil } ?? rules.quorum.countsProxies,
                        error: rulesValues == nil ? nil : error, proxiesInvalid: rulesValues?["invalid"] == "proxies_held",
                        quorumInvalid: rulesValues?["invalid"] == "quorum" || rulesValues?["invalid"] == "quorum_counts_proxies")
                : nil)
        let term = AdminOverviewPage.Term(
            current: council.term.map { pages.text("member_term", context, ["first": format.day($0.firstDay), "last": format.day($0.lastDay)]) }
                ?? pages.text("admin_term_none", context),
            form: CouncilTerm.mayRecord(by: scope.actor).isAllowed
                ? .init(action: AdminPaths.term.url(slug),
                        first: termValues?["term_first"] ?? council.term?.firstDay.text ?? "", last: termValues?["term_last"] ?? council.term?.lastDay.text ?? "",
                        error: termValues == nil ? nil : error, firstInvalid: termValues?["invalid"] == "term_first",
                        lastInvalid: termValues?["invalid"] == "term_last")
                : nil)
        return try await pages.page(
            "admin", title: pages.text("admin_title", context), request: request, context: context, council: council,
            typed: AdminOverviewPage(links: [
                .init(url: AdminPaths.groups.list.url(slug), label: pages.text("admin_groups", context)),
                .init(url: AdminPaths.commissions.list.url(slug), label: pages.text("admin_commissions", context)),
                .init(url: AdminPaths.members.url(slug), label: pages.text("admin_members", context)),
            ], term: term, sittingRules: sittingRules), status: status)
    }

    /// Records the council's term of office, or forgets it (both days empty); a refusal is 422 with its sentence, and
    /// the term stored stays.
    @Sendable func setTerm(_ request: Request, context: AppContext) async throws -> Response {
        let scope = try context.inCouncil()
        try pages.require(CouncilTerm.mayRecord(by: scope.actor), context)
        let first = context.form["term_first"] ?? "", last = context.form["term_last"] ?? ""
        switch CouncilTerm.read(first: first, last: last) {
        case .success(let term):
            try await services.councils.setTerm(councilID: scope.council.id, term)
            return .redirect(to: SiteURL.with(AdminPaths.overview.url(scope.slug), notice: "saved"), type: .normal)
        case .failure(let failure):
            return try await renderOverview(request, context, values: ["form": "term", "term_first": first, "term_last": last, "invalid": failure.field],
                                            error: pages.text(failure.key, context), status: .unprocessableContent)
                .response(from: request, context: context)
        }
    }

    /// Records the council's sitting rules; a refusal is 422 with its sentence, and the rules stored stay. Sittings under
    /// way follow the new rules from then on: proxies already recorded stay, and are cast within the new rule.
    @Sendable func setSittingRules(_ request: Request, context: AppContext) async throws -> Response {
        let scope = try context.inCouncil()
        try pages.require(CouncilSittingRules.mayRecord(by: scope.actor), context)
        let held = context.form["proxies_held"] ?? "", quorum = context.form["quorum"] ?? "", counts = context.form["quorum_counts_proxies"]
        switch CouncilSittingRules.read(mostHeld: held, quorum: quorum, countsProxies: counts) {
        case .success(let rules):
            try await services.councils.setSittingRules(councilID: scope.council.id, proxiesHeld: rules.proxy.mostHeld,
                                                        quorum: rules.quorum.threshold.rawValue, countsProxies: rules.quorum.countsProxies)
            return .redirect(to: SiteURL.with(AdminPaths.overview.url(scope.slug), notice: "saved"), type: .normal)
        case .failure(let failure):
            var values = ["form": "rules", "proxies_held": held, "quorum": quorum, "invalid": failure.field]
            if let counts { values["quorum_counts_proxies"] = counts }
            return try await renderOverview(request, context, values: values, error: pages.text(failure.key, context), status: .unprocessableContent)
                .response(from: request, context: context)
        }
    }

    /// Mail waiting or sent, for instance administrators in development.
    @Sendable func outbox(_ request: Request, context: AppContext) async throws -> HTML {
        let account = try pages.requireAccount(context)
        guard account.isInstanceAdmin, account.isVerified, services.isDevelopment else { throw PageError.forbidden }
        let format = Formatting(language: context.language)
        let messages = try await services.outbox.latest().map { message in
            OutboxPage.Message(recipient: message.recipient, subject: message.subject, body: message.body,
                               created: format.dateTime(Date(timeIntervalSince1970: message.createdAt)),
                               status: pages.text(message.sentAt == nil ? "outbox_pending" : "outbox_sent", context), error: message.lastError)
        }
        return try await pages.page("outbox", title: pages.text("outbox_title", context), request: request, context: context,
                                   typed: OutboxPage(messages: messages, hasMessages: !messages.isEmpty))
    }
}

extension Form {
    /// `name_fr`, `name_ar`, `name_en` (or another prefix) as one localized text.
    func localized(_ prefix: String) -> LocalizedText {
        LocalizedText(fr: text("\(prefix)_fr"), ar: text("\(prefix)_ar"), en: text("\(prefix)_en"))
    }
}

extension LocalizedText {
    /// Form values for the three inputs of a localized field.
    func formValues(_ prefix: String) -> [String: String] {
        var values: [String: String] = [:]
        for language in Language.allCases { values["\(prefix)_\(language.rawValue)"] = self[language] ?? "" }
        return values
    }
}
