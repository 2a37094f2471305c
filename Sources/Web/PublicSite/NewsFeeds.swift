import Crypto
import Foundation
import HemicycleDomain
import Hummingbird
import PublicSite
import Storage

/// The council's news as Atom (RFC 4287) and RSS 2.0 feeds: the latest public posts, each in the feed's language
/// where it has one (`?lang=`, else the council's), narrowed by `?category=`. Links are absolute, the posts' own
/// paths included; an unchanged feed answers a conditional request with 304.
struct NewsFeeds {
    let services: NewsServices
    let pages: Pages

    static let size = 20

    func register(in council: PathRegistrar) {
        council.get(NewsPaths.atom, use: atom)
        council.get(NewsPaths.rss, use: rss)
    }

    struct Entry {
        let post: NewsPostRecord
        let url: String
        let category: String
        let published: Double
    }

    struct Channel {
        let council: Council
        let language: Language
        let title: String
        let description: String
        let pageURL: String
        let entries: [Entry]
        let updated: Double
    }

    func channel(_ request: Request, _ context: AppContext) async throws -> Channel {
        let scope = try context.inCouncil()
        let council = scope.council
        let language = request.uri.queryParameters.get("lang").flatMap { Language(rawValue: $0) } ?? council.language
        let category = try request.uri.queryParameters.get("category").map { raw in
            guard let category = NewsCategory(rawValue: raw) else { throw PageError.notFound }
            return category
        }
        let now = services.clock.now().timeIntervalSince1970
        let posts = NewsSelection.forReader(
            try await services.news.published(councilID: council.id, category: category?.rawValue, now: now, limit: Self.size * 4),
            language: language, limit: Self.size)
        let name = council.name.resolved(for: language, councilDefault: council.language)?.text ?? council.slug
        let text = { (key: String, arguments: [String: String]) in pages.localizer.text(key, language, arguments) }
        let title = category.map { text("news_feed_title_category", ["council": name, "category": text("news_category_\($0.rawValue)", [:])]) }
            ?? text("news_feed_title", ["council": name])
        var pageURL = services.baseURL + NewsPaths.list.url(council.slug)
        if let category { pageURL += "?category=\(category.rawValue)" }
        let entries = posts.map { post in
            Entry(post: post, url: services.baseURL + NewsPaths.item.url(council.slug, NewsSlug.make(id: post.id, title: post.title)),
                  category: text("news_category_\(post.category)", [:]), published: post.publishAt ?? post.updatedAt)
        }
        return Channel(council: council, language: language, title: title, description: text("news_feed_description", ["council": name]),
                       pageURL: pageURL, entries: entries, updated: entries.map { max($0.published, $0.post.updatedAt) }.max() ?? 0)
    }

    @Sendable func atom(_ request: Request, context: AppContext) async throws -> Response {
        let channel = try await channel(request, context)
        let base = services.baseURL
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(channel.language.rawValue)">
            <title>\(Self.escape(channel.title))</title>
            <subtitle>\(Self.escape(channel.description))</subtitle>
            <id>\(Self.escape(channel.pageURL))</id>
            <link rel="self" type="application/atom+xml" href="\(Self.escape(base + request.uri.description))"/>
            <link rel="alternate" type="text/html" href="\(Self.escape(channel.pageURL))"/>
            <updated>\(Self.rfc3339(channel.updated))</updated>
            <author><name>\(Self.escape(channel.title))</name><uri>\(Self.escape(base + CouncilPaths.home.url(channel.council.slug)))</uri></author>
            <generator>Hemicycle</generator>

            """
        for entry in channel.entries {
            // The entry's identity is the post's number, which no renaming changes.
            xml += """
                <entry xml:lang="\(Self.escape(entry.post.language))">
                <title>\(Self.escape(entry.post.title))</title>
                <id>\(Self.escape(base + NewsPaths.item.url(channel.council.slug, entry.post.id)))</id>
                <link rel="alternate" type="text/html" href="\(Self.escape(entry.url))"/>
                <published>\(Self.rfc3339(entry.published))</published>
                <updated>\(Self.rfc3339(max(entry.published, entry.post.updatedAt)))</updated>
                <category term="\(Self.escape(entry.post.category))" label="\(Self.escape(entry.category))"/>
                <summary>\(Self.escape(entry.post.summary))</summary>
                <content type="html">\(Self.escape(Self.absolute(entry.post.body, base: base)))</content>
                </entry>

                """
        }
        xml += "</feed>\n"
        return Self.respond(xml, type: "application/atom+xml; charset=utf-8", updated: channel.updated, request: request)
    }

    @Sendable func rss(_ request: Request, context: AppContext) async throws -> Response {
        let channel = try await channel(request, context)
        let base = services.baseURL
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
            <channel>
            <title>\(Self.escape(channel.title))</title>
            <link>\(Self.escape(channel.pageURL))</link>
            <description>\(Self.escape(channel.description))</description>
            <language>\(channel.language.rawValue)</language>
            <atom:link rel="self" type="application/rss+xml" href="\(Self.escape(base + request.uri.description))"/>
            <lastBuildDate>\(Self.rfc822(channel.updated))</lastBuildDate>
            <generator>Hemicycle</generator>

            """
        for entry in channel.entries {
            xml += """
                <item>
                <title>\(Self.escape(entry.post.title))</title>
                <link>\(Self.escape(entry.url))</link>
                <guid isPermaLink="false">\(Self.escape(base + NewsPaths.item.url(channel.council.slug, entry.post.id)))</guid>
                <pubDate>\(Self.rfc822(entry.published))</pubDate>
                <category>\(Self.escape(entry.category))</category>
                <description>\(Self.escape(Self.absolute(entry.post.body, base: base)))</description>
                </item>

                """
        }
        xml += "</channel>\n</rss>\n"
        return Self.respond(xml, type: "application/rss+xml; charset=utf-8", updated: channel.updated, request: request)
    }

    /// The feed with its validators; 304 when the reader's copy is current.
    static func respond(_ body: String, type: String, updated: Double, request: Request) -> Response {
        let tag = "\"" + SHA256.hash(data: Data(body.utf8)).prefix(16).map { String(format: "%02x", $0) }.joined() + "\""
        var headers = HTTPFields()
        headers[.eTag] = tag
        if updated > 0 { headers[.lastModified] = httpDate(updated) }
        headers[.cacheControl] = "public, max-age=300"
        if ConditionalRequest.isCurrent(request, tag: tag) { return Response(status: .notModified, headers: headers) }
        headers[.contentType] = type
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// The body's site paths (`href="/…"`, `src="/…"`, not `//host`) made absolute: a feed is read away from the site.
    static func absolute(_ html: String, base: String) -> String {
        var result = "", rest = Substring(html)
        while let range = rest.range(of: "=\"/") {
            result += rest[..<range.upperBound].dropLast()
            rest = rest[range.upperBound...]
            let attribute = result.hasSuffix(" href=\"") || result.hasSuffix(" src=\"")
            if attribute, !rest.hasPrefix("/") { result += base }
            result += "/"
        }
        return result + rest
    }

    /// Text for XML: the characters XML 1.0 cannot hold dropped, the special ones escaped (`HTMLEscaping`).
    static func escape(_ text: String) -> String {
        func holdable(_ scalar: Unicode.Scalar) -> Bool {
            let value = scalar.value
            return (value >= 0x20 || scalar == "\t" || scalar == "\n" || scalar == "\r") && value != 0xFFFE && value != 0xFFFF
        }
        guard !text.unicodeScalars.allSatisfy(holdable) else { return HTMLEscaping.escape(text) }
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: text.unicodeScalars.filter(holdable))
        return HTMLEscaping.escape(String(kept))
    }

    /// One style for every date of a feed or the sitemap (a value: made once, shared by every request).
    static let rfc3339Style = Date.ISO8601FormatStyle()

    static func rfc3339(_ seconds: Double) -> String {
        Date(timeIntervalSince1970: seconds.rounded(.down)).formatted(rfc3339Style)
    }

    static func rfc822(_ seconds: Double) -> String { httpDate(seconds) }

    /// `Thu, 03 Dec 2026 12:00:00 GMT`: RFC 822 as RSS reads it, and the HTTP date.
    static func httpDate(_ seconds: Double) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }
}
