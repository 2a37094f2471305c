import SQLKit

/// The narrative of a council's activity report for a year (`activity_reports`, one per council and year): a foreword
/// and an outlook in the council's languages, written by the secretariat, `draft` until `published`. Its figures are
/// computed from the council's data (`UpdateActivityReportsAddFacts` keeps a published report's).
struct CreateActivityReports: Migration {
    let name = "CreateActivityReports"

    func prepare(on sql: any SQLDatabase) async throws {
        let double = SQLDataType.custom(SQLRaw("DOUBLE PRECISION"))
        try await sql.create(table: "activity_reports")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("council_id", type: .bigint, .notNull, .references("councils", "id", onDelete: .cascade))
            .column("year", type: .bigint, .notNull)
            .column("foreword_fr", type: .text).column("foreword_ar", type: .text).column("foreword_en", type: .text)
            .column("outlook_fr", type: .text).column("outlook_ar", type: .text).column("outlook_en", type: .text)
            .column("status", type: .text, .notNull)
            .column("updated_at", type: double, .notNull)
            .column("published_at", type: double)
            .unique("council_id", "year")
            .run()
    }
}
