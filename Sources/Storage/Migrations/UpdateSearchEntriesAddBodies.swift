import SQLKit

/// The council's bodies a search entry belongs to (`bodies`, comma-separated `commission:{id}` and `group:{id}`), for
/// the search's facet by body: a work's commission, a member's group and commissions, the bodies a post mentions.
struct UpdateSearchEntriesAddBodies: Migration {
    let name = "UpdateSearchEntriesAddBodies"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.alter(table: "search_entries").column("bodies", type: .text, .notNull, .default("")).run()
    }
}
