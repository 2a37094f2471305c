import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import Storage

/// Loads the signed-in account from the session; a deleted or missing account ends the session. Behind a proxy
/// named trusted by the configuration, the client's address is the last one the proxy added to `X-Forwarded-For`.
struct IdentityMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let accounts: AccountRepository
    let trustForwardedFor: Bool

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var context = context
        if trustForwardedFor, let forwarded = request.headers[HTTPField.Name("X-Forwarded-For")!],
           let last = forwarded.split(separator: ",").last?.trimmed(of: .whitespaces), !last.isEmpty {
            context.clientAddress = ClientAddress.key(last)
        }
        if let session = context.sessions.session {
            // The account read with the session when the session store could (one statement), else on its own.
            let found: Account?
            if let account = session.account { found = account } else { found = try await accounts.find(id: session.accountID) }
            if let account = found, !account.isDeleted {
                context.account = account
            } else {
                context.sessions.clearSession()
            }
        }
        return try await next(request, context)
    }
}
