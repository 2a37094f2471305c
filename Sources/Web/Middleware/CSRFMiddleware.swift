import Foundation
import HTTPTypes
import Hummingbird

/// Double-submit CSRF protection for every state-changing form, and form parsing.
///
/// A random token lives in an HttpOnly, SameSite=Lax cookie; each form carries it in `_csrf`.
/// A POST whose field does not match the cookie is refused. The JSON API is exempt: its writes
/// require `Content-Type: application/json`, which a cross-site form cannot send.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppContext
    static let cookieName = "hemicycle_csrf"
    static let fieldName = "_csrf"
    static let maximumFormBytes = 1_048_576
    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var context = context
        var request = request
        let isNew = request.cookies[Self.cookieName]?.value != context.csrfToken

        let isAPI = request.uri.path.hasPrefix("/api/")
        if request.method != .get && request.method != .head && !isAPI {
            let buffer: ByteBuffer
            do {
                buffer = try await request.collectBody(upTo: Self.maximumFormBytes)
            } catch {
                throw PageError(.contentTooLarge, "error_too_large")
            }
            if let contentType = request.headers[.contentType], !contentType.hasPrefix("application/x-www-form-urlencoded") {
                throw PageError(.unsupportedMediaType, "error_unsupported_media_type")
            }
            guard let body = buffer.getString(at: buffer.readerIndex, length: buffer.readableBytes),
                  let form = try? Form(encoded: body)
            else { throw PageError.malformedForm }
            let sent = form[Self.fieldName] ?? request.headers[HTTPField.Name("X-CSRF-Token")!] ?? ""
            guard !isNew, Tokens.constantTimeEqual(sent, context.csrfToken) else { throw PageError.csrf }
            context.form = form
        }

        return try await next(request, context)
    }
}

/// Gives every request its CSRF token (the cookie's, or a new one set on the response), early enough
/// that error pages carry it too.
struct CSRFTokenMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let secureCookies: Bool

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var context = context
        let existing = request.cookies[CSRFMiddleware.cookieName]?.value
        let isNew = existing == nil || existing!.count < 32
        context.csrfToken = isNew ? Tokens.make() : existing!
        var response = try await next(request, context)
        if isNew {
            let cookie = Cookie(name: CSRFMiddleware.cookieName, value: context.csrfToken, path: "/", secure: secureCookies,
                                httpOnly: true, sameSite: .lax)
            response.headers[values: .setCookie].append(cookie.description)
        }
        return response
    }
}
