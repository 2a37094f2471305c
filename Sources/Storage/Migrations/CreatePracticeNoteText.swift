import SQLKit

/// The practice notes' full-text index (`practice_note_text`), each note's title, summary and body folded as
/// `FullTextSearch.indexText` folds them: on SQLite an FTS5 table (one row per note, its rowid the note's id, gone with
/// the note by a trigger, since a virtual table has no foreign key); on PostgreSQL a `tsvector` per note holding the
/// words as folded (`simple`) and as the note's language stems them (`arabic`, `french`, `english`), under a GIN index,
/// gone with the note by its foreign key. The notes written before are indexed here.
struct CreatePracticeNoteText: Migration {
    let name = "CreatePracticeNoteText"

    func prepare(on sql: any SQLDatabase) async throws {
        if sql.dialect.name == "postgresql" {
            try await sql.raw("""
                CREATE TABLE practice_note_text (
                    note_id BIGINT PRIMARY KEY REFERENCES practice_notes (id) ON DELETE CASCADE,
                    config TEXT NOT NULL,
                    document TSVECTOR NOT NULL)
                """).run()
            try await sql.raw("CREATE INDEX practice_note_text_document ON practice_note_text USING GIN (document)").run()
        } else {
            // `unicode61` splits words as the folding already did; the folded text has no marks left to remove.
            try await sql.raw("""
                CREATE VIRTUAL TABLE practice_note_text USING fts5(title, summary, body, tokenize = 'unicode61 remove_diacritics 0')
                """).run()
            try await sql.raw("""
                CREATE TRIGGER practice_note_text_delete AFTER DELETE ON practice_notes
                BEGIN DELETE FROM practice_note_text WHERE rowid = old.id; END
                """).run()
        }
        try await PracticeNoteText.indexAll(on: sql)
    }
}
