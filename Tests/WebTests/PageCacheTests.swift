import Foundation
import HemicycleDomain
import HTTPTypes
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

/// Visitors' public pages kept rendered: served again without a query, each visitor with their own form token, made
/// stale by any write and by time; never a signed-in person's page.
@Suite struct PageCacheTests {
    static func token(in page: String) throws -> String {
        let marker = "name=\"_csrf\" value=\""
        let start = try #require(page.range(of: marker))
        return String(page[start.upperBound...].prefix { $0 != "\"" })
    }

    @Test(arguments: TestDatabase.kinds)
    func aKeptPageCostsNoQueryAndCarriesEachVisitorsToken(kind: DatabaseKind) async throws {
        let counting = CountingBox()
        try await Harness.run(kind, wrap: { database in counting.wrap(database) }) { site, client in
            let counter = try #require(counting.database)
            let first = Visitor(client, acceptLanguage: "fr"), second = Visitor(client, acceptLanguage: "fr")
            _ = try await first.get("/")
            _ = try await second.get("/")
            let page = try await first.get("/cese-fr/news")
            _ = counter.take()
            let kept = try await second.get("/cese-fr/news")
            #expect(counter.take() == 0)
            #expect(kept.status == .ok && kept.text.contains("Mission à Rabat"))
            // Each page holds its visitor's own token, and its form works for them.
            #expect(try Self.token(in: page.text) == first.cookies["hemicycle_csrf"])
            #expect(try Self.token(in: kept.text) == second.cookies["hemicycle_csrf"])
            #expect(!kept.text.contains(site.pageCache.standIn))
            #expect(try await second.post("/cese-fr/news/subscribe", [("email", "a@example.org"), ("category", "plenary")],
                                          csrf: try Self.token(in: kept.text)).status == .seeOther)
            // Their ETags differ, and each revalidates its own.
            let tag = try #require(kept.headers[.eTag])
            #expect(tag != page.headers[.eTag])
            var conditional = HTTPFields()
            conditional[.ifNoneMatch] = tag
            #expect(try await second.get("/cese-fr/news", headers: conditional).status == .notModified)
            #expect(try await first.get("/cese-fr/news", headers: conditional).status == .ok)
            // Another language is another page.
            #expect(try await Visitor(client, acceptLanguage: "en").get("/cese-fr/news").text.contains("Mission to Rabat"))
        }
    }

    @Test func anyWriteOrTimeMakesKeptPagesStale() async throws {
        try await Harness.run(.sqlite) { site, client in
            let clock = try #require(site.clock as? TestClock)
            let visitor = Visitor(client, acceptLanguage: "fr")
            _ = try await visitor.get("/cese-fr/news")
            let editor = Visitor(client)
            try await editor.signIn("admin@hemicycle.example")
            // A signed-in person's page is never kept, nor served from what is kept.
            #expect(try await editor.get("/cese-fr/news").text.contains("Camille Administratrice"))
            let created = try await editor.post("/cese-fr/news", [("language", "fr"), ("category", "plenary"), ("title", "Séance ouverte"),
                                                                  ("summary", "La séance."), ("body", "La séance.")])
            let url = try #require(created.location?.components(separatedBy: "?").first)
            #expect(try await editor.post("\(url)/status", [("action", "schedule"), ("publish_at", "2026-11-30T11:00")]).status == .seeOther)
            #expect(!(try await visitor.get("/cese-fr/news").text.contains("Séance ouverte")))
            // Its time comes with nobody writing: the kept page goes stale with time.
            clock.advance(by: 3_600)
            #expect(try await visitor.get("/cese-fr/news").text.contains("Séance ouverte"))
            // A write shows at once.
            #expect(try await editor.post("\(url)/status", [("action", "unpublish")]).status == .seeOther)
            #expect(!(try await visitor.get("/cese-fr/news").text.contains("Séance ouverte")))
            // A subscription by e-mail changes nothing a kept page shows: anyone sending one leaves them kept.
            let generation = site.pageCache.generation
            #expect(try await visitor.post("/cese-fr/news/subscribe", [("email", "a@example.org"), ("category", "plenary")]).status == .seeOther)
            #expect(try await visitor.post("/cese-fr/works/follow", [("email", "a@example.org")]).status == .seeOther)
            #expect(site.pageCache.generation == generation)
        }
    }

    @Test func onlyTheCouncilsPublicPagesAreKept() {
        for path in ["/", "/cese-fr", "/cese-fr/news", "/cese-fr/news/1-mission", "/cese-fr/members/4", "/cese-fr/search", "/cese-fr/works/1"] {
            #expect(PageCacheMiddleware.isKept(path), "\(path)")
        }
        for path in [AccountPaths.verifyEmail.url, AccountPaths.signIn.url, AccountPaths.account.url, AccountPaths.resetPassword.url, AccountPaths.invitation.url, "/healthz", "/sitemap.xml", "/cese-fr/consultations/1",
                     "/cese-fr/news/new", "/cese-fr/petitions", "/api/v1/cese-fr"] {
            #expect(!PageCacheMiddleware.isKept(path), "\(path)")
        }
    }

    /// Nobody fills the memory or empties the cache at will, nor puts markup in a page through their cookie.
    @Test func theCacheResistsItsVisitors() async throws {
        let counting = CountingBox()
        try await Harness.run(.sqlite, wrap: { database in counting.wrap(database) }) { site, client in
            let counter = try #require(counting.database)
            let visitor = Visitor(client, acceptLanguage: "fr")
            _ = try await visitor.get("/cese-fr/news")
            // A made-up parameter, or a long address: served, never kept.
            for _ in 0..<2 { _ = try await visitor.get("/cese-fr/news?utm=x") }
            _ = counter.take()
            _ = try await visitor.get("/cese-fr/news?utm=x")
            #expect(counter.take() > 0)
            // A refused write (no route, no token) leaves kept pages kept.
            _ = try await visitor.postRaw("/api/v1/nowhere", body: "")
            _ = try await visitor.postRaw("/cese-fr/news/subscribe", body: "email=a@example.org")
            _ = counter.take()
            _ = try await visitor.get("/cese-fr/news")
            #expect(counter.take() == 0)
            // A cookie that is not a token's shape is replaced, never written into a page.
            let hostile = Visitor(client, acceptLanguage: "fr")
            hostile.cookies["hemicycle_csrf"] = "\"><meta http-equiv=refresh content=0>" + String(repeating: "x", count: 40)
            let page = try await hostile.get("/cese-fr/news").text
            #expect(!page.contains("<meta http-equiv=refresh") && !page.contains("\"><meta"))
        }
        #expect(CSRFTokenMiddleware.isWellFormed(Tokens.make()))
        #expect(!CSRFTokenMiddleware.isWellFormed("\"><b>" + String(repeating: "x", count: 40)))
    }
}
