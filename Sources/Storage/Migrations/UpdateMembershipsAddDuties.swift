import SQLKit

/// The duties of a staff seat (`duties`, comma-separated: `news_writer`, `news_editor`), given by the council's
/// administrators. The staff seats held before keep the right to write the news they had.
struct UpdateMembershipsAddDuties: Migration {
    let name = "UpdateMembershipsAddDuties"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.alter(table: "memberships").column("duties", type: .text, .notNull, .default("")).run()
        try await sql.update("memberships").set("duties", to: "news_writer").where("role", .equal, "staff").run()
    }
}
