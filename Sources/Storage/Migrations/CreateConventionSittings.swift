import SQLKit

/// The convention at work: its sessions (`convention_sessions`), the proposals put to its vote, each voted in a session
/// (`convention_proposals`, with the method and threshold of its vote, its result once closed, and the minority
/// position recorded beside it), the members' ballots (`convention_ballots`, one per seated member and proposal), and
/// the final report (`convention_reports`).
struct CreateConventionSittings: Migration {
    let name = "CreateConventionSittings"

    func prepare(on sql: any SQLDatabase) async throws {
        let double = SQLDataType.custom(SQLRaw("DOUBLE PRECISION"))
        let boolean = SQLDataType.custom(SQLRaw("BOOLEAN"))
        try await sql.create(table: "convention_sessions")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("convention_id", type: .bigint, .notNull, .references("conventions", "id", onDelete: .cascade))
            .column("number", type: .int, .notNull)
            .column("title", type: .text, .notNull)
            .column("starts_at", type: double, .notNull)
            .column("ends_at", type: double, .notNull)
            .column("place", type: .text, .notNull)
            .column("programme", type: .text, .notNull)
            .column("created_at", type: double, .notNull)
            .unique("convention_id", "number")
            .run()
        try await sql.create(table: "convention_proposals")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("convention_id", type: .bigint, .notNull, .references("conventions", "id", onDelete: .cascade))
            .column("session_id", type: .bigint, .notNull, .references("convention_sessions", "id", onDelete: .cascade))
            .column("number", type: .int, .notNull)
            .column("title", type: .text, .notNull)
            .column("body", type: .text, .notNull)
            // The working group that drafted it.
            .column("drafted_by", type: .text, .notNull)
            // yes_no (with its threshold) or majority_judgment (with the grade to reach).
            .column("method", type: .text, .notNull)
            .column("rule_numerator", type: .int)
            .column("rule_denominator", type: .int)
            .column("rule_strictly_more", type: boolean)
            .column("rule_abstentions_in_base", type: boolean)
            .column("adoption_grade", type: .int)
            // draft → open → closed.
            .column("status", type: .text, .notNull)
            // Times the text changed while a draft (each amendment).
            .column("revision", type: .int, .notNull, .default(1))
            .column("opened_at", type: double)
            .column("closed_at", type: double)
            // The seated members when the vote closed, and its result: kept as closed whatever the panel becomes.
            .column("members_at_close", type: .int)
            .column("adopted", type: boolean)
            .column("minority_held_by", type: .text)
            .column("minority_position", type: .text)
            .column("created_at", type: double, .notNull)
            .unique("convention_id", "number")
            .run()
        try await sql.create(index: "convention_proposals_session").on("convention_proposals").column("session_id").run()
        try await sql.create(table: "convention_ballots")
            .column("proposal_id", type: .bigint, .notNull, .references("convention_proposals", "id", onDelete: .cascade))
            // The seat, not the person: the ballot stays counted when the member's personal data is erased.
            .column("panel_id", type: .bigint, .notNull, .references("convention_panel", "id", onDelete: .cascade))
            .column("choice", type: .text)
            .column("grade", type: .int)
            .column("cast_at", type: double, .notNull)
            .primaryKey("proposal_id", "panel_id")
            .run()
        try await sql.create(table: "convention_reports")
            .column("convention_id", type: .bigint, .primaryKey(autoIncrement: false), .references("conventions", "id", onDelete: .cascade))
            .column("introduction", type: .text, .notNull)
            .column("published_at", type: double, .notNull)
            .run()
    }
}
