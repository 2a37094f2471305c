import SQLKit

/// Petitions to a council (`petitions`: written by a person with a verified address, open for the council's window,
/// the referral they became once they reached the council's threshold) and their signatures
/// (`petition_signatures`: one per account and one per address on each petition, by keys); each council's threshold and window
/// (`councils.petition_threshold`, `councils.petition_days`: 150,000 within a year, as France's CESE, unless set).
struct CreatePetitions: Migration {
    let name = "CreatePetitions"

    func prepare(on sql: any SQLDatabase) async throws {
        let double = SQLDataType.custom(SQLRaw("DOUBLE PRECISION"))
        try await sql.alter(table: "councils").column("petition_threshold", type: .int, .notNull, .default(150_000)).run()
        try await sql.alter(table: "councils").column("petition_days", type: .int, .notNull, .default(365)).run()
        try await sql.create(table: "petitions")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("council_id", type: .bigint, .notNull, .references("councils", "id", onDelete: .cascade))
            .column("account_id", type: .bigint, .references("accounts", "id", onDelete: .setNull))
            .column("title", type: .text, .notNull)
            .column("body", type: .text, .notNull)
            // open, referred (the threshold was reached), closed (the window ended), hidden (by the secretariat).
            .column("status", type: .text, .notNull)
            .column("hidden_reason", type: .text)
            // Kept with each signature, in its transaction.
            .column("signatures", type: .int, .notNull)
            // The threshold when the petition was opened: a later change of the council's does not move the goal.
            .column("threshold", type: .int, .notNull)
            .column("work_id", type: .bigint, .references("works", "id", onDelete: .setNull))
            .column("created_at", type: double, .notNull)
            .column("closes_at", type: double, .notNull)
            .run()
        try await sql.create(index: "petitions_council").on("petitions").column("council_id").column("status").run()
        try await sql.create(table: "petition_signatures")
            .column("petition_id", type: .bigint, .notNull, .references("petitions", "id", onDelete: .cascade))
            .column("account_id", type: .bigint, .notNull, .references("accounts", "id", onDelete: .cascade))
            // SHA-256 of the verified address: a person who deletes their account and signs up again with the same
            // address cannot sign twice (a deleted account keeps its row, under another address).
            .column("email_digest", type: .text, .notNull)
            .column("created_at", type: double, .notNull)
            .primaryKey("petition_id", "account_id")
            .unique("petition_id", "email_digest")
            .run()
    }
}
