import SQLKit

/// Consultations open to verified people (`participation = 'verified'`) and what they ask: a minimum age
/// (`minimum_age`), residences accepted (`residences`, one a line), a place on the council's list (`council_list`).
/// The council's list (`council_participant_lists`) keeps keyed digests of the addresses it provided, never the
/// addresses; a person's declaration on their honour (`participant_declarations`: birth date, residence) is kept per
/// council under the same digest of their address, so that an account made again with it finds what it declared.
struct UpdateConsultationsAddVerification: Migration {
    let name = "UpdateConsultationsAddVerification"

    func prepare(on sql: any SQLDatabase) async throws {
        let double = SQLDataType.custom(SQLRaw("DOUBLE PRECISION"))
        let boolean = SQLDataType.custom(SQLRaw("BOOLEAN"))
        try await sql.alter(table: "consultations").column("minimum_age", type: .int).run()
        try await sql.alter(table: "consultations").column("residences", type: .text).run()
        try await sql.alter(table: "consultations").column("council_list", type: boolean, .notNull, .default(SQLLiteral.boolean(false))).run()
        try await sql.create(table: "council_participant_lists")
            .column("council_id", type: .bigint, .notNull, .references("councils", "id", onDelete: .cascade))
            .column("email_digest", type: .text, .notNull)
            .column("added_at", type: double, .notNull)
            .primaryKey("council_id", "email_digest")
            .run()
        try await sql.create(table: "participant_declarations")
            .column("council_id", type: .bigint, .notNull, .references("councils", "id", onDelete: .cascade))
            .column("email_digest", type: .text, .notNull)
            .column("birth_date", type: .text)
            .column("residence", type: .text)
            .column("declared_at", type: double, .notNull)
            .primaryKey("council_id", "email_digest")
            .run()
    }
}
