import SQLKit

/// Networks of councils (`networks`: UCESIF, AICESIS...: their name in each language, what they are, their site, the
/// year they were founded) and their directory (`network_members`: a council hosted here, or another council named
/// with its country, languages, site and the address of its own Hemicycle if it runs one).
struct CreateNetworks: Migration {
    let name = "CreateNetworks"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.create(table: "networks")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("slug", type: .text, .notNull, .unique)
            .column("name_fr", type: .text).column("name_ar", type: .text).column("name_en", type: .text)
            .column("description_fr", type: .text).column("description_ar", type: .text).column("description_en", type: .text)
            .column("website", type: .text)
            .column("founded", type: .int)
            .run()
        try await sql.create(table: "network_members")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("network_id", type: .bigint, .notNull, .references("networks", "id", onDelete: .cascade))
            .column("council_id", type: .bigint, .references("councils", "id", onDelete: .cascade))
            .column("name", type: .text, .notNull)
            .column("country", type: .text, .notNull)
            .column("languages", type: .text, .notNull)
            .column("website", type: .text)
            .column("hemicycle_url", type: .text)
            .run()
        try await sql.create(index: "network_members_network").on("network_members").column("network_id").run()
        // A council hosted here is listed once per network (others, with no council, as often as they are named).
        try await sql.create(index: "network_members_council").on("network_members").column("council_id").column("network_id").unique().run()
    }
}
