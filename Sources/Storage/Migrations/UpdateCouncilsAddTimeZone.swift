import SQLKit

/// Each council shows and reads dates in its own time zone (an IANA identifier); existing councils get their
/// country's (France: Europe/Paris, Morocco: Africa/Casablanca), others UTC.
struct UpdateCouncilsAddTimeZone: Migration {
    let name = "UpdateCouncilsAddTimeZone"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.alter(table: "councils").column("time_zone", type: .text, .notNull, .default("UTC")).run()
        try await sql.raw("UPDATE councils SET time_zone = 'Europe/Paris' WHERE country = 'FR'").run()
        try await sql.raw("UPDATE councils SET time_zone = 'Africa/Casablanca' WHERE country = 'MA'").run()
    }
}
