import SQLKit

/// The draws of a convention (`convention_draws`): each is a job the background worker takes (queued, running, with
/// its progress and a heartbeat), then the committed files (pool, quotas, lottery and their SHA-256), then the public
/// pick (seed, draw.json, panel, probabilities). The people drawn (`convention_panel`), each by the draw that seated
/// them, with a refusal when they decline and the replacement draw that filled their seat.
struct CreateConventionDraws: Migration {
    let name = "CreateConventionDraws"

    func prepare(on sql: any SQLDatabase) async throws {
        let double = SQLDataType.custom(SQLRaw("DOUBLE PRECISION"))
        try await sql.create(table: "convention_draws")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("convention_id", type: .bigint, .notNull, .references("conventions", "id", onDelete: .cascade))
            // 1 for the first draw, then one more for each replacement draw.
            .column("number", type: .int, .notNull)
            // queued → running → committed → drawn; failed when no panel can meet the quotas.
            .column("status", type: .text, .notNull)
            .column("requested_at", type: double, .notNull)
            // Announced before the commitment: where the public seed will come from, and when it can be known.
            .column("seed_source", type: .text, .notNull)
            .column("seed_not_before", type: double, .notNull)
            // Times a worker took it: a draw whose computation keeps stopping the process fails after a few.
            .column("attempts", type: .int, .notNull, .default(0))
            .column("started_at", type: double)
            // Written by the worker while it computes; a running draw whose heartbeat stops is taken again.
            .column("heartbeat_at", type: double)
            .column("progress_settled", type: .int, .notNull, .default(0))
            .column("progress_pool", type: .int, .notNull, .default(0))
            .column("progress_panels", type: .int, .notNull, .default(0))
            // Why it failed, as a key of the locale files, and its details as JSON (criteria, relaxation).
            .column("error_key", type: .text)
            .column("error_detail", type: .text)
            .column("pool_csv", type: .text)
            .column("quotas_csv", type: .text)
            .column("lottery_csv", type: .text)
            // draw.json as committed (no seed yet), then as drawn.
            .column("manifest", type: .text)
            .column("commitment", type: .text)
            .column("committed_at", type: double)
            .column("seed", type: .text)
            .column("panel_csv", type: .text)
            .column("probabilities_csv", type: .text)
            .column("drawn_at", type: double)
            // A replacement draw: the references of the people who declined (JSON array), whose seats it fills.
            .column("withdrawn", type: .text)
            .unique("convention_id", "number")
            .run()
        try await sql.create(index: "convention_draws_status").on("convention_draws").column("status").run()
        try await sql.create(table: "convention_panel")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("convention_id", type: .bigint, .notNull, .references("conventions", "id", onDelete: .cascade))
            .column("draw_id", type: .bigint, .notNull, .references("convention_draws", "id", onDelete: .cascade))
            // The volunteer's pseudonymous reference stays when their personal data is erased.
            .column("volunteer_id", type: .bigint, .references("convention_volunteers", "id", onDelete: .setNull))
            .column("reference", type: .text, .notNull)
            .column("refused_at", type: double)
            // The replacement draw that filled the seat of someone who declined.
            .column("replaced_in_draw", type: .bigint, .references("convention_draws", "id", onDelete: .setNull))
            .unique("convention_id", "reference")
            .run()
    }
}
