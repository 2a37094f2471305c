import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// `/{council}/search?q=`: the council's public news, works, members, consultations, missions and practice notes, in the three languages
/// (accents, case, Arabic vowel marks and hamza seats do not matter), every word required, the best first; narrowed
/// by type (`type=`), year (`year=`) and body (`body=commission:{id}` or `group:{id}`: a work's commission, a member's
/// group and commissions, the bodies a post mentions), with the count of each beside its link, and a snippet around
/// the first word.
struct SearchRoutes {
    let indexer: SiteSearchIndexer
    let pages: Pages

    static let path = Path1("/{council}/search")
    static let all: [any DeclaredPath] = [path]
    static let kinds = ["news", "work", "member", "consultation", "mission", "practice"]
    static let limit = 500
    static let shown = 50
    static let maximumQuery = 200

    func register(in council: PathRegistrar) {
        council.get(Self.path, use: search)
    }

    @Sendable func search(_ request: Request, context: AppContext) async throws -> HTML {
        let council = try context.inCouncil().council
        let format = Formatting(language: context.language, council: council)
        let query = String((request.uri.queryParameters.get("q") ?? "").prefix(Self.maximumQuery))
        let kind = request.uri.queryParameters.get("type").flatMap { Self.kinds.contains($0) ? $0 : nil }
        let year = request.uri.queryParameters.get("year").flatMap { Int($0) }
        let language = context.language
        var bodyNames: [String: String] = [:]
        for group in try await indexer.groups.all(councilID: council.id) {
            bodyNames["group:\(group.id)"] = pages.localized(group.name, language, councilDefault: council.language).text
        }
        for commission in try await indexer.commissions.all(councilID: council.id) {
            bodyNames["commission:\(commission.id)"] = pages.localized(commission.name, language, councilDefault: council.language).text
        }
        let body = request.uri.queryParameters.get("body").map { String($0) }
        // A body that is none of the council's: refused, and never kept under a made-up address.
        if let body, bodyNames[body] == nil { throw PageError(.badRequest, "search_error_body") }
        let terms = SearchWords.query(query)
        // A council searched before its first indexing (a new instance) is indexed now, once.
        if !terms.isEmpty, try await indexer.search.fingerprint(councilID: council.id) == nil { try await indexer.refresh(council) }
        // Found as well, a result in the reader's language (or in none, a name) comes before one in another.
        let reader = context.language.rawValue
        let hits = try await indexer.search.search(councilID: council.id, terms: terms, limit: Self.limit).enumerated().sorted { left, right in
            let (a, b) = (left.element, right.element)
            let rank = { (hit: SearchHit) in hit.score * 2 + (hit.document.language == reader || hit.document.language.isEmpty ? 1 : 0) }
            return rank(a) != rank(b) ? rank(a) > rank(b) : left.offset < right.offset
        }.map(\.element)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = council.zone
        let yearOf = { (hit: SearchHit) in hit.document.publishedAt.map { calendar.component(.year, from: Date(timeIntervalSince1970: $0)) } }
        let kept = hits.filter {
            (kind == nil || $0.document.kind == kind) && (year == nil || yearOf($0) == year) && (body == nil || $0.document.bodies.contains(body!))
        }
        let base = Self.path.url(council.slug) + "?q=" + SiteURL.encodeQuery(query)
        // Each facet's link keeps the others chosen.
        func link(type: String?, year: Int?, body: String?) -> String {
            base + (type.map { "&type=\($0)" } ?? "") + (year.map { "&year=\($0)" } ?? "") + (body.map { "&body=" + SiteURL.encodeQuery($0) } ?? "")
        }
        let kindFacets = Self.kinds.compactMap { candidate -> SearchPage.Facet? in
            let count = hits.filter { $0.document.kind == candidate }.count
            guard count > 0 else { return nil }
            return .init(label: pages.plural("search_kind_\(candidate)", count: count, context, format: format),
                         url: link(type: candidate, year: year, body: body), current: candidate == kind)
        }
        let years = Set(hits.compactMap(yearOf)).sorted(by: >)
        let yearFacets = years.map { candidate in
            SearchPage.Facet(label: pages.plural("search_year", count: hits.filter { yearOf($0) == candidate }.count, context, format: format,
                                                 ["year": "\(candidate)"]),
                             url: link(type: kind, year: candidate, body: body), current: candidate == year)
        }
        var bodyCounts: [String: Int] = [:]
        for hit in hits { for key in Set(hit.document.bodies) where bodyNames[key] != nil { bodyCounts[key, default: 0] += 1 } }
        let bodyFacets = bodyCounts.keys.sorted { (bodyNames[$0] ?? "", $0) < (bodyNames[$1] ?? "", $1) }.map { candidate in
            SearchPage.Facet(label: pages.plural("search_body", count: bodyCounts[candidate] ?? 0, context, format: format,
                                                 ["name": bodyNames[candidate] ?? ""]),
                             url: link(type: kind, year: year, body: candidate), current: candidate == body)
        }
        let results = kept.prefix(Self.shown).map { hit in
            let document = hit.document
            let language = Language(rawValue: document.language)
            let snippet = Snippet.around(terms, in: document.body)
            return SearchPage.Result(
                kind: pages.text("search_type_\(document.kind)", context), url: document.url, title: document.title,
                resultLang: language?.rawValue, resultDir: language?.direction, before: snippet.before, match: snippet.match, after: snippet.after,
                date: document.publishedAt.map { format.date(Date(timeIntervalSince1970: $0)) })
        }
        let model = SearchPage(
            query: query, action: Self.path.url(council.slug), searched: !terms.isEmpty,
            count: pages.plural("search_count", count: kept.count, context, format: format, ["query": Formatting.isolated(query)]),
            results: Array(results), hasResults: !results.isEmpty, kinds: kindFacets, years: yearFacets, bodies: bodyFacets,
            hasFacets: !kindFacets.isEmpty, allURL: base, filtered: kind != nil || year != nil || body != nil)
        return try await pages.page("search", title: pages.text("search_title", context), request: request, context: context, council: council,
                                    typed: model)
    }
}

/// The words around the first place a term is found in a text, for a search result.
enum Snippet {
    static let around = 90

    static func around(_ terms: [String], in text: String) -> (before: String, match: String, after: String) {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        let options: String.CompareOptions = [.caseInsensitive, .diacriticInsensitive, .widthInsensitive]
        guard let found = terms.compactMap({ flat.range(of: $0, options: options) }).min(by: { $0.lowerBound < $1.lowerBound }) else {
            return (String(flat.prefix(2 * around)) + (flat.count > 2 * around ? "…" : ""), "", "")
        }
        let start = flat.index(found.lowerBound, offsetBy: -around, limitedBy: flat.startIndex) ?? flat.startIndex
        let end = flat.index(found.upperBound, offsetBy: around, limitedBy: flat.endIndex) ?? flat.endIndex
        return ((start > flat.startIndex ? "…" : "") + flat[start..<found.lowerBound], String(flat[found]),
                flat[found.upperBound..<end] + (end < flat.endIndex ? "…" : ""))
    }
}

/// A search and what it found.
struct SearchPage: Encodable {
    struct Result: Encodable {
        let kind: String
        let url: String
        let title: String
        /// The result's language, when it has one (a person's name has none).
        let resultLang: String?
        let resultDir: String?
        let before: String
        let match: String
        let after: String
        let date: String?
    }

    struct Facet: Encodable {
        let label: String
        let url: String
        let current: Bool
    }

    let query: String
    let action: String
    let searched: Bool
    let count: String
    let results: [Result]
    let hasResults: Bool
    let kinds: [Facet]
    let years: [Facet]
    let bodies: [Facet]
    let hasFacets: Bool
    let allURL: String
    let filtered: Bool
}
