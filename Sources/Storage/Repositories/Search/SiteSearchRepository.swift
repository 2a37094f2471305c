import HemicycleDomain
import SQLKit

/// One public thing in one language, as the search finds it.
public struct SearchDocument: Sendable, Hashable {
    public let kind: String
    public let subjectID: Int64
    public let language: String
    public let title: String
    public let body: String
    public let url: String
    public let publishedAt: Double?
    /// The council's bodies it belongs to: `commission:{id}`, `group:{id}`.
    public let bodies: [String]

    public init(kind: String, subjectID: Int64, language: String, title: String, body: String, url: String, publishedAt: Double?,
                bodies: [String] = []) {
        self.bodies = bodies
        self.kind = kind
        self.subjectID = subjectID
        self.language = language
        self.title = title
        self.body = body
        self.url = url
        self.publishedAt = publishedAt
    }
}

/// A document a search found, with its score (2 for each term found in its title, 1 in its text).
public struct SearchHit: Sendable, Hashable {
    public let document: SearchDocument
    public let score: Int
}

/// A council's search index: made again whole from its public things when they change (compared by a
/// fingerprint of them), searched by the beginnings of words, every term required.
public struct SiteSearchRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    static let rowsPerInsert = 500

    /// The fingerprint the council's entries were last made from.
    public func fingerprint(councilID: Int64) async throws -> String? {
        try await database.read { sql in
            try await sql.raw("SELECT fingerprint FROM search_state WHERE council_id = \(bind: councilID)").first()?
                .decode(column: "fingerprint", as: String.self)
        }
    }

    /// Replaces the council's entries with `documents`, in one transaction.
    public func replace(councilID: Int64, documents: [SearchDocument], fingerprint: String, at: Double) async throws {
        try await database.transaction { sql in
            try await sql.delete(from: "search_words").where("council_id", .equal, councilID).run()
            try await sql.delete(from: "search_entries").where("council_id", .equal, councilID).run()
            var words: [(Int64, String, Int)] = []
            for document in documents {
                guard let id = try await sql.insert(into: "search_entries")
                    .columns("council_id", "kind", "subject_id", "language", "title", "body", "url", "published_at", "bodies")
                    .values(SQLBind(councilID), SQLBind(document.kind), SQLBind(document.subjectID), SQLBind(document.language), SQLBind(document.title),
                            SQLBind(document.body), SQLBind(document.url), SQLBind(document.publishedAt), SQLBind(document.bodies.joined(separator: ",")))
                    .returning("id").first(decodingColumn: "id", as: Int64.self) else { continue }
                let title = SearchWords.words(in: document.title)
                let titled = Set(title)
                words += title.map { (id, $0, 2) }
                words += SearchWords.words(in: document.body).filter { !titled.contains($0) }.map { (id, $0, 1) }
            }
            for start in stride(from: 0, to: words.count, by: Self.rowsPerInsert) {
                let insert = sql.insert(into: "search_words").columns("council_id", "word", "entry_id", "weight")
                for (entry, word, weight) in words[start..<min(start + Self.rowsPerInsert, words.count)] {
                    insert.values(SQLBind(councilID), SQLBind(word), SQLBind(entry), SQLBind(weight))
                }
                try await insert.run()
            }
            try await sql.raw("""
                INSERT INTO search_state (council_id, fingerprint, indexed_at) VALUES (\(bind: councilID), \(bind: fingerprint), \(bind: at))
                ON CONFLICT (council_id) DO UPDATE SET fingerprint = excluded.fingerprint, indexed_at = excluded.indexed_at
                """).run()
        }
    }

    /// The council's documents that have, for every term, a word beginning with it (a term of two letters is a whole
    /// word), best first: the score, then the newest. At most `limit`.
    public func search(councilID: Int64, terms: [String], limit: Int) async throws -> [SearchHit] {
        guard !terms.isEmpty else { return [] }
        return try await database.read { sql in
            var conditions: [SQLQueryString] = [], anyTerm: [SQLQueryString] = []
            for term in terms {
                let match: SQLQueryString = term.count <= SearchWords.shortest
                    ? "word = \(bind: term)" : "word >= \(bind: term) AND word < \(bind: SearchWords.upperBound(of: term))"
                conditions.append("e.id IN (SELECT entry_id FROM search_words WHERE council_id = \(bind: councilID) AND \(match))")
                anyTerm.append("(\(match))")
            }
            let rows = try await sql.raw("""
                SELECT e.id, e.kind, e.subject_id, e.language, e.title, e.body, e.url, e.published_at, e.bodies,
                (SELECT SUM(w.weight) FROM search_words w WHERE w.entry_id = e.id AND (\(anyTerm.joined(separator: " OR ")))) AS score
                FROM search_entries e WHERE e.council_id = \(bind: councilID) AND \(conditions.joined(separator: " AND "))
                ORDER BY score DESC, e.published_at DESC, e.id LIMIT \(unsafeRaw: "\(limit)")
                """).all()
            return try rows.map { row in
                SearchHit(document: SearchDocument(
                    kind: try row.decode(column: "kind", as: String.self), subjectID: try row.decode(column: "subject_id", as: Int64.self),
                    language: try row.decode(column: "language", as: String.self), title: try row.decode(column: "title", as: String.self),
                    body: try row.decode(column: "body", as: String.self), url: try row.decode(column: "url", as: String.self),
                    publishedAt: try row.decode(column: "published_at", as: Double?.self),
                    bodies: try row.decode(column: "bodies", as: String.self).split(separator: ",").map(String.init)),
                          score: try row.decode(column: "score", as: Int?.self) ?? 0)
            }
        }
    }
}
