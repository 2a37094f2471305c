import SQLKit

/// Questions a council asks its partners (`practice_requests`: its question, details and theme) and the notes its
/// partners answer them with (`practice_request_answers`: one row per note given, by the council that wrote it).
struct CreatePracticeRequests: Migration {
    let name = "CreatePracticeRequests"

    func prepare(on sql: any SQLDatabase) async throws {
        let double = SQLDataType.custom(SQLRaw("DOUBLE PRECISION"))
        try await sql.create(table: "practice_requests")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("council_id", type: .bigint, .notNull, .references("councils", "id", onDelete: .cascade))
            .column("theme_id", type: .bigint, .references("cooperation_themes", "id", onDelete: .setNull))
            .column("question", type: .text, .notNull)
            .column("details", type: .text, .notNull)
            .column("created_at", type: double, .notNull)
            .run()
        try await sql.create(index: "practice_requests_council").on("practice_requests").column("council_id").run()
        try await sql.create(table: "practice_request_answers")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("request_id", type: .bigint, .notNull, .references("practice_requests", "id", onDelete: .cascade))
            .column("note_id", type: .bigint, .notNull, .references("practice_notes", "id", onDelete: .cascade))
            .column("council_id", type: .bigint, .notNull, .references("councils", "id", onDelete: .cascade))
            .column("created_at", type: double, .notNull)
            .unique("request_id", "note_id")
            .run()
        // Deleting a note or a council reaches its answers by these.
        try await sql.create(index: "practice_request_answers_note").on("practice_request_answers").column("note_id").run()
        try await sql.create(index: "practice_request_answers_council").on("practice_request_answers").column("council_id").run()
    }
}
