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
        routes.get(AdminPaths.outbox, use: outbox)
    }

    @Sendable func overview(_ request: Request, context: AppContext) async throws -> HTML {
        let council = try context.inCouncil().council
        try pages.authorize(.viewAdministration, context)
        let slug = council.slug
        return try await pages.page(
            "admin", title: pages.text("admin_title", context), request: request, context: context, council: council,
            typed: AdminOverviewPage(links: [
                .init(url: AdminPaths.groups.list.url(slug), label: pages.text("admin_groups", context)),
                .init(url: AdminPaths.commissions.list.url(slug), label: pages.text("admin_commissions", context)),
                .init(url: AdminPaths.members.url(slug), label: pages.text("admin_members", context)),
            ]))
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
