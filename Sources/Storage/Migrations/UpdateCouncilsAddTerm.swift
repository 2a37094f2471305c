import SQLKit

/// A council's term of office (`councils.term_first_day`, `councils.term_last_day`, `yyyy-MM-dd` in the council's
/// calendar, both or neither): set by the council's administrators, shown on its members' pages.
struct UpdateCouncilsAddTerm: Migration {
    let name = "UpdateCouncilsAddTerm"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.raw("ALTER TABLE councils ADD COLUMN term_first_day TEXT").run()
        try await sql.raw("ALTER TABLE councils ADD COLUMN term_last_day TEXT").run()
    }
}
