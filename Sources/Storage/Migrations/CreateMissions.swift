import SQLKit

/// Missions between councils (`missions`: the council that sent it, its title in the council's languages, where it
/// went and to which hosted council if any, its first and last days, whom its members met, its purpose and outcomes,
/// written in the council's language) and who travelled (`mission_members`, their seats).
struct CreateMissions: Migration {
    let name = "CreateMissions"

    func prepare(on sql: any SQLDatabase) async throws {
        let double = SQLDataType.custom(SQLRaw("DOUBLE PRECISION"))
        try await sql.create(table: "missions")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("council_id", type: .bigint, .notNull, .references("councils", "id", onDelete: .cascade))
            .column("title_fr", type: .text).column("title_ar", type: .text).column("title_en", type: .text)
            .column("destination", type: .text, .notNull)
            .column("partner_council_id", type: .bigint, .references("councils", "id", onDelete: .setNull))
            .column("starts_at", type: double, .notNull)
            .column("ends_at", type: double, .notNull)
            .column("met", type: .text, .notNull)
            .column("purpose", type: .text, .notNull)
            .column("outcomes", type: .text, .notNull)
            .column("created_at", type: double, .notNull)
            .column("updated_at", type: double, .notNull)
            .run()
        try await sql.create(index: "missions_council").on("missions").column("council_id").column("starts_at").run()
        try await sql.create(table: "mission_members")
            .column("mission_id", type: .bigint, .notNull, .references("missions", "id", onDelete: .cascade))
            .column("membership_id", type: .bigint, .notNull, .references("memberships", "id", onDelete: .cascade))
            .primaryKey("mission_id", "membership_id")
            .run()
        try await sql.create(index: "mission_members_membership").on("mission_members").column("membership_id").run()
    }
}
