import SQLKit

/// How many times a member has reset their private calendar address (`memberships.calendar_generation`): the address
/// is signed with it, so a reset ends the address given before.
struct UpdateMembershipsAddCalendarGeneration: Migration {
    let name = "UpdateMembershipsAddCalendarGeneration"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.raw("ALTER TABLE memberships ADD COLUMN calendar_generation INTEGER NOT NULL DEFAULT 0").run()
    }
}
