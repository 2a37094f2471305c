import Foundation
import HTTPTypes
import HemicycleDomain
import Hummingbird

/// Serves a visitor's public page from `PageCache` when it is kept, and lets it be kept otherwise; every request that
/// may change something makes the kept pages stale once it is answered. Only the pages listed here are kept: those a
/// visitor reads the same as any other (no participant's cookie, no form of their own beyond the token).
struct PageCacheMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let cache: PageCache

    static let kept: [PathPattern] = [
        HomePaths.home.path, CouncilPaths.home.path, CouncilPaths.members.path, CouncilPaths.commissions.path, CouncilPaths.commission.path,
        CouncilPaths.member.path, CouncilPaths.group.path, NewsPaths.list.path, NewsPaths.item.path, WorkPaths.list.path, WorkPaths.item.path,
        SearchRoutes.path.path,
    ]

    /// Forms whose answer changes nothing a kept page shows (subscriptions by e-mail): anyone may send them, and they
    /// must not make every kept page stale.
    static let leavingPagesCurrent: [PathPattern] = [
        NewsPaths.subscribe.path, NewsPaths.confirm.path, NewsPaths.unsubscribe.path,
        WorkPaths.follow.path, WorkPaths.followReferrals.path, WorkPaths.followConfirm.path, WorkPaths.followEnd.path,
    ]

    /// Every declared path, split once: its segments (`nil` for a value), how many are fixed, and whether it is kept.
    static let routes: [(segments: [Substring?], fixed: Int, kept: Bool)] = SitePaths.all.map { declared in
        let segments = declared.path.pattern.split(separator: "/").map { $0.hasPrefix("{") ? nil : $0 }
        return (segments, segments.compactMap { $0 }.count, kept.contains(declared.path))
    }

    /// Whether the route a path reaches is one of the kept pages: the most specific declared path it matches, as the
    /// router chooses (`/verify` is not a council, `/cese-fr/news/new` is not a post).
    static func isKept(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        var best: (fixed: Int, kept: Bool)?
        for route in routes where route.segments.count == parts.count && (best == nil || route.fixed > best!.fixed) {
            if zip(route.segments, parts).allSatisfy({ $0.0 == nil || $0.0 == $0.1 }) { best = (route.fixed, route.kept) }
        }
        return best?.kept ?? false
    }

    /// The query parameters the kept pages read; an address with any other is not kept (nor is a long one), so that
    /// nobody fills the memory with pages kept under made-up addresses.
    static let parameters: Set<String> = ["q", "type", "year", "body", "category", "lang", "notice"]
    static let longestAddress = 512

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            let response = try await next(request, context)
            // What was answered below 400 may have changed something: every kept page is stale. A refused request
            // (a 404, a 403, a bad form) changed nothing and keeps them, as does a subscription.
            if response.status.code < 400, !Self.leavingPagesCurrent.contains(where: { $0.matches(request.uri.path) }) { cache.invalidate() }
            return response
        }
        let address = request.uri.description
        guard request.method == .get, context.account == nil, address.utf8.count <= Self.longestAddress, Self.isKept(request.uri.path),
              request.uri.queryParameters.allSatisfy({ Self.parameters.contains(String($0.key)) })
        else {
            return try await next(request, context)
        }
        let key = context.language.rawValue + " " + address
        if let entry = cache.entry(key) {
            return HTML.answer(cache.bytes(entry, token: context.csrfToken), tag: cache.tag(entry, token: context.csrfToken), request: request)
        }
        var context = context
        context.pageCacheSlot = PageCache.Slot(key: key, token: context.csrfToken, generation: cache.generation, cache: cache,
                                               startedAt: cache.clock.now().timeIntervalSince1970)
        context.csrfToken = cache.standIn
        return try await next(request, context)
    }
}
