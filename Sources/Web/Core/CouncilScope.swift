import HemicycleDomain
import Hummingbird
import Storage

/// The council named in the path, the signed-in person's seat in it and who they are there: resolved once per
/// request by the `/{council}` route group, read by every handler of the group.
public struct CouncilScope: Sendable {
    public let council: Council
    /// The signed-in person's current seat, if any.
    public let membership: Membership?
    public let actor: CouncilActor

    public var policy: CouncilPolicy { CouncilPolicy(actor: actor) }
    var slug: String { council.slug }

    /// The seat and actor of `account` in `council` as the store has them now.
    static func resolve(_ council: Council, account: Account?, memberships: MembershipRepository) async throws -> CouncilScope {
        let membership = if let account { try await memberships.find(accountID: account.id, councilID: council.id) } else { Membership?.none }
        return CouncilScope(council: council, membership: membership, actor: Site.actor(account, membership))
    }
}

/// Resolves the `{council}` parameter into `AppContext.scope` (for a signed-in person, the council and their seat in
/// one query); an unknown council is 404 before any handler runs.
struct CouncilScopeMiddleware: RouterMiddleware {
    let councils: CouncilRepository
    let memberships: MembershipRepository

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        guard let slug = context.parameters.get("council") else { throw PageError.notFound }
        // A visitor's council is the simplest query there is; a signed-in person's comes with their seat, in one.
        let found: (council: Council, seat: Membership?)? = if let account = context.account {
            try await memberships.councilAndSeat(slug: slug, accountID: account.id)
        } else {
            try await councils.find(slug: slug).map { ($0, nil) }
        }
        guard let (council, seat) = found else { throw PageError.notFound }
        var context = context
        context.scope = CouncilScope(council: council, membership: seat, actor: Site.actor(context.account, seat))
        return try await next(request, context)
    }
}

/// A route outside the `/{council}` group asked for the council: a programming error, never a visitor's.
struct OutsideCouncilGroup: Error, CustomStringConvertible {
    var description: String { "A handler outside the /{council} route group asked for the council scope." }
}

extension AppContext {
    /// The council, seat and actor the group's middleware resolved.
    func inCouncil() throws -> CouncilScope {
        guard let scope else { throw OutsideCouncilGroup() }
        return scope
    }
}

extension HemicycleServer {
    /// The two groups whose routes act inside one council, the pages' and the API's, with the middleware that
    /// resolves the council once.
    static func councilGroups(_ router: Router<AppContext>, site: Site) -> (pages: PathRegistrar, api: PathRegistrar) {
        let middleware = CouncilScopeMiddleware(councils: site.councils, memberships: site.memberships)
        return (PathRegistrar(router.group("{council}").add(middleware: middleware), prefix: "/{council}"),
                PathRegistrar(router.group("api/v1/{council}").add(middleware: middleware), prefix: "/api/v1/{council}"))
    }
}
