import SQLKit

/// A council's state-of-the-nation indicators (`indicators`: a code, a name and a definition in the council's
/// languages, the source and the unit), their yearly values in thousandths (`indicator_values`, one per year, marked
/// `illustrative` when they are not the statistics office's), and the annual reports they are annexed to
/// (`work_indicators`, in order).
struct CreateIndicators: Migration {
    let name = "CreateIndicators"

    func prepare(on sql: any SQLDatabase) async throws {
        let double = SQLDataType.custom(SQLRaw("DOUBLE PRECISION"))
        try await sql.create(table: "indicators")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("council_id", type: .bigint, .notNull, .references("councils", "id", onDelete: .cascade))
            .column("code", type: .text, .notNull)
            .column("name_fr", type: .text).column("name_ar", type: .text).column("name_en", type: .text)
            .column("definition_fr", type: .text).column("definition_ar", type: .text).column("definition_en", type: .text)
            .column("source", type: .text, .notNull)
            .column("unit", type: .text, .notNull)
            .column("created_at", type: double, .notNull)
            .column("updated_at", type: double, .notNull)
            .unique("council_id", "code")
            .run()
        try await sql.create(table: "indicator_values")
            .column("indicator_id", type: .bigint, .notNull, .references("indicators", "id", onDelete: .cascade))
            .column("year", type: .bigint, .notNull)
            .column("value_milli", type: .bigint, .notNull)
            .column("illustrative", type: .custom(SQLRaw("BOOLEAN")), .notNull)
            .column("updated_at", type: double, .notNull)
            .primaryKey("indicator_id", "year")
            .run()
        try await sql.create(table: "work_indicators")
            .column("work_id", type: .bigint, .notNull, .references("works", "id", onDelete: .cascade))
            .column("indicator_id", type: .bigint, .notNull, .references("indicators", "id", onDelete: .cascade))
            .column("position", type: .bigint, .notNull)
            .primaryKey("work_id", "indicator_id")
            .run()
        try await sql.create(index: "work_indicators_indicator").on("work_indicators").column("indicator_id").run()
    }
}
