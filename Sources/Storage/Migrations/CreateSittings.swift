import SQLKit

/// A council's sittings (`sittings`: the body that meets, the commission for a commission's sitting (forgotten, not
/// the sitting and its record, when the commission is removed), its times, place
/// and video link, its status, and the `sequence` calendar programs compare, raised on every change), their agendas
/// (`sitting_items`, in order, each about a work or titled in the council's languages), attendance
/// (`sitting_attendance`, one row per seat recorded) and proxies (`sitting_proxies`: a seat's vote given to another
/// seat for the whole sitting, or for one ballot).
struct CreateSittings: Migration {
    let name = "CreateSittings"

    func prepare(on sql: any SQLDatabase) async throws {
        let double = SQLDataType.custom(SQLRaw("DOUBLE PRECISION"))
        try await sql.create(table: "sittings")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("council_id", type: .bigint, .notNull, .references("councils", "id", onDelete: .cascade))
            .column("body", type: .text, .notNull)
            .column("commission_id", type: .bigint, .references("commissions", "id", onDelete: .setNull))
            .column("starts_at", type: double, .notNull)
            .column("ends_at", type: double, .notNull)
            .column("place", type: .text, .notNull)
            .column("remote_url", type: .text)
            .column("status", type: .text, .notNull)
            .column("sequence", type: .bigint, .notNull)
            .column("created_at", type: double, .notNull)
            .column("updated_at", type: double, .notNull)
            .run()
        try await sql.create(index: "sittings_council").on("sittings").column("council_id").column("starts_at").run()
        try await sql.create(index: "sittings_commission").on("sittings").column("commission_id").run()
        try await sql.create(table: "sitting_items")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("sitting_id", type: .bigint, .notNull, .references("sittings", "id", onDelete: .cascade))
            .column("position", type: .bigint, .notNull)
            .column("kind", type: .text, .notNull)
            .column("work_id", type: .bigint, .references("works", "id", onDelete: .setNull))
            .column("title_fr", type: .text).column("title_ar", type: .text).column("title_en", type: .text)
            .column("created_at", type: double, .notNull)
            .run()
        try await sql.create(index: "sitting_items_sitting").on("sitting_items").column("sitting_id").column("position").run()
        try await sql.create(index: "sitting_items_work").on("sitting_items").column("work_id").run()
        try await sql.create(table: "sitting_attendance")
            .column("sitting_id", type: .bigint, .notNull, .references("sittings", "id", onDelete: .cascade))
            .column("membership_id", type: .bigint, .notNull, .references("memberships", "id", onDelete: .cascade))
            .column("status", type: .text, .notNull)
            .column("recorded_at", type: double, .notNull)
            .primaryKey("sitting_id", "membership_id")
            .run()
        try await sql.create(index: "sitting_attendance_membership").on("sitting_attendance").column("membership_id").run()
        try await sql.create(table: "sitting_proxies")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("sitting_id", type: .bigint, .notNull, .references("sittings", "id", onDelete: .cascade))
            .column("giver_id", type: .bigint, .notNull, .references("memberships", "id", onDelete: .cascade))
            .column("holder_id", type: .bigint, .notNull, .references("memberships", "id", onDelete: .cascade))
            .column("ballot_id", type: .bigint, .references("ballots", "id", onDelete: .cascade))
            .column("created_at", type: double, .notNull)
            .run()
        try await sql.create(index: "sitting_proxies_sitting").on("sitting_proxies").column("sitting_id").run()
        try await sql.create(index: "sitting_proxies_giver").on("sitting_proxies").column("giver_id").run()
        try await sql.create(index: "sitting_proxies_holder").on("sitting_proxies").column("holder_id").run()
    }
}
