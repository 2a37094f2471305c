import SQLKit

/// A council's standing rules for its sittings, set by its administrators: the most proxies one member may hold
/// (`councils.proxies_held`, none to five), the quorum's share of the voters (`councils.quorum`: `majority`, `third`,
/// `two_thirds`) and whether members represented by a proxy count towards it. Councils keep the rules they had: one
/// proxy, a majority taking part, proxies not counted.
struct UpdateCouncilsAddSittingRules: Migration {
    let name = "UpdateCouncilsAddSittingRules"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.raw("ALTER TABLE councils ADD COLUMN proxies_held INTEGER NOT NULL DEFAULT 1").run()
        try await sql.raw("ALTER TABLE councils ADD COLUMN quorum TEXT NOT NULL DEFAULT 'majority'").run()
        try await sql.raw("ALTER TABLE councils ADD COLUMN quorum_counts_proxies BOOLEAN NOT NULL DEFAULT FALSE").run()
    }
}
