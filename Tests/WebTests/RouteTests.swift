import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

/// Routes and links come from one declaration per capability: the router registers exactly the declared paths, and
/// every link and form on the pages leads to a registered route with the right method.
@Suite struct RouteTests {
    /// A registered route: its method and its pattern (a parameter stands for any one segment).
    struct Route {
        let method: String
        let pattern: PathPattern

        init(method: String, path: String) {
            self.method = method
            pattern = PathPattern(path)
        }

        func matches(_ path: String) -> Bool { pattern.matches(path) }
    }

    @Test func theRouterRegistersExactlyTheDeclaredPaths() async throws {
        try await Harness.run(.sqlite, demo: false) { site, _ in
            let router = HemicycleServer.buildRouter(site: site, resources: try await HemicycleServer.Resources.bundled())
            let registered = Set(router.routes.map { "\($0.path)" })
            let declared = Set(SitePaths.all.map(\.path.pattern))
            #expect(registered.count > 40)
            #expect(registered == declared, "declared but not registered, or registered but not declared: \(registered.symmetricDifference(declared))")
            // No two declarations name the same path.
            #expect(declared.count == SitePaths.all.count)
        }
    }

    @Test func linksFillTheDeclaredPattern() {
        #expect(WorkPaths.vote.url("cese-fr", 4, 12) == "/cese-fr/works/4/ballots/12/vote")
        #expect(CouncilPaths.home.url("cese-ma") == "/cese-ma")
        #expect(AdminPaths.commissions.delete.url("cese-fr", 3) == "/cese-fr/admin/commissions/3/delete")
        #expect(HomePaths.home.url == "/")
        // A value is one segment, whatever it holds.
        #expect(CouncilPaths.home.url("x/../admin?y#z") == "/x%2F..%2Fadmin%3Fy%23z")
        #expect(CouncilPaths.members.url("..") == "/%2E%2E/members")
        #expect(HomePaths.language.url("ar") == "/lang/ar")
    }

    @Test(arguments: [nil, "secretariat@cese-fr.example", "membre@cese-fr.example", "citoyen@hemicycle.example",
                      "admin@hemicycle.example", "secretariat@cese-ma.example"])
    func everyLinkAndFormOnThePagesLeadsToARegisteredRoute(person: String?) async throws {
        try await Harness.run(.sqlite) { site, client in
            let router = HemicycleServer.buildRouter(site: site, resources: try await HemicycleServer.Resources.bundled())
            let routes = router.routes.map { Route(method: $0.method.rawValue, path: "\($0.path)") }
            let visitor = Visitor(client)
            if let person { try await visitor.signIn(person) }
            var queue = ["/", "/account", "/cese-fr/works", "/cese-ma/works", "/cese-fr/admin", "/cese-ma/admin"]
            var seen = Set(queue)
            var checked = 0, pages = 0
            while let path = queue.popLast(), pages < 150 {
                let response = try await visitor.get(path)
                guard response.status == .ok, response.headers[.contentType]?.hasPrefix("text/html") == true else { continue }
                pages += 1
                let html = response.text
                var targets: [(method: String, path: String)] = []
                for match in html.matches(of: /<a\b[^>]*\bhref="([^"]*)"/) { targets.append(("GET", String(match.1))) }
                for match in html.matches(of: /<link\b[^>]*\bhref="([^"]*)"/) { targets.append(("GET", String(match.1))) }
                for match in html.matches(of: /<script\b[^>]*\bsrc="([^"]*)"/) { targets.append(("GET", String(match.1))) }
                for match in html.matches(of: /<form\b([^>]*)>/) {
                    let attributes = String(match.1)
                    guard let action = attributes.firstMatch(of: /\baction="([^"]*)"/)?.1 else { continue }
                    let method = attributes.contains(#"method="post""#) ? "POST" : "GET"
                    targets.append((method, String(action)))
                }
                for target in targets where target.path.hasPrefix("/") {
                    let local = String(target.path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
                        .split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0])
                        .replacingOccurrences(of: "&amp;", with: "&")
                    #expect(routes.contains { $0.method == target.method && $0.matches(local) },
                            "\(person ?? "visitor") on \(path): \(target.method) \(target.path) has no route")
                    checked += 1
                    // Follow the pages a person reads (not the language switch, which leaves the site's pages as they are).
                    if target.method == "GET", !local.hasPrefix("/lang/"), !local.hasPrefix("/static/"), !local.hasSuffix(".csv"),
                       !local.hasSuffix(".xml"), !local.hasPrefix("/api/"), seen.insert(local).inserted {
                        queue.append(local)
                    }
                }
            }
            #expect(pages > 10 && checked > 100, "only \(pages) pages and \(checked) links were checked")
        }
    }
}
