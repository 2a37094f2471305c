import SQLKit

/// A co-signatory signs only by accepting: an invitation to co-sign waits (`accepted_at` null) until the member
/// accepts it. Co-signatures recorded before this change were taken as given when the amendment was tabled.
struct UpdateCosignatoriesAddAcceptedAt: Migration {
    let name = "UpdateCosignatoriesAddAcceptedAt"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.alter(table: "amendment_cosignatories").column("accepted_at", type: .custom(SQLRaw("DOUBLE PRECISION"))).run()
        try await sql.raw("""
            UPDATE amendment_cosignatories SET accepted_at =
              (SELECT a.created_at FROM amendments a WHERE a.id = amendment_cosignatories.amendment_id)
            """).run()
    }
}
