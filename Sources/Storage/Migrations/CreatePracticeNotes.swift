import SQLKit

/// The library of good practice (`practice_notes`): what a council writes of how it works (its theme from the
/// instance's list, its language, title, summary and body, how tried it is), and whom it opens it to: its own
/// members and secretariat, its partners under an agreement in force, a network's councils, or everyone.
struct CreatePracticeNotes: Migration {
    let name = "CreatePracticeNotes"

    func prepare(on sql: any SQLDatabase) async throws {
        let double = SQLDataType.custom(SQLRaw("DOUBLE PRECISION"))
        try await sql.create(table: "practice_notes")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("council_id", type: .bigint, .notNull, .references("councils", "id", onDelete: .cascade))
            .column("theme_id", type: .bigint, .references("cooperation_themes", "id", onDelete: .setNull))
            .column("language", type: .text, .notNull)
            .column("title", type: .text, .notNull)
            .column("summary", type: .text, .notNull)
            .column("body", type: .text, .notNull)
            .column("maturity", type: .text, .notNull)
            .column("audience", type: .text, .notNull)
            .column("network_id", type: .bigint, .references("networks", "id", onDelete: .setNull))
            .column("created_at", type: double, .notNull)
            .column("updated_at", type: double, .notNull)
            .run()
        try await sql.create(index: "practice_notes_council").on("practice_notes").column("council_id").run()
    }
}
