import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// The instance home, the language switcher, static assets and the health check.
struct HomeRoutes {
    let services: HomeServices
    let pages: Pages
    let assets: StaticAssets

    func register(on routes: PathRegistrar) {
        routes.get(HomePaths.home, use: home)
        routes.get(HomePaths.health, use: health)
        routes.get(HomePaths.language, use: switchLanguage)
        routes.get(HomePaths.asset, use: asset)
    }

    @Sendable func home(_ request: Request, context: AppContext) async throws -> HTML {
        let language = context.language
        let councils = try await services.councils.all().map { council in
            HomePage.Council(
                url: CouncilPaths.home.url(council.slug), name: pages.localized(council.name, language, councilDefault: council.language),
                description: pages.localized(council.description, language, councilDefault: council.language),
                country: pages.text("country_\(council.country)", context),
                networks: council.networkList.isEmpty ? nil : council.networkList.joined(separator: ", "),
                languages: council.publishedLanguages.map(\.endonym).joined(separator: " · "))
        }
        return try await pages.page("home", title: pages.text("home_title", context), request: request, context: context,
                                   typed: HomePage(councils: councils, hasCouncils: !councils.isEmpty))
    }

    @Sendable func health(_ request: Request, context: AppContext) async throws -> Response {
        let healthy = await services.database.isHealthy()
        let body = #"{"status":"\#(healthy ? "ok" : "unavailable")","database":"\#(services.database.kind.rawValue)"}"#
        return Response(status: healthy ? .ok : .serviceUnavailable, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// Sets the language cookie (and a signed-in person's preference), then returns to the page.
    @Sendable func switchLanguage(_ request: Request, context: AppContext) async throws -> Response {
        guard let code = context.parameters.get("code"), let language = Language(rawValue: code) else {
            throw PageError.notFound
        }
        if let account = context.account {
            try await services.accounts.updateProfile(id: account.id, displayName: account.displayName, language: language)
        }
        var response = Response.redirect(to: SiteURL.safeNext(request.uri.queryParameters.get("next")), type: .found)
        let cookie = Cookie(name: LanguageMiddleware.cookieName, value: language.rawValue, maxAge: 365 * 24 * 3600,
                            path: "/", secure: services.secureCookies, httpOnly: true, sameSite: .lax)
        response.headers[values: .setCookie].append(cookie.description)
        return response
    }

    @Sendable func asset(_ request: Request, context: AppContext) async throws -> Response {
        guard let name = context.parameters.get("file"), let file = assets.files[name] else { throw PageError.notFound }
        return Response(status: .ok, headers: [.contentType: file.contentType, .cacheControl: "public, max-age=3600"],
                        body: .init(byteBuffer: ByteBuffer(string: file.content)))
    }
}

/// The stylesheet and script, read once from the bundle.
struct StaticAssets: Sendable {
    struct File: Sendable {
        let content: String
        let contentType: String
    }

    let files: [String: File]

    static func bundled() throws -> StaticAssets {
        var files: [String: File] = [:]
        for (name, type) in [("app.css", "text/css; charset=utf-8"), ("app.js", "text/javascript; charset=utf-8")] {
            let parts = name.split(separator: ".")
            guard let url = Bundle.module.url(forResource: String(parts[0]), withExtension: String(parts[1]),
                                              subdirectory: "Resources/static")
            else { throw Views.MissingTemplate(description: "Missing Resources/static/\(name)") }
            files[name] = File(content: try String(contentsOf: url, encoding: .utf8), contentType: type)
        }
        return StaticAssets(files: files)
    }
}
