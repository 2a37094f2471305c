import SQLKit

/// A sitting's minutes (`sitting_minutes`, one per sitting: their text in one language, `draft`, `approved` at a later
/// sitting named by `approved_at_sitting_id`, or `published`).
struct CreateSittingMinutes: Migration {
    let name = "CreateSittingMinutes"

    func prepare(on sql: any SQLDatabase) async throws {
        let double = SQLDataType.custom(SQLRaw("DOUBLE PRECISION"))
        try await sql.create(table: "sitting_minutes")
            .column("sitting_id", type: .bigint, .primaryKey(autoIncrement: false), .references("sittings", "id", onDelete: .cascade))
            .column("language", type: .text, .notNull)
            .column("body", type: .text, .notNull)
            .column("status", type: .text, .notNull)
            .column("approved_at_sitting_id", type: .bigint, .references("sittings", "id", onDelete: .setNull))
            .column("updated_at", type: double, .notNull)
            .column("published_at", type: double)
            .run()
    }
}
