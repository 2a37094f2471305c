import SQLKit

/// Seats offered by a council to an e-mail address: the seat exists only once the invitation is accepted through
/// the link sent to that address.
struct CreateInvitations: Migration {
    let name = "CreateInvitations"

    func prepare(on sql: any SQLDatabase) async throws {
        let timestamp = SQLDataType.custom(SQLRaw("DOUBLE PRECISION"))
        try await sql.create(table: "invitations")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("council_id", type: .bigint, .notNull, .references("councils", "id", onDelete: .cascade))
            .column("email", type: .text, .notNull)
            .column("role", type: .text, .notNull)
            .column("group_id", type: .bigint, .references("council_groups", "id", onDelete: .cascade))
            .column("token_hash", type: .text, .notNull, .unique)
            .column("invited_by", type: .bigint, .references("accounts", "id", onDelete: .setNull))
            .column("created_at", type: timestamp, .notNull)
            .column("expires_at", type: timestamp, .notNull)
            .column("accepted_at", type: timestamp)
            .column("revoked_at", type: timestamp)
            .run()
        try await sql.create(index: "invitations_council_email").on("invitations").column("council_id").column("email").run()
    }
}
