import SQLKit

/// What the OParl endpoint once showed and was deleted (`oparl_deletions`: the object's kind and key in its list, when
/// it was created as OParl showed it, and when it was deleted, with what OParl's schemas still require of it: an agenda
/// item's place in its agenda, a file's address), so that clients following `modified_since` learn of the deletion
/// (OParl 1.1, "gelöschte Objekte").
struct CreateOParlDeletions: Migration {
    let name = "CreateOParlDeletions"

    func prepare(on sql: any SQLDatabase) async throws {
        let double = SQLDataType.custom(SQLRaw("DOUBLE PRECISION"))
        try await sql.create(table: "oparl_deletions")
            .column("council_id", type: .bigint, .notNull, .references("councils", "id", onDelete: .cascade))
            .column("kind", type: .text, .notNull)
            .column("object_key", type: .text, .notNull)
            .column("created_at", type: double)
            .column("deleted_at", type: double, .notNull)
            .column("object_order", type: .bigint)
            .column("address", type: .text)
            .primaryKey("council_id", "kind", "object_key")
            .run()
    }
}
