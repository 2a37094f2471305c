import Foundation
import HemicycleDomain
import Hummingbird
import Storage

extension Site {
    /// Renders a full page: the layout's shared data (language, direction, navigation, person,
    /// CSRF token, notice) merged with the page's own `model`.
    func page(_ template: String, title: String, request: Request, context: AppContext,
              council: Council? = nil, model: [String: Any] = [:], status: HTTPResponse.Status = .ok) async throws -> HTML {
        let language = context.language
        let path = request.uri.path
        var data: [String: Any] = [
            "lang": language.rawValue,
            "dir": language.direction,
            "t": localizer.table(language),
            "title": title,
            "csrf": context.csrfToken,
            "path": path,
            "languageSwitch": Language.allCases.map { option in
                [
                    "code": option.rawValue,
                    "endonym": option.endonym,
                    "current": option == language,
                    "url": "\(HomePaths.language.url(option.rawValue))?next=\(SiteURL.encodeQuery(request.uri.description))",
                ] as [String: Any]
            },
            "paths": Self.sharedPaths,
        ]
        if let account = context.account {
            data["account"] = ["name": account.displayName, "isAdmin": account.isInstanceAdmin && account.isVerified] as [String: Any]
        }
        if let key = request.uri.queryParameters.get("notice"), localizer.has("notice_\(key)") {
            data["notice"] = localizer.text("notice_\(key)", language)
        }
        if let council {
            data["council"] = councilSummary(council, language: language)
            if let scope = context.scope, scope.council.id == council.id {
                data["canAdminister"] = scope.policy.allows(.viewAdministration)
            }
        }
        for (key, value) in model { data[key] = value }
        return HTML(try views.render(template, data), status: status)
    }

    /// The site-wide links of the layout and the account pages, from their declared paths.
    static let sharedPaths: [String: String] = [
        "home": HomePaths.home.url, "stylesheet": HomePaths.asset.url("app.css"), "script": HomePaths.asset.url("app.js"),
        "signIn": AccountPaths.signIn.url, "signUp": AccountPaths.signUp.url, "signOut": AccountPaths.signOut.url,
        "account": AccountPaths.account.url, "profile": AccountPaths.profile.url, "password": AccountPaths.password.url,
        "deleteAccount": AccountPaths.delete.url, "forgotPassword": AccountPaths.forgotPassword.url,
        "resetPassword": AccountPaths.resetPassword.url, "outbox": AdminPaths.outbox.url,
    ]

    /// A localized text as a view value: the text, its language, and whether it is a fallback.
    func localized(_ text: LocalizedText, _ language: Language, councilDefault: Language = .fr) -> [String: Any] {
        guard let resolved = text.resolved(for: language, councilDefault: councilDefault) else {
            return ["text": "", "missing": true]
        }
        return [
            "text": resolved.text,
            "lang": resolved.language.rawValue,
            "dir": resolved.language.direction,
            "fallback": resolved.isFallback,
            "fallbackNote": resolved.isFallback
                ? localizer.text("fallback_note", language, ["language": localizer.text("language_\(resolved.language.rawValue)", language)]) : "",
        ]
    }

    func councilSummary(_ council: Council, language: Language) -> [String: Any] {
        [
            "slug": council.slug,
            "name": localized(council.name, language, councilDefault: council.language),
            "url": CouncilPaths.home.url(council.slug),
        ]
    }
}
