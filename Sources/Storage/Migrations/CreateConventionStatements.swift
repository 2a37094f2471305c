import SQLKit

/// Statements the convention's members vote on to see where they stand (`convention_statements`: short sentences
/// written by the secretariat or a member, hidden by the secretariat when off topic) and the members' votes on them
/// (`convention_statement_votes`: agree, disagree or pass, one per seat and statement), which the opinion map reads.
struct CreateConventionStatements: Migration {
    let name = "CreateConventionStatements"

    func prepare(on sql: any SQLDatabase) async throws {
        let double = SQLDataType.custom(SQLRaw("DOUBLE PRECISION"))
        let boolean = SQLDataType.custom(SQLRaw("BOOLEAN"))
        try await sql.create(table: "convention_statements")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("convention_id", type: .bigint, .notNull, .references("conventions", "id", onDelete: .cascade))
            .column("number", type: .int, .notNull)
            .column("text", type: .text, .notNull)
            // The seat of the member who wrote it; empty for the secretariat's.
            .column("panel_id", type: .bigint, .references("convention_panel", "id", onDelete: .setNull))
            .column("hidden", type: boolean, .notNull)
            .column("created_at", type: double, .notNull)
            .unique("convention_id", "number")
            .run()
        try await sql.create(table: "convention_statement_votes")
            .column("statement_id", type: .bigint, .notNull, .references("convention_statements", "id", onDelete: .cascade))
            .column("panel_id", type: .bigint, .notNull, .references("convention_panel", "id", onDelete: .cascade))
            // 1 agree, 0 pass, -1 disagree (the Polis convention).
            .column("vote", type: .int, .notNull)
            .column("voted_at", type: double, .notNull)
            .primaryKey("statement_id", "panel_id")
            .run()
    }
}
