import SQLKit

/// Citizen consultations (`consultations`: a council's, optionally about one of its works, with its dates, modules,
/// participation and moderation rules), their participants (`consultation_participants`: a browser's random
/// identifier kept as a digest, or an account, or a participant of an imported Polis conversation), their statements
/// (`consultation_statements`, with Polis's moderation values and the reason given), the latest vote of each
/// participant on each statement (`consultation_votes`, one by unique key) and every vote as cast
/// (`consultation_vote_log`, whose identifiers the map worker follows), and the last opinion map computed
/// (`consultation_maps`, with the worker holding the consultation and its lease).
struct CreateConsultations: Migration {
    let name = "CreateConsultations"

    func prepare(on sql: any SQLDatabase) async throws {
        let double = SQLDataType.custom(SQLRaw("DOUBLE PRECISION"))
        let boolean = SQLDataType.custom(SQLRaw("BOOLEAN"))
        try await sql.create(table: "consultations")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("council_id", type: .bigint, .notNull, .references("councils", "id", onDelete: .cascade))
            .column("work_id", type: .bigint, .references("works", "id", onDelete: .setNull))
            .column("title_fr", type: .text).column("title_ar", type: .text).column("title_en", type: .text)
            .column("description_fr", type: .text).column("description_ar", type: .text).column("description_en", type: .text)
            // The languages participants may write in, comma separated ("fr,ar").
            .column("languages", type: .text, .notNull)
            .column("modules", type: .int, .notNull)
            .column("participation", type: .text, .notNull)
            .column("moderation", type: .text, .notNull)
            .column("published", type: boolean, .notNull)
            .column("opens_at", type: double, .notNull)
            .column("closes_at", type: double, .notNull)
            .column("synthesis_published_at", type: double)
            // Where an imported conversation comes from and its licence's attribution, shown with it.
            .column("source", type: .text)
            // Counts every change of the statements (added, moderated), so the map worker sees one.
            .column("statements_version", type: .bigint, .notNull)
            .column("created_at", type: double, .notNull)
            .run()
        try await sql.create(index: "consultations_council").on("consultations").column("council_id").run()
        try await sql.create(index: "consultations_work").on("consultations").column("work_id").run()
        try await sql.create(table: "consultation_participants")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("consultation_id", type: .bigint, .notNull, .references("consultations", "id", onDelete: .cascade))
            // SHA-256 of the browser's participant cookie; empty for an account's or an imported participant.
            .column("cookie_digest", type: .text)
            .column("account_id", type: .bigint, .references("accounts", "id", onDelete: .setNull))
            // The participant's number in an imported Polis export.
            .column("imported_as", type: .text)
            .column("created_at", type: double, .notNull)
            .unique("consultation_id", "cookie_digest")
            .unique("consultation_id", "account_id")
            .unique("consultation_id", "imported_as")
            .run()
        try await sql.create(table: "consultation_statements")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("consultation_id", type: .bigint, .notNull, .references("consultations", "id", onDelete: .cascade))
            // Polis's comment-id: from 0, in order of writing.
            .column("number", type: .int, .notNull)
            .column("text", type: .text, .notNull)
            // The participant who wrote it; empty for the council's seed statements.
            .column("participant_id", type: .bigint, .references("consultation_participants", "id", onDelete: .setNull))
            // 1 accepted, 0 not yet moderated, -1 rejected (Polis's values).
            .column("moderation", type: .int, .notNull)
            .column("moderation_reason", type: .text)
            .column("moderated_by", type: .bigint, .references("accounts", "id", onDelete: .setNull))
            .column("moderated_at", type: double)
            .column("created_at", type: double, .notNull)
            .unique("consultation_id", "number")
            .run()
        try await sql.create(table: "consultation_votes")
            .column("statement_id", type: .bigint, .notNull, .references("consultation_statements", "id", onDelete: .cascade))
            .column("participant_id", type: .bigint, .notNull, .references("consultation_participants", "id", onDelete: .cascade))
            // 1 agree, 0 pass, -1 disagree (the Polis export's convention).
            .column("vote", type: .int, .notNull)
            .column("voted_at", type: double, .notNull)
            .primaryKey("statement_id", "participant_id")
            .run()
        try await sql.create(table: "consultation_vote_log")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("consultation_id", type: .bigint, .notNull, .references("consultations", "id", onDelete: .cascade))
            .column("statement_id", type: .bigint, .notNull, .references("consultation_statements", "id", onDelete: .cascade))
            .column("participant_id", type: .bigint, .notNull, .references("consultation_participants", "id", onDelete: .cascade))
            .column("vote", type: .int, .notNull)
            .column("voted_at", type: double, .notNull)
            .run()
        try await sql.create(index: "consultation_vote_log_consultation").on("consultation_vote_log").column("consultation_id").column("id").run()
        // The map worker's look back at the last minute's votes (one committed late below the last one it read).
        try await sql.create(index: "consultation_vote_log_time").on("consultation_vote_log").column("consultation_id").column("voted_at").run()
        try await sql.create(table: "consultation_maps")
            .column("consultation_id", type: .bigint, .primaryKey(autoIncrement: false),
                    .references("consultations", "id", onDelete: .cascade))
            // The map as the pages read it (JSON), once one was computed.
            .column("snapshot", type: .text)
            // The last vote of the log and the statements' version the map includes.
            .column("through_vote", type: .bigint, .notNull)
            .column("statements_version", type: .bigint, .notNull)
            .column("computed_at", type: double)
            // The worker computing this consultation's map, and until when it holds it.
            .column("worker", type: .text)
            .column("lease_until", type: double, .notNull)
            .run()
    }
}
