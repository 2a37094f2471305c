import Foundation
import FoundationXML
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

/// What search engines and link previews read: the sitemap of every public page, canonical and alternate addresses
/// per language on every page, Open Graph metadata.
@Suite struct PublicAddressTests {
    @Test func theSitemapListsThePublicPagesWithTheirLanguages() async throws {
        try await Harness.run(.sqlite) { site, client in
            let response = try await Visitor(client).get("/sitemap.xml")
            #expect(response.status == .ok && response.headers[.contentType]?.hasPrefix("application/xml") == true)
            let xml = response.text
            #expect(XMLParser(data: Data(xml.utf8)).parse())
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let nadia = try #require(try await site.memberships.all(councilID: france.id).first { $0.displayName == "Nadia Rapporteure" })
            #expect(xml.contains("<loc>http://hemicycle.test/cese-fr/members/\(nadia.id)</loc>"))
            #expect(xml.contains("hreflang=\"ar\" href=\"http://hemicycle.test/cese-fr/members/\(nadia.id)?lang=ar\""))
            // A news post lists its translations; a post awaiting review is nowhere.
            #expect(xml.contains("<loc>http://hemicycle.test/cese-fr/news/1-mission-a-rabat"))
            #expect(xml.contains("hreflang=\"en\" href=\"http://hemicycle.test/cese-fr/news/2-mission-to-rabat"))
            #expect(!xml.contains("prochaine-seance-pleniere"))
            // Staff's seats have no public page.
            let staff = try #require(try await site.memberships.all(councilID: france.id).first { $0.displayName == "Julien Secrétariat" })
            #expect(!xml.contains("/cese-fr/members/\(staff.id)<"))
            // Cooperation: the signed agreement under both parties' addresses, missions, the networks' directories.
            #expect(xml.contains("<loc>http://hemicycle.test/cese-fr/cooperation/agreements/1</loc>")
                && xml.contains("<loc>http://hemicycle.test/cese-ma/cooperation/agreements/1</loc>"))
            #expect(xml.contains("<loc>http://hemicycle.test/cese-fr/cooperation/missions/1</loc>") && xml.contains("<loc>http://hemicycle.test/networks/ucesif</loc>"))
        }
    }

    @Test func everyPageNamesItsCanonicalAndAlternateAddresses() async throws {
        try await Harness.run(.sqlite) { site, client in
            let visitor = Visitor(client, acceptLanguage: "fr")
            let home = try await visitor.get("/cese-fr?notice=saved").text
            #expect(home.contains("<link rel=\"canonical\" href=\"http://hemicycle.test/cese-fr?lang=fr\">"))
            #expect(home.contains("<link rel=\"alternate\" hreflang=\"ar\" href=\"http://hemicycle.test/cese-fr?lang=ar\">"))
            #expect(home.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"http://hemicycle.test/cese-fr\">"))
            #expect(home.contains("<meta property=\"og:locale\" content=\"fr_FR\">"))
            #expect(home.contains("<meta property=\"og:site_name\" content=\"Conseil économique, social et environnemental\">"))
            // The address's language wins over the reader's.
            let arabic = try await visitor.get("/cese-fr/news?category=international&lang=ar").text
            #expect(arabic.contains("<html lang=\"ar\" dir=\"rtl\">"))
            #expect(arabic.contains("href=\"http://hemicycle.test/cese-fr/news?category=international&amp;lang=en\""))
            // A post's languages are its translations, each at its own address.
            let post = try await visitor.get("/cese-fr/news/1-mission-a-rabat-vers-un-accord-cadre-avec-le-conseil-du").text
            #expect(post.contains("<link rel=\"canonical\" href=\"http://hemicycle.test/cese-fr/news/1-mission-a-rabat-vers-un-accord-cadre-avec-le-conseil-du\">"))
            #expect(post.contains("hreflang=\"en\" href=\"http://hemicycle.test/cese-fr/news/2-mission-to-rabat-towards-a-framework-agreement-with-morocco\""))
            #expect(post.contains("hreflang=\"ar\" href=\"http://hemicycle.test/cese-fr/news/3\""))
            #expect(!post.contains("?lang=ar\""))
            #expect(post.contains("<meta property=\"og:type\" content=\"article\">"))
            #expect(post.contains("<meta property=\"og:description\" content=\"Deux membres de la commission Affaires européennes et internationales"))
        }
    }

    /// A visitor's browser revalidates a page it kept: unchanged, it is 304 without bytes; a signed-in page is never kept.
    @Test func aVisitorsPageAnswersAConditionalRequest() async throws {
        try await Harness.run(.sqlite) { site, client in
            let visitor = Visitor(client, acceptLanguage: "fr")
            let first = try await visitor.get("/cese-fr/news")
            let tag = try #require(first.headers[.eTag])
            #expect(first.headers[.cacheControl] == "private, no-cache")
            var conditional = HTTPFields()
            conditional[.ifNoneMatch] = tag
            let again = try await visitor.get("/cese-fr/news", headers: conditional)
            #expect(again.status == .notModified && again.body.readableBytes == 0)
            // A new post changes the page, so the browser gets it again.
            let writer = Visitor(client)
            try await writer.signIn("admin@hemicycle.example")
            let created = try await writer.post("/cese-fr/news", [("language", "fr"), ("category", "plenary"), ("title", "Séance du jour"),
                                                                  ("summary", "La séance."), ("body", "La séance.")])
            let url = try #require(created.location?.components(separatedBy: "?").first)
            #expect(try await writer.post("\(url)/status", [("action", "schedule")]).status == .seeOther)
            #expect(try await visitor.get("/cese-fr/news", headers: conditional).status == .ok)
            let signedIn = try await writer.get("/cese-fr/news")
            #expect(signedIn.headers[.cacheControl] == "no-store" && signedIn.headers[.eTag] == nil)
            #expect(try await writer.get("/cese-fr/news", headers: conditional).status == .ok)
        }
    }
}
