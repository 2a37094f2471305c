import Foundation
import FoundationXML
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import SQLKit
import Storage
import Testing
import TestRequirements
import TestSupport
@testable import Web

/// The council's news: writers draft, editors schedule, the public reads a post only once its time has come;
/// pasted HTML is cleaned; every form refuses those without the right, whatever the page shows.
@Suite struct NewsTests {
    static func count(_ site: Site) async throws -> Int {
        try await site.database.withSQL { sql in
            try await sql.raw("SELECT COUNT(*) AS n FROM news_posts").first(decodingColumn: "n", as: Int.self) ?? -1
        }
    }

    static func slug(of response: TestResponse) throws -> String {
        let location = try #require(response.location?.components(separatedBy: "?").first)
        return try #require(location.split(separator: "/").last.map(String.init))
    }

    @Test(arguments: TestDatabase.kinds)
    func aPostGoesFromDraftToItsPublicationTimeAndDown(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let clock = try #require(site.clock as? TestClock)
            let writer = Visitor(client, acceptLanguage: "fr")
            try await writer.signIn("secretariat@cese-fr.example")
            let editor = Visitor(client, acceptLanguage: "fr")
            try await editor.signIn("admin@hemicycle.example")
            let visitor = Visitor(client, acceptLanguage: "fr")
            let citizen = Visitor(client)
            try await citizen.signIn("citoyen@hemicycle.example")
            let member = Visitor(client)
            try await member.signIn("membre@cese-fr.example")
            let otherCouncil = Visitor(client)
            try await otherCouncil.signIn("secretariat@cese-ma.example")

            let fields = [
                ("language", "fr"), ("category", "international"), ("title", "Une délégation reçue à Paris"),
                ("summary", "Le Conseil a reçu une délégation du Conseil du Maroc."),
                ("body", "<h1>Visite</h1><p onclick=\"alert(1)\">Le <a href=\"javascript:alert(1)\">Conseil</a> a reçu "
                    + "<a href=\"/cese-ma\">ses homologues</a>.<script>alert(document.cookie)</script></p>"
                    + "<img src=\"/cese-fr/news/images/ab12.png\" alt=\"La délégation\" onerror=\"alert(1)\">"),
            ]
            // Nobody but the communication staff writes, whatever they send.
            let before = try await Self.count(site)
            #expect(try await visitor.get("/cese-fr/news/new").status == .unauthorized)
            #expect(try await visitor.post("/cese-fr/news", fields).status == .unauthorized)
            for someone in [citizen, member, otherCouncil] {
                #expect(try await someone.get("/cese-fr/news/new").status == .forbidden)
                #expect(try await someone.post("/cese-fr/news", fields).status == .forbidden)
            }
            // Bad input is refused with the sentence, and nothing is stored.
            let noAlternative = try await writer.post("/cese-fr/news", fields.map { $0.0 == "body" ? ($0.0, "<p>x</p><img src=\"/cese-fr/news/images/ab12.png\">") : $0 })
            #expect(noAlternative.status == .unprocessableContent)
            #expect(noAlternative.text.contains("texte de remplacement"))
            #expect(try await writer.post("/cese-fr/news", fields.map { $0.0 == "title" ? ($0.0, "") : $0 }).status == .unprocessableContent)
            #expect(try await writer.post("/cese-fr/news", fields.map { $0.0 == "language" ? ($0.0, "ar") : $0 }).status == .unprocessableContent)
            #expect(try await writer.post("/cese-fr/news", fields.map { $0.0 == "body" ? ($0.0, "<script>x</script>") : $0 }).status
                == .unprocessableContent)
            #expect(try await Self.count(site) == before)

            let created = try await writer.post("/cese-fr/news", fields)
            #expect(created.status == .seeOther)
            let slug = try Self.slug(of: created)
            #expect(slug.hasSuffix("-une-delegation-recue-a-paris"))
            let url = "/cese-fr/news/\(slug)"
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let id = try #require(Int64(slug.prefix { $0.isNumber }))
            let stored = try #require(try await NewsRepository(database: site.database).find(id: id, councilID: france.id))
            #expect(stored.body == "<h2>Visite</h2><p>Le <a>Conseil</a> a reçu <a href=\"/cese-ma\">ses homologues</a>.</p>"
                + "<img src=\"/cese-fr/news/images/ab12.png\" alt=\"La délégation\">")

            // A draft is the staff's: 404 for the others, and in no list or feed.
            #expect(try await writer.get(url).status == .ok)
            for someone in [visitor, citizen, member, otherCouncil] { #expect(try await someone.get(url).status == .notFound) }
            #expect(try await otherCouncil.get("/cese-ma/news/\(slug)").status == .notFound)
            #expect(!(try await visitor.get("/cese-fr/news").text.contains("Une délégation reçue")))
            #expect(try await writer.get("/cese-fr/news").text.contains("Une délégation reçue"))
            // The API is the public's: no draft, whoever asks.
            #expect(try await writer.get("/api/v1/cese-fr/news/\(id)").status == .notFound)
            #expect(!(try await writer.get("/api/v1/cese-fr/news").text.contains("Une délégation reçue")))
            #expect(try await visitor.get("/api/v1/cese-fr/news?category=bogus").status == .badRequest)

            // The writer submits; only an editor schedules, and no one else moves it.
            #expect(try await writer.post("\(url)/status", [("action", "schedule")]).status == .forbidden)
            for someone in [citizen, member, otherCouncil] {
                #expect(try await someone.post("\(url)/status", [("action", "submit")]).status == .notFound)
            }
            #expect(try await visitor.post("\(url)/status", [("action", "submit")]).status == .notFound)
            #expect(try await writer.post("\(url)/status", [("action", "submit")]).status == .seeOther)
            #expect(try await writer.post("\(url)/status", [("action", "submit")]).status == .conflict)
            // Submitted, the writer no longer changes it; the editor does.
            #expect(try await writer.post("\(url)/edit", fields).status == .forbidden)
            #expect(try await editor.post("\(url)/status", [("action", "schedule"), ("publish_at", "2020-01-01T10:00")]).status
                == .unprocessableContent)
            #expect(try await editor.post("\(url)/status", [("action", "schedule"), ("publish_at", "demain")]).status == .unprocessableContent)
            // 09:00 UTC is 10:00 in Paris: at 12:00 Paris time, two hours on.
            #expect(try await editor.post("\(url)/status", [("action", "schedule"), ("publish_at", "2026-11-30T12:00")]).status == .seeOther)
            #expect(try await visitor.get(url).status == .notFound)
            #expect(!(try await visitor.get("/cese-fr/feed.atom").text.contains("Une délégation reçue")))
            #expect(!(try await visitor.get("/cese-fr/feed.rss").text.contains("Une délégation reçue")))
            #expect(!(try await visitor.get("/cese-fr/news").text.contains("Une délégation reçue")))

            // Its time comes: the public reads it, in the list and the feeds, without anyone acting.
            clock.advance(by: 2 * 3_600 + 60)
            let page = try await visitor.get(url)
            #expect(page.status == .ok)
            #expect(page.text.contains("<a href=\"/cese-ma\">ses homologues</a>") && !page.text.contains("alert("))
            #expect(try await visitor.get("/cese-fr/news").text.contains("Une délégation reçue"))
            #expect(try await visitor.get("/cese-fr/feed.atom").text.contains("Une délégation reçue"))
            #expect(try await visitor.get("/cese-fr/feed.rss").text.contains("Une délégation reçue"))
            let api = try await visitor.get("/api/v1/cese-fr/news/\(id)")
            #expect(api.status == .ok && api.text.contains("\"language\":\"fr\"") && api.text.contains("Une délégation reçue"))
            #expect(try await visitor.get("/api/v1/cese-fr/news?category=international&language=fr").text.contains("Une délégation reçue"))
            #expect(!(try await visitor.get("/api/v1/cese-fr/news?language=en").text.contains("Une délégation reçue")))
            // An address with another title finds it and is sent to the current one.
            let renamed = try await visitor.get("/cese-fr/news/\(id)-ancien-titre")
            #expect(renamed.status == .temporaryRedirect && renamed.location == url)

            // Published, a post is read by all but still changed by none of them: the rule refuses, not the lookup.
            for someone in [citizen, member, otherCouncil] {
                #expect(try await someone.post("\(url)/edit", fields).status == .forbidden)
                #expect(try await someone.post("\(url)/status", [("action", "unpublish")]).status == .forbidden)
                #expect(try await someone.get("\(url)/edit").status == .forbidden)
            }
            // Nor translated from another council.
            #expect(try await otherCouncil.get("/cese-ma/news/new?translation_of=\(id)").status == .notFound)
            #expect(try await otherCouncil.post("/cese-ma/news", fields + [("translation_of", "\(id)")]).status == .notFound)

            // Taken down by an editor only; the trace stays for the staff.
            #expect(try await citizen.post("\(url)/status", [("action", "unpublish")]).status == .forbidden)
            #expect(try await writer.post("\(url)/status", [("action", "unpublish")]).status == .forbidden)
            #expect(try await editor.post("\(url)/status", [("action", "unpublish")]).status == .seeOther)
            #expect(try await visitor.get(url).status == .notFound)
            let history = try await writer.get(url).text
            #expect(history.contains("Julien Secrétariat a soumis cette actualité à la relecture"))
            #expect(history.contains("a retiré cette actualité le"))
            #expect(try await editor.post("\(url)/status", [("action", "nonsense")]).status == .unprocessableContent)
        }
    }

    @Test func translationsAreLinkedAndAMissingOneIsSaid() async throws {
        try await Harness.run(.sqlite) { site, client in
            let writer = Visitor(client, acceptLanguage: "en")
            try await writer.signIn("secretariat@cese-fr.example")
            // The demo's consultation post is in French only: an English reader is told so.
            let english = Visitor(client, acceptLanguage: "en")
            let list = try await english.get("/cese-fr/news").text
            #expect(list.contains("Mission to Rabat") && list.contains("In French"))
            let news = NewsRepository(database: site.database)
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let posts = try await news.published(councilID: france.id, category: nil, now: site.clock.now().timeIntervalSince1970, limit: 50)
            let consultation = try #require(posts.first { $0.category == "participation" })
            let page = try await english.get("/cese-fr/news/\(consultation.id)")
            #expect(page.status == .temporaryRedirect)
            let text = try await english.get(try #require(page.location)).text
            #expect(text.contains("This post has not been translated into English; it is shown in French."))
            // Its English version, once written, is linked, and a second one is refused.
            let fields = [("translation_of", "\(consultation.id)"), ("language", "en"), ("category", "participation"),
                          ("title", "Francophonie and you: the consultation is open"), ("summary", "Vote on the statements."),
                          ("body", "Vote on the statements, and add yours.")]
            #expect(try await writer.post("/cese-fr/news", fields).status == .seeOther)
            #expect(try await writer.post("/cese-fr/news", fields).status == .conflict)
            #expect(try await writer.post("/cese-fr/news", fields.map { $0.0 == "translation_of" ? ($0.0, "999999") : $0 }).status == .notFound)
            let group = try await news.translations(group: consultation.id, councilID: france.id)
            #expect(group.map(\.language) == ["fr", "en"])
            #expect(group[1].body == "<p>Vote on the statements, and add yours.</p>")
            // The Arabic demo post of Rabat links its French version.
            let morocco = try #require(try await site.councils.find(slug: "cese-ma"))
            let moroccan = try await news.published(councilID: morocco.id, category: "international", now: site.clock.now().timeIntervalSince1970, limit: 5)
            let arabic = try #require(moroccan.first { $0.language == "ar" })
            // An Arabic title has no Latin letters: its address is its number alone.
            let arabicPage = try await Visitor(client, acceptLanguage: "ar").get("/cese-ma/news/\(arabic.id)")
            #expect(arabicPage.status == .ok)
            let arabicText = arabicPage.text
            #expect(arabicText.contains("<article lang=\"ar\" dir=\"rtl\">") && arabicText.contains("hreflang=\"fr\""))
        }
    }

    static var python: String? {
        let path = ProcessInfo.processInfo.environment["FEEDPARSER_PYTHON"]
        return path.flatMap { FileManager.default.isExecutableFile(atPath: $0) ? $0 : nil }
    }

    /// The feeds read by an independent parser (PyPI `feedparser`): well formed, every entry with its title, link,
    /// date and content, relative links made absolute; an unchanged feed answers 304.
    @Test(.enabled(if: Requirement.runs(when: python != nil, "FEEDPARSER_PYTHON (a Python with feedparser)")))
    func feedsAreReadByFeedparser() async throws {
        try await Harness.run(.sqlite) { site, client in
            try Requirement.require(Self.python != nil, "FEEDPARSER_PYTHON (a Python with feedparser)")
            let visitor = Visitor(client)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("feeds-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            var files: [String] = []
            for (path, name) in [("/cese-fr/feed.atom?lang=fr", "fr.atom"), ("/cese-fr/feed.rss?lang=en", "en.rss"),
                                 ("/cese-ma/feed.atom?lang=ar", "ar.atom"), ("/cese-fr/feed.rss?lang=fr&category=international", "intl.rss")] {
                let response = try await visitor.get(path)
                #expect(response.status == .ok)
                let tag = try #require(response.headers[.eTag])
                var conditional = HTTPFields()
                conditional[.ifNoneMatch] = tag
                #expect(try await visitor.get(path, headers: conditional).status == .notModified)
                try Data(response.text.utf8).write(to: folder.appendingPathComponent(name))
                files.append(folder.appendingPathComponent(name).path)
            }
            let script = """
                import feedparser, json, sys
                out = {}
                for path in sys.argv[1:]:
                    d = feedparser.parse(path)
                    out[path.rsplit('/', 1)[1]] = {
                        "bozo": bool(d.bozo), "version": d.version, "title": d.feed.get("title"), "language": d.feed.get("language"),
                        "entries": [{"title": e.get("title"), "link": e.get("link"), "date": bool(e.get("published_parsed")),
                                     "content": (e.get("content") or [{"value": e.get("summary", "")}])[0]["value"]} for e in d.entries]}
                print(json.dumps(out))
                """
            let process = Process()
            process.executableURL = URL(fileURLWithPath: try #require(Self.python))
            process.arguments = ["-c", script] + files
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            let parsed = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
            for (name, feed) in parsed {
                #expect(feed["bozo"] as? Bool == false, "\(name) is not well formed")
                let entries = try #require(feed["entries"] as? [[String: Any]])
                #expect(!entries.isEmpty, "\(name)")
                for entry in entries {
                    #expect((entry["link"] as? String)?.hasPrefix("http://hemicycle.test/") == true, "\(name)")
                    #expect(entry["date"] as? Bool == true, "\(name)")
                    let content = entry["content"] as? String ?? ""
                    #expect(!content.contains("href=\"/"), "\(name): a relative link")
                }
            }
            #expect(parsed["fr.atom"]?["version"] as? String == "atom10")
            #expect(parsed["en.rss"]?["version"] as? String == "rss20")
            let english = try #require(parsed["en.rss"]?["entries"] as? [[String: Any]]).compactMap { $0["title"] as? String }
            #expect(english.contains("Mission to Rabat: towards a framework agreement with Morocco's Council"))
            #expect(english.contains("La Francophonie et vous : la consultation est ouverte"))
            let arabic = try #require(parsed["ar.atom"]?["entries"] as? [[String: Any]]).compactMap { $0["title"] as? String }
            #expect(arabic.contains("المجلس يستقبل وفدًا من المجلس الاقتصادي والاجتماعي والبيئي الفرنسي"))
            let international = try #require(parsed["intl.rss"]?["entries"] as? [[String: Any]])
            #expect(international.count == 1)
        }
    }

    /// Every feed parses as XML, here and always (feedparser reads them where Python is at hand).
    @Test func feedsAreWellFormedXML() async throws {
        try await Harness.run(.sqlite) { site, client in
            let visitor = Visitor(client)
            for path in ["/cese-fr/feed.atom", "/cese-fr/feed.rss?lang=en", "/cese-ma/feed.atom?lang=ar", "/cese-ma/feed.rss?category=plenary"] {
                let response = try await visitor.get(path)
                #expect(response.status == .ok)
                #expect(XMLParser(data: Data(response.text.utf8)).parse(), "\(path)")
            }
            #expect(try await visitor.get("/cese-fr/feed.atom?category=nonsense").status == .notFound)
        }
    }

    @Test func feedLinksAreMadeAbsoluteOnlyForTheSitesPaths() {
        let html = "<p><a href=\"/cese-fr\">a</a><a href=\"//other.example/x\">b</a><a href=\"https://x.example/\">c</a>"
            + "<img src=\"/cese-fr/news/images/a.png\" alt=\"=&quot;/\"></p>"
        #expect(NewsFeeds.absolute(html, base: "https://h.example") == "<p><a href=\"https://h.example/cese-fr\">a</a><a href=\"//other.example/x\">b</a>"
            + "<a href=\"https://x.example/\">c</a><img src=\"https://h.example/cese-fr/news/images/a.png\" alt=\"=&quot;/\"></p>")
    }

    /// A post started from an adopted avis or a drawn convention, pre-filled with their facts and links.
    @Test func aPostStartsFromAnAvisOrADraw() async throws {
        try await Harness.run(.sqlite) { site, client in
            let writer = Visitor(client, acceptLanguage: "fr")
            try await writer.signIn("secretariat@cese-fr.example")
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let avis = try #require(try await site.works.all(councilID: france.id, statuses: ["published"], kind: nil).first)
            let form = try await writer.get("/cese-fr/news/new")
            #expect(form.text.contains("value=\"work:\(avis.id)\""))
            let page = try await writer.get("/cese-fr/news/new?from=work:\(avis.id)").text
            #expect(page.contains("La Francophonie contemporaine : un atout pour la France et ses partenaires : le Conseil adopte son avis"))
            #expect(page.contains("&lt;a href=&quot;/cese-fr/works/\(avis.id)&quot;&gt;Lire l’avis"))
            let nadia = try #require(try await site.memberships.all(councilID: france.id).first { $0.displayName == "Nadia Rapporteure" })
            #expect(page.contains("/cese-fr/members/\(nadia.id)"))
            // Only what the council adopted or drew, and only for its writers.
            let preparing = try await site.works.all(councilID: france.id, statuses: ["in_preparation", "referred"], kind: nil)
            for work in preparing { #expect(try await writer.get("/cese-fr/news/new?from=work:\(work.id)").status == .notFound) }
            #expect(try await writer.get("/cese-fr/news/new?from=work:999999").status == .notFound)
            #expect(try await writer.get("/cese-fr/news/new?from=nonsense").status == .notFound)
            #expect(try await Visitor(client).get("/cese-fr/news/new?from=work:\(avis.id)").status == .unauthorized)
            let conventions = try await ConventionRepository(database: site.database).all(councilID: france.id, statuses: ["drawn", "sitting", "reported"])
            let drawn = try #require(conventions.first)
            let drawPage = try await writer.get("/cese-fr/news/new?from=draw:\(drawn.id)").text
            #expect(drawPage.contains("tirés au sort") && drawPage.contains("/cese-fr/conventions/\(drawn.id)/draw"))
        }
    }
}
