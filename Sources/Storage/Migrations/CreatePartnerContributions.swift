import SQLKit

/// Partner contributions to a work: a council opens one of its works to a partner's contribution under an agreement
/// until a day (`agreement_shares.due_on`, for shares of kind `contribution`); the partner drafts it in its own space
/// (`partner_contributions`: the work, the contributing council, the agreement, its title and body, who wrote it),
/// its bureau sends it (who, when), and the receiving council acknowledges it (who, when).
struct CreatePartnerContributions: Migration {
    let name = "CreatePartnerContributions"

    func prepare(on sql: any SQLDatabase) async throws {
        let double = SQLDataType.custom(SQLRaw("DOUBLE PRECISION"))
        try await sql.alter(table: "agreement_shares").column("due_on", type: .text).run()
        try await sql.create(table: "partner_contributions")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("work_id", type: .bigint, .notNull, .references("works", "id", onDelete: .cascade))
            .column("council_id", type: .bigint, .notNull, .references("councils", "id", onDelete: .cascade))
            .column("agreement_id", type: .bigint, .notNull, .references("agreements", "id", onDelete: .cascade))
            .column("title", type: .text, .notNull)
            .column("body", type: .text, .notNull)
            .column("status", type: .text, .notNull)
            .column("author_membership_id", type: .bigint, .references("memberships", "id", onDelete: .setNull))
            .column("sent_by_membership_id", type: .bigint, .references("memberships", "id", onDelete: .setNull))
            .column("sent_at", type: double)
            .column("acknowledged_by_membership_id", type: .bigint, .references("memberships", "id", onDelete: .setNull))
            .column("acknowledged_at", type: double)
            .column("created_at", type: double, .notNull)
            .column("updated_at", type: double, .notNull)
            .run()
        try await sql.create(index: "partner_contributions_work").on("partner_contributions").column("work_id").run()
        try await sql.create(index: "partner_contributions_council").on("partner_contributions").column("council_id").run()
    }
}
