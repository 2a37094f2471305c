import SQLKit

/// The convention's working groups (`convention_groups`: the name and remit the secretariat gives each, the proposals
/// they draft naming them) and the hearings held in its sessions (`convention_hearings`: who was heard, in what
/// capacity, on what).
struct CreateConventionGroupsAndHearings: Migration {
    let name = "CreateConventionGroupsAndHearings"

    func prepare(on sql: any SQLDatabase) async throws {
        let double = SQLDataType.custom(SQLRaw("DOUBLE PRECISION"))
        try await sql.create(table: "convention_groups")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("convention_id", type: .bigint, .notNull, .references("conventions", "id", onDelete: .cascade))
            .column("name", type: .text, .notNull)
            .column("remit", type: .text, .notNull)
            .column("created_at", type: double, .notNull)
            .unique("convention_id", "name")
            .run()
        try await sql.create(table: "convention_hearings")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("convention_id", type: .bigint, .notNull, .references("conventions", "id", onDelete: .cascade))
            .column("session_id", type: .bigint, .notNull, .references("convention_sessions", "id", onDelete: .cascade))
            .column("person", type: .text, .notNull)
            .column("capacity", type: .text, .notNull)
            .column("topic", type: .text, .notNull)
            .column("created_at", type: double, .notNull)
            .run()
        try await sql.create(index: "convention_hearings_session").on("convention_hearings").column("session_id").run()
        try await sql.create(index: "convention_hearings_convention").on("convention_hearings").column("convention_id").run()
    }
}
