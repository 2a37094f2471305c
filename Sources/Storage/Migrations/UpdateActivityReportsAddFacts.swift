import SQLKit

/// A published activity report keeps the figures of the day it was published (`facts_json`), so that it no longer
/// changes; a draft's are computed when it is read.
struct UpdateActivityReportsAddFacts: Migration {
    let name = "UpdateActivityReportsAddFacts"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.alter(table: "activity_reports").column("facts_json", type: .text).run()
    }
}
