import SQLKit

/// When a seat began to sit in the assembly (`seated_at`): set when a member, the bureau or the president is seated
/// or a seat takes up such a role, kept while it does, cleared when it no longer does; a seat taken up again starts
/// anew. The seats sitting before count from their creation.
struct UpdateMembershipsAddSeatedAt: Migration {
    let name = "UpdateMembershipsAddSeatedAt"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.alter(table: "memberships").column("seated_at", type: .custom(SQLRaw("DOUBLE PRECISION"))).run()
        try await sql.raw("""
            UPDATE memberships SET seated_at = created_at WHERE role IN ('member', 'bureau', 'president') AND ended_at IS NULL
            """).run()
    }
}
