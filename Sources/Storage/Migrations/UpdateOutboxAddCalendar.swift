import SQLKit

/// A message may carry an invitation for calendar programs (`outbox.calendar`: an iCalendar document with its
/// `METHOD`, sent beside the text).
struct UpdateOutboxAddCalendar: Migration {
    let name = "UpdateOutboxAddCalendar"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.raw("ALTER TABLE outbox ADD COLUMN calendar TEXT").run()
    }
}
