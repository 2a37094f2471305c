import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth

/// CSRF protection for every state-changing form, and form parsing.
///
/// Signed in, the token is the one bound to the session (kept server-side with it); signed out, a random token
/// lives in an HttpOnly, SameSite=Lax cookie (double submit). Each form carries it in `_csrf`; a POST whose field
/// does not match is refused. Forms with a file (`multipart/form-data`) reach only the routes declared in
/// `UploadPaths`, which check the token themselves (`MultipartUpload`); anywhere else they are refused. The JSON API is exempt: its writes
/// require `Content-Type: application/json`, which a cross-site form cannot send.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppContext
    static let cookieName = "hemicycle_csrf"
    static let fieldName = "_csrf"
    static let maximumFormBytes = 1_048_576
    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var context = context
        var request = request
        let signedIn = context.sessions.session != nil
        let isNew = !signedIn && request.cookieValue(Self.cookieName) != context.csrfToken

        let isAPI = request.uri.path.hasPrefix("/api/")
        if request.method == .post, request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") == true,
           UploadPaths.accepts(request.uri.path) {
            // A form with a file: its handler reads it as it streams and checks the token before keeping a byte.
            return try await next(request, context)
        }
        if request.method == .post, NewsPaths.unsubscribe.path.matches(request.uri.path) || WorkPaths.followEnd.path.matches(request.uri.path) {
            // A mail program's one-click unsubscribe (RFC 8058) has no session and no form token: the link's own token
            // is the right, checked by the handler.
            return try await next(request, context)
        }
        if request.method == .post, FederationPaths.inbox.path.matches(request.uri.path) {
            // A partner instance's delivery has no session and no form token: its signature (RFC 9421) is the right,
            // verified by the handler.
            return try await next(request, context)
        }
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

/// Gives every request its CSRF token (the session's when signed in, else the cookie's or a new one), early enough
/// that error pages carry it too; the cookie mirrors the token in use.
struct CSRFTokenMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let secureCookies: Bool

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var context = context
        let existing = request.cookieValue(CSRFMiddleware.cookieName)
        if let session = context.sessions.session {
            context.csrfToken = session.csrf
        } else {
            // A cookie's value goes into pages: only a token's own shape is taken, else a new one is made.
            context.csrfToken = existing.flatMap { Self.isWellFormed($0) ? $0 : nil } ?? Tokens.make()
        }
        var response = try await next(request, context)
        if existing != context.csrfToken && !response.headers[values: .setCookie].contains(where: { $0.hasPrefix("\(CSRFMiddleware.cookieName)=") }) {
            response.headers[values: .setCookie].append(Self.cookie(context.csrfToken, secure: secureCookies).description)
        }
        return response
    }

    /// As `Tokens.make()` writes them: 32 to 64 characters of base64url.
    static func isWellFormed(_ token: String) -> Bool {
        (32...64).contains(token.utf8.count) && token.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
    }

    static func cookie(_ token: String, secure: Bool) -> Cookie {
        Cookie(name: CSRFMiddleware.cookieName, value: token, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}
