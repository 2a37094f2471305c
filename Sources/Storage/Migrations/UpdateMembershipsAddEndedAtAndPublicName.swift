import SQLKit

/// A seat is never deleted, so that the votes, amendments, co-signatures and designations recorded under it stay:
/// removing a person or erasing an account ends the seat (`ended_at`) and freezes the name its public acts are
/// recorded under (`public_name`).
struct UpdateMembershipsAddEndedAtAndPublicName: Migration {
    let name = "UpdateMembershipsAddEndedAtAndPublicName"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.alter(table: "memberships").column("ended_at", type: .custom(SQLRaw("DOUBLE PRECISION"))).run()
        try await sql.alter(table: "memberships").column("public_name", type: .text).run()
    }
}
