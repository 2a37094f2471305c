import Hummingbird
import HummingbirdAuth
import Storage

/// Loads the signed-in account from the session; a deleted or missing account ends the session.
struct IdentityMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let accounts: AccountRepository

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var context = context
        if let session = context.sessions.session {
            if let account = try await accounts.find(id: session.accountID), !account.isDeleted {
                context.account = account
            } else {
                context.sessions.clearSession()
            }
        }
        return try await next(request, context)
    }
}
