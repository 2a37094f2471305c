import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdAuth
import Storage

/// What a session cookie stands for: the signed-in account, and the CSRF token bound to this session (a token
/// taken from another session, an attacker's own included, is refused).
public struct WebSession: Codable, Sendable {
    public var accountID: Int64
    public var csrf: String
    /// The account as read with the session, in the same statement (`SQLPersistDriver`); never stored with it, and
    /// set only by the session store (handlers trust `AppContext.account`).
    public internal(set) var account: Account? = nil

    enum CodingKeys: String, CodingKey {
        case accountID, csrf
    }
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
    /// The client's IP address as the socket sees it (a trusted proxy's `X-Forwarded-For` may replace it).
    public var clientAddress: String
    /// The council of a `/{council}` route, with the visitor's seat and rights there (set by `CouncilScopeMiddleware`).
    public var scope: CouncilScope?
    /// Set when the page may be kept for other visitors (`PageCacheMiddleware`): the form token is then a stand-in.
    var pageCacheSlot: PageCache.Slot?

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.sessions = .init()
        self.clientAddress = ClientAddress.key(source.channel.remoteAddress?.ipAddress ?? "local")
    }
}
