import SQLKit

/// Files kept once by their content (`stored_files`, keyed by SHA-256) and the places they are attached to
/// (`attachments`: a work item's dossier today; contributions, practice notes, meeting papers and news later).
struct CreateAttachments: Migration {
    let name = "CreateAttachments"

    func prepare(on sql: any SQLDatabase) async throws {
        let timestamp = SQLDataType.custom(SQLRaw("DOUBLE PRECISION"))
        try await sql.create(table: "stored_files")
            .column("digest", type: .text, .primaryKey(autoIncrement: false))
            .column("media_type", type: .text, .notNull)
            .column("size", type: .bigint, .notNull)
            .column("created_at", type: timestamp, .notNull)
            .run()
        try await sql.create(table: "attachments")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("council_id", type: .bigint, .notNull, .references("councils", "id", onDelete: .cascade))
            .column("owner_kind", type: .text, .notNull)
            .column("owner_id", type: .bigint, .notNull)
            .column("digest", type: .text, .notNull, .references("stored_files", "digest"))
            .column("file_name", type: .text, .notNull)
            .column("title", type: .text, .notNull)
            .column("added_by", type: .bigint, .references("accounts", "id", onDelete: .setNull))
            .column("created_at", type: timestamp, .notNull)
            .run()
        try await sql.create(index: "attachments_owner").on("attachments").column("owner_kind").column("owner_id").run()
        try await sql.create(index: "attachments_digest").on("attachments").column("digest").run()
    }
}
