import HemicycleDomain
import Hummingbird
import Storage

/// Chooses the interface language: the person's preference, then the switcher's cookie, then
/// `Accept-Language`, then French.
struct LanguageMiddleware: RouterMiddleware {
    typealias Context = AppContext
    static let cookieName = "hemicycle_lang"

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var context = context
        context.language = context.account?.language
            ?? request.cookieValue(Self.cookieName).flatMap { Language(rawValue: $0) }
            ?? Language.negotiate(acceptLanguage: request.headers[.acceptLanguage])
            ?? .default
        var response = try await next(request, context)
        response.headers[.contentLanguage] = context.language.rawValue
        return response
    }
}
