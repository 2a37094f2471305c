import SQLKit

/// The council's administration: its directions and services (`secretariat_units`, a service within a direction,
/// named in the council's languages), its posts (`secretariat_posts`: a title, a grade, the staff seat holding it or
/// none when vacant), and the staff's assignments to a commission or a work (`secretariat_assignments`). Only what the
/// council needs about people: which seat holds which post, and what it follows.
struct CreateSecretariat: Migration {
    let name = "CreateSecretariat"

    func prepare(on sql: any SQLDatabase) async throws {
        let double = SQLDataType.custom(SQLRaw("DOUBLE PRECISION"))
        try await sql.create(table: "secretariat_units")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("council_id", type: .bigint, .notNull, .references("councils", "id", onDelete: .cascade))
            .column("parent_id", type: .bigint, .references("secretariat_units", "id"))
            .column("kind", type: .text, .notNull)
            .column("name_fr", type: .text).column("name_ar", type: .text).column("name_en", type: .text)
            .column("created_at", type: double, .notNull)
            .run()
        try await sql.create(index: "secretariat_units_council").on("secretariat_units").column("council_id").run()
        try await sql.create(table: "secretariat_posts")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("council_id", type: .bigint, .notNull, .references("councils", "id", onDelete: .cascade))
            .column("unit_id", type: .bigint, .notNull, .references("secretariat_units", "id"))
            .column("title_fr", type: .text).column("title_ar", type: .text).column("title_en", type: .text)
            .column("grade", type: .text, .notNull)
            .column("holder_id", type: .bigint, .references("memberships", "id", onDelete: .setNull))
            .column("created_at", type: double, .notNull)
            .column("updated_at", type: double, .notNull)
            .run()
        try await sql.create(index: "secretariat_posts_council").on("secretariat_posts").column("council_id").run()
        try await sql.create(table: "secretariat_assignments")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("council_id", type: .bigint, .notNull, .references("councils", "id", onDelete: .cascade))
            .column("membership_id", type: .bigint, .notNull, .references("memberships", "id", onDelete: .cascade))
            .column("commission_id", type: .bigint, .references("commissions", "id", onDelete: .cascade))
            .column("work_id", type: .bigint, .references("works", "id", onDelete: .cascade))
            .column("created_at", type: double, .notNull)
            .run()
        try await sql.create(index: "secretariat_assignments_council").on("secretariat_assignments").column("council_id").run()
    }
}
