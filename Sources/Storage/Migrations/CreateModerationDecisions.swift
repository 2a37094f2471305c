import SQLKit

/// Every moderator's decision on what citizens wrote (`moderation_decisions`): a statement accepted or refused, a
/// proposal or a comment accepted or hidden, a petition hidden; who decided, when and why. The statement, proposal or
/// petition keeps only its current state; this keeps each decision that led there, even one later reversed.
struct CreateModerationDecisions: Migration {
    let name = "CreateModerationDecisions"

    func prepare(on sql: any SQLDatabase) async throws {
        let double = SQLDataType.custom(SQLRaw("DOUBLE PRECISION"))
        try await sql.create(table: "moderation_decisions")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("council_id", type: .bigint, .notNull, .references("councils", "id", onDelete: .cascade))
            // statement, proposal, comment, petition: what `subject_id` names.
            .column("subject", type: .text, .notNull)
            .column("subject_id", type: .bigint, .notNull)
            // accepted, rejected, hidden.
            .column("decision", type: .text, .notNull)
            .column("reason", type: .text)
            // An account is never deleted (erasure keeps it, pseudonymised): the decision keeps who took it.
            .column("account_id", type: .bigint, .notNull, .references("accounts", "id"))
            .column("decided_at", type: double, .notNull)
            .run()
        try await sql.create(index: "moderation_decisions_subject").on("moderation_decisions").column("subject").column("subject_id").run()
    }
}
