import SQLKit

/// The search of a council's public site (`search_entries`: each public thing in each of its languages, with its
/// title, its text and its address; `search_words`: their `SearchWords`, weighted 2 in a title and 1 in a text,
/// compared by their bytes so that the words beginning with a term are one range of the index), and when each
/// council's entries were last made and from what (`search_state`).
struct CreateSiteSearch: Migration {
    let name = "CreateSiteSearch"

    func prepare(on sql: any SQLDatabase) async throws {
        let double = SQLDataType.custom(SQLRaw("DOUBLE PRECISION"))
        let word = sql.dialect.name == "postgresql" ? SQLDataType.custom(SQLRaw(#"TEXT COLLATE "C""#)) : SQLDataType.text
        try await sql.create(table: "search_entries")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("council_id", type: .bigint, .notNull, .references("councils", "id", onDelete: .cascade))
            // news, work, member, consultation.
            .column("kind", type: .text, .notNull)
            .column("subject_id", type: .bigint, .notNull)
            // Empty for what has no language (a person's name).
            .column("language", type: .text, .notNull)
            .column("title", type: .text, .notNull)
            .column("body", type: .text, .notNull)
            .column("url", type: .text, .notNull)
            .column("published_at", type: double)
            .run()
        try await sql.create(index: "search_entries_council").on("search_entries").column("council_id").run()
        try await sql.create(table: "search_words")
            .column("council_id", type: .bigint, .notNull, .references("councils", "id", onDelete: .cascade))
            .column("word", type: word, .notNull)
            .column("entry_id", type: .bigint, .notNull, .references("search_entries", "id", onDelete: .cascade))
            .column("weight", type: .int, .notNull)
            .primaryKey("council_id", "word", "entry_id")
            .run()
        try await sql.create(index: "search_words_entry").on("search_words").column("entry_id").run()
        try await sql.create(table: "search_state")
            .column("council_id", type: .bigint, .primaryKey(autoIncrement: false), .references("councils", "id", onDelete: .cascade))
            .column("fingerprint", type: .text, .notNull)
            .column("indexed_at", type: double, .notNull)
            .run()
    }
}
