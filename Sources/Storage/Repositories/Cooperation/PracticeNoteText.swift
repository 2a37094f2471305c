import HemicycleDomain
import SQLKit

/// A note found by a search, with its rank among the others (higher is better).
public struct PracticeNoteMatch: Sendable, Hashable {
    public let noteID: Int64
    public let rank: Double
}

/// The practice notes' full-text index (see `CreatePracticeNoteText`): written in the transaction that writes the
/// note, searched with every term of the query required as a word beginning.
enum PracticeNoteText {
    static func isPostgres(_ sql: any SQLDatabase) -> Bool { sql.dialect.name == "postgresql" }

    /// PostgreSQL's text search configuration for a note's language.
    static func configuration(_ language: String) -> String {
        switch language {
        case "ar": "arabic"
        case "en": "english"
        case "fr": "french"
        default: "simple"
        }
    }

    /// Writes (or writes again) the note's entry.
    static func write(noteID: Int64, language: String, title: String, summary: String, body: String, on sql: any SQLDatabase) async throws {
        let title = FullTextSearch.indexText(title), summary = FullTextSearch.indexText(summary), body = FullTextSearch.indexText(body)
        if isPostgres(sql) {
            let config = configuration(language)
            try await sql.raw("""
                INSERT INTO practice_note_text (note_id, config, document) VALUES (\(bind: noteID), \(bind: config),
                    setweight(to_tsvector(CAST(\(bind: config) AS regconfig), \(bind: title)), 'A')
                    || setweight(to_tsvector(CAST(\(bind: config) AS regconfig), \(bind: summary)), 'B')
                    || setweight(to_tsvector(CAST(\(bind: config) AS regconfig), \(bind: body)), 'C'))
                ON CONFLICT (note_id) DO UPDATE SET config = excluded.config, document = excluded.document
                """).run()
        } else {
            try await sql.raw("DELETE FROM practice_note_text WHERE rowid = \(bind: noteID)").run()
            try await sql.raw("""
                INSERT INTO practice_note_text (rowid, title, summary, body) VALUES (\(bind: noteID), \(bind: title), \(bind: summary), \(bind: body))
                """).run()
        }
    }

    /// Removes the note's entry (PostgreSQL's goes with the note by its foreign key; FTS5 has none).
    static func remove(noteID: Int64, on sql: any SQLDatabase) async throws {
        if !isPostgres(sql) { try await sql.raw("DELETE FROM practice_note_text WHERE rowid = \(bind: noteID)").run() }
    }

    /// Indexes every note (once, when the index is made).
    static func indexAll(on sql: any SQLDatabase) async throws {
        for note in try await sql.raw("SELECT * FROM practice_notes ORDER BY id").decodeAll(PracticeNoteRecord.self) {
            try await write(noteID: note.id, language: note.language, title: note.title, summary: note.summary, body: note.body, on: sql)
        }
    }

    /// The council's notes whose title, summary or body hold every term as a word beginning, the best first: by BM25
    /// on SQLite (a title counting ten times the body, a summary four), by `ts_rank_cd` on PostgreSQL (weights A, B, C).
    static func search(councilID: Int64, terms: [String], on sql: any SQLDatabase) async throws -> [PracticeNoteMatch] {
        guard !terms.isEmpty else { return [] }
        let rows: [any SQLRow]
        if isPostgres(sql) {
            rows = try await sql.raw("""
                SELECT n.id, CAST(ts_rank_cd(t.document, to_tsquery(CAST(t.config AS regconfig), \(bind: FullTextSearch.postgresQuery(terms)))) AS DOUBLE PRECISION) AS rank
                FROM practice_note_text t JOIN practice_notes n ON n.id = t.note_id
                WHERE n.council_id = \(bind: councilID)
                    AND t.document @@ to_tsquery(CAST(t.config AS regconfig), \(bind: FullTextSearch.postgresQuery(terms)))
                ORDER BY rank DESC, n.id DESC
                """).all()
        } else {
            // BM25 is lower for a better match: its opposite ranks.
            rows = try await sql.raw("""
                SELECT n.id, -bm25(practice_note_text, 10.0, 4.0, 1.0) AS rank
                FROM practice_note_text JOIN practice_notes n ON n.id = practice_note_text.rowid
                WHERE practice_note_text MATCH \(bind: FullTextSearch.sqliteQuery(terms)) AND n.council_id = \(bind: councilID)
                ORDER BY rank DESC, n.id DESC
                """).all()
        }
        return try rows.map { PracticeNoteMatch(noteID: try $0.decode(column: "id", as: Int64.self), rank: try $0.decode(column: "rank", as: Double.self)) }
    }
}
