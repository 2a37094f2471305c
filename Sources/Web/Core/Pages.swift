import Foundation
import HemicycleDomain
import Hummingbird
import Organisation
import Storage

/// What every capability's pages share: rendering a template inside the layout, the reader's language (sentences,
/// plurals, localized texts), and refusing a request the way a person is told.
public struct Pages: Sendable {
    public let views: Views
    public let localizer: Localizer
    /// The site's address: canonical and alternate links are absolute.
    public var baseURL: String = ""

    /// Renders a full page from a typed page model: the layout's shared values (language, direction, navigation,
    /// person, CSRF token, notice) beside the model's own.
    func page(_ template: String, title: String, request: Request, context: AppContext, council: Council? = nil,
              typed model: some Encodable, status: HTTPResponse.Status = .ok) async throws -> HTML {
        let encoded = try (model as? any TemplateConvertible)?.templateValue() ?? TemplateEncoder.encode(model)
        guard let values = encoded.members else {
            throw Views.MissingTemplate(description: "The model of \(template) is not a structure")
        }
        let language = context.language
        let next = SiteURL.encodeQuery(request.uri.description)
        var data: [String: TemplateValue] = [:]
        data.reserveCapacity(values.count + 12)
        data["lang"] = .string(language.rawValue)
        data["dir"] = .string(language.direction)
        data["t"] = localizer.templateTable(language)
        data["title"] = .string(title)
        // The document's title under a name no page model uses: a model's own `title` (a localized name) does not
        // replace it.
        data["pageTitle"] = .string(title)
        data["csrf"] = .string(context.csrfToken)
        data["path"] = .string(request.uri.path)
        data["languageSwitch"] = .list(Language.allCases.map { option in
            [
                "code": .string(option.rawValue), "endonym": .string(option.endonym), "current": .bool(option == language),
                "url": .string("\(HomePaths.language.url(option.rawValue))?next=\(next)"),
            ]
        })
        data["paths"] = Self.sharedPaths
        if let account = context.account {
            data["account"] = ["name": .string(account.displayName), "isAdmin": .bool(account.isInstanceAdmin && account.isVerified)]
        }
        if status == .ok { data.merge(Self.addresses(request, language: language, council: council, base: baseURL)) { _, new in new } }
        if let key = request.uri.queryParameters.get("notice"), localizer.has("notice_\(key)") {
            data["notice"] = .string(localizer.text("notice_\(key)", language))
        }
        if let council {
            data["council"] = try TemplateEncoder.encode(councilSummary(council, language: language))
            if let scope = context.scope, scope.council.id == council.id {
                data["canAdminister"] = .bool(scope.policy.allows(.viewAdministration))
                data["canSeeSecretariat"] = .bool(SecretariatRules.decide(scope.actor, .see).isAllowed)
            }
        }
        // The model's own values come last: a page may name its council or title itself.
        data.merge(values) { _, own in own }
        return HTML(bytes: try views.renderBytes(template, .object(data)), status: status)
    }

    /// The page's addresses for search engines and link previews: its canonical address in the reader's language, the
    /// same page in each language (`?lang=`, and `x-default` without it), and its Open Graph locale. A page whose
    /// languages live at different addresses (a news post and its translations) gives its own `alternates`.
    static func addresses(_ request: Request, language: Language, council: Council?, base: String) -> [String: TemplateValue] {
        var kept: [String] = []
        // Only the parameters that choose what a page shows: no token, notice or tracking tag becomes an address.
        for (key, value) in request.uri.queryParameters where ["q", "type", "year", "category", "phase", "page"].contains(String(key)) {
            kept.append("\(SiteURL.encodeQuery(String(key)))=\(SiteURL.encodeQuery(String(value)))")
        }
        let path = base + request.uri.path
        func address(_ language: Language?) -> String {
            let query = kept + (language.map { ["lang=\($0.rawValue)"] } ?? [])
            return query.isEmpty ? path : path + "?" + query.joined(separator: "&")
        }
        var alternates: [TemplateValue] = Language.allCases.map { ["hreflang": .string($0.rawValue), "url": .string(address($0))] }
        alternates.append(["hreflang": "x-default", "url": .string(address(nil))])
        return [
            "canonical": .string(address(language)), "alternates": .list(alternates),
            "ogLocale": .string("\(language.rawValue)_\(council?.country ?? (language == .ar ? "MA" : "FR"))"),
        ]
    }

    /// The site-wide links of the layout and the account pages, from their declared paths.
    static let sharedPaths = TemplateValue(strings: [
        "home": HomePaths.home.url, "stylesheet": HomePaths.asset.url("app.css"), "script": HomePaths.asset.url("app.js"),
        "signIn": AccountPaths.signIn.url, "signUp": AccountPaths.signUp.url, "signOut": AccountPaths.signOut.url,
        "account": AccountPaths.account.url, "profile": AccountPaths.profile.url, "password": AccountPaths.password.url,
        "deleteAccount": AccountPaths.delete.url, "forgotPassword": AccountPaths.forgotPassword.url,
        "resetPassword": AccountPaths.resetPassword.url, "outbox": AdminPaths.outbox.url,
    ])

    /// A localized text as a view value: the text, its language, and whether it is a fallback.
    func localized(_ text: LocalizedText, _ language: Language, councilDefault: Language = .fr) -> LocalizedView {
        guard let resolved = text.resolved(for: language, councilDefault: councilDefault) else {
            return LocalizedView(text: "", lang: nil, dir: nil, fallback: false, fallbackNote: nil, missing: true)
        }
        return LocalizedView(
            text: resolved.text, lang: resolved.language.rawValue, dir: resolved.language.direction, fallback: resolved.isFallback,
            fallbackNote: resolved.isFallback
                ? localizer.text("fallback_note", language, ["language": localizer.text("language_\(resolved.language.rawValue)", language)]) : nil,
            missing: false)
    }

    func councilSummary(_ council: Council, language: Language) -> CouncilSummary {
        CouncilSummary(slug: council.slug, name: localized(council.name, language, councilDefault: council.language),
                       url: CouncilPaths.home.url(council.slug))
    }

    /// Refuses a decision the way a person is told: 401 for a visitor asked to sign in, 403, 404 or 409 otherwise.
    func require(_ decision: Decision, _ context: AppContext) throws {
        switch decision {
        case .allowed: return
        case .forbidden(let key):
            if context.account == nil { throw PageError.signInRequired }
            throw key == "error_not_found" ? PageError.notFound : PageError(.forbidden, key)
        case .conflict(let key): throw PageError(.conflict, key)
        }
    }

    /// The policy of the council the route is in (resolved once by the `/{council}` group); throws 401 for a visitor
    /// and 403 for a signed-in person without the right.
    @discardableResult
    func authorize(_ action: CouncilAction, _ context: AppContext) throws -> CouncilPolicy {
        let policy = try context.inCouncil().policy
        guard policy.allows(action) else {
            throw context.account == nil ? PageError.signInRequired : PageError.forbidden
        }
        return policy
    }

    func requireAccount(_ context: AppContext) throws -> Account {
        guard let account = context.account else { throw PageError.signInRequired }
        return account
    }

    /// The sentence for `count` things in the reader's language, the count written as `format` writes numbers.
    func plural(_ key: String, count: Int, _ context: AppContext, format: Formatting, _ arguments: [String: String] = [:]) -> String {
        localizer.plural(key, count: count, number: format.number(count), context.language, arguments)
    }

    func text(_ key: String, _ context: AppContext, _ arguments: [String: String] = [:]) -> String {
        localizer.text(key, context.language, arguments)
    }
}
