import HemicycleDomain
import Hummingbird
import Storage

/// Chooses the interface language: the address's `?lang=`, then the person's preference, then the switcher's cookie,
/// then `Accept-Language`, then French.
struct LanguageMiddleware: RouterMiddleware {
    typealias Context = AppContext
    static let cookieName = "hemicycle_lang"

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var context = context
        // An address that names its language (`?lang=ar`, as the pages' alternate links give) is read in it.
        context.language = request.uri.queryParameters.get("lang").flatMap { Language(rawValue: $0) }
            ?? context.account?.language
            ?? request.cookieValue(Self.cookieName).flatMap { Language(rawValue: $0) }
            ?? Language.negotiate(acceptLanguage: request.headers[.acceptLanguage])
            ?? .default
        var response = try await next(request, context)
        response.headers[.contentLanguage] = context.language.rawValue
        return response
    }
}
