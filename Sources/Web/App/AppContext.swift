import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdAuth
import Storage

/// What a session cookie stands for: the signed-in account.
public struct WebSession: Codable, Sendable {
    public var accountID: Int64
}

/// Per-request data shared by middleware and handlers.
public struct AppContext: SessionRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    public let sessions: SessionContext<WebSession>
    /// Interface language chosen for this request.
    public var language: Language = .default
    /// The signed-in person, if any (never a deleted account).
    public var account: Account?
    /// The token that forms of this page must send back.
    public var csrfToken: String = ""
    /// The submitted form of a POST, parsed once by `CSRFMiddleware`.
    public var form = Form()

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.sessions = .init()
    }
}
