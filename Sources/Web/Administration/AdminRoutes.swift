import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// The administration area of a council (staff and administrators), and the instance outbox.
struct AdminRoutes {
    let services: AdminServices
    let pages: Pages

    func register(on routes: PathRegistrar, in council: PathRegistrar) {
        council.get(AdminPaths.overview, use: overview)
        council.post(AdminPaths.term, use: setTerm)
        routes.get(AdminPaths.outbox, use: outbox)
    }

    @Sendable func overview(_ request: Request, context: AppContext) async throws -> HTML {
        try await renderOverview(request, context, values: nil, error: nil)
    }

    func renderOverview(_ request: Request, _ context: AppContext, values: [String: String]?, error: String?,
                        status: HTTPResponse.Status = .ok) async throws -> HTML {
        let scope = try context.inCouncil()
        let council = scope.council
        try pages.authorize(.viewAdministration, context)
        let slug = council.slug
        let format = Formatting(language: context.language, council: council)
        // Everyone in the administration reads the term; its administrators alone change it.
        let term = AdminOverviewPage.Term(
            current: council.term.map { pages.text("member_term", context, ["first": format.day($0.firstDay), "last": format.day($0.lastDay)]) }
                ?? pages.text("admin_term_none", context),
            form: CouncilTerm.mayRecord(by: scope.actor).isAllowed
                ? .init(action: AdminPaths.term.url(slug),
                        first: values?["term_first"] ?? council.term?.firstDay.text ?? "", last: values?["term_last"] ?? council.term?.lastDay.text ?? "",
                        error: error, firstInvalid: values?["invalid"] == "term_first", lastInvalid: values?["invalid"] == "term_last")
                : nil)
        return try await pages.page(
            "admin", title: pages.text("admin_title", context), request: request, context: context, council: council,
            typed: AdminOverviewPage(links: [
                .init(url: AdminPaths.groups.list.url(slug), label: pages.text("admin_groups", context)),
                .init(url: AdminPaths.commissions.list.url(slug), label: pages.text("admin_commissions", context)),
                .init(url: AdminPaths.members.url(slug), label: pages.text("admin_members", context)),
            ], term: term), status: status)
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
            return try await renderOverview(request, context, values: ["term_first": first, "term_last": last, "invalid": failure.field],
                                            error: pages.text(failure.key, context), status: .unprocessableContent)
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
