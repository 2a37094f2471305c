import HemicycleDomain
import SQLKit

/// The practice notes' full-text index (see `CreatePracticeNoteText`): written in the transaction that writes the
/// note, searched with every term of the query required.
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
            // The words as folded (`simple`, for word beginnings) and as the note's language stems them.
            let config = configuration(language), text = [title, summary, body].joined(separator: "\n")
            try await sql.raw("""
                INSERT INTO practice_note_text (note_id, config, document) VALUES (\(bind: noteID), \(bind: config),
                    to_tsvector('simple', \(bind: text)) || to_tsvector(CAST(\(bind: config) AS regconfig), \(bind: text)))
                ON CONFLICT (note_id) DO UPDATE SET config = excluded.config, document = excluded.document
                """).run()
        } else {
            try await sql.raw("DELETE FROM practice_note_text WHERE rowid = \(bind: noteID)").run()
            try await sql.raw("""
                INSERT INTO practice_note_text (rowid, title, summary, body) VALUES (\(bind: noteID), \(bind: title), \(bind: summary), \(bind: body))
                """).run()
        }
    }

    /// Indexes every note (once, when the index is made).
    static func indexAll(on sql: any SQLDatabase) async throws {
        for note in try await sql.raw("SELECT * FROM practice_notes ORDER BY id").decodeAll(PracticeNoteRecord.self) {
            try await write(noteID: note.id, language: note.language, title: note.title, summary: note.summary, body: note.body, on: sql)
        }
    }

    /// The notes of the council (every council's for `nil`) whose title, summary or text hold every term as a word
    /// beginning (on PostgreSQL also: whose words, stemmed in the note's language, hold every term's stem), by id.
    static func search(councilID: Int64?, terms: [String], on sql: any SQLDatabase) async throws -> [Int64] {
        guard !terms.isEmpty else { return [] }
        let rows: [any SQLRow]
        if isPostgres(sql) {
            // One clause per configuration, each a constant query the GIN index answers.
            let words = terms.joined(separator: " ")
            rows = try await sql.raw("""
                SELECT n.id FROM practice_note_text t JOIN practice_notes n ON n.id = t.note_id
                WHERE (CAST(\(bind: councilID) AS BIGINT) IS NULL OR n.council_id = \(bind: councilID))
                    AND (t.document @@ to_tsquery('simple', \(bind: FullTextSearch.postgresQuery(terms)))
                        OR (t.config = 'arabic' AND t.document @@ plainto_tsquery('arabic', \(bind: words)))
                        OR (t.config = 'english' AND t.document @@ plainto_tsquery('english', \(bind: words)))
                        OR (t.config = 'french' AND t.document @@ plainto_tsquery('french', \(bind: words))))
                ORDER BY n.id
                """).all()
        } else {
            rows = try await sql.raw("""
                SELECT n.id FROM practice_note_text JOIN practice_notes n ON n.id = practice_note_text.rowid
                WHERE practice_note_text MATCH \(bind: FullTextSearch.sqliteQuery(terms))
                    AND (CAST(\(bind: councilID) AS BIGINT) IS NULL OR n.council_id = \(bind: councilID))
                ORDER BY n.id
                """).all()
        }
        return try rows.map { try $0.decode(column: "id", as: Int64.self) }
    }
}
