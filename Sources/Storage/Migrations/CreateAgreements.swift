import SQLKit

/// Agreements between councils: the themes the instance lists (`cooperation_themes`, seeded with those of the
/// Franco-Moroccan framework agreement), the agreements (`agreements`: the council that recorded it, its title and
/// text in each language, where it was signed, its days as `yyyy-MM-dd`: signature, entry into force, last day in
/// force, termination), their parties, signatories and themes, their action plan (`agreement_actions`) and what each
/// party shares with another under it (`agreement_shares`: today, a work item to read).
struct CreateAgreements: Migration {
    let name = "CreateAgreements"

    static let themes: [(slug: String, fr: String, ar: String, en: String)] = [
        ("preparation", "Préparation des travaux", "إعداد الأشغال", "Preparation of work"),
        ("dissent", "Traitement des opinions divergentes", "معالجة الآراء المخالفة", "Handling dissent"),
        ("annual_report", "Rapport annuel", "التقرير السنوي", "Annual reports"),
        ("participation", "Participation citoyenne", "المشاركة المواطنة", "Citizen participation"),
        ("budget", "Budget", "الميزانية", "Budget"),
        ("commissions", "Organisation des commissions", "تنظيم اللجان", "Organisation of commissions"),
        ("plenary", "Séances plénières", "الجلسات العامة", "Plenary sittings"),
        ("human_resources", "Ressources humaines", "الموارد البشرية", "Human resources"),
    ]

    func prepare(on sql: any SQLDatabase) async throws {
        let double = SQLDataType.custom(SQLRaw("DOUBLE PRECISION"))
        try await sql.create(table: "cooperation_themes")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("slug", type: .text, .notNull, .unique)
            .column("name_fr", type: .text).column("name_ar", type: .text).column("name_en", type: .text)
            .column("position", type: .int, .notNull)
            .run()
        for (position, theme) in Self.themes.enumerated() {
            try await sql.insert(into: "cooperation_themes")
                .columns("slug", "name_fr", "name_ar", "name_en", "position")
                .values(SQLBind(theme.slug), SQLBind(theme.fr), SQLBind(theme.ar), SQLBind(theme.en), SQLBind(position))
                .run()
        }
        try await sql.create(table: "agreements")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("council_id", type: .bigint, .notNull, .references("councils", "id", onDelete: .cascade))
            .column("title_fr", type: .text).column("title_ar", type: .text).column("title_en", type: .text)
            .column("text_fr", type: .text, .notNull).column("text_ar", type: .text, .notNull).column("text_en", type: .text, .notNull)
            .column("place", type: .text, .notNull)
            .column("signed_on", type: .text)
            .column("in_force_from", type: .text)
            .column("ends_on", type: .text)
            .column("terminated_on", type: .text)
            .column("created_at", type: double, .notNull)
            .column("updated_at", type: double, .notNull)
            .run()
        try await sql.create(table: "agreement_parties")
            .column("agreement_id", type: .bigint, .notNull, .references("agreements", "id", onDelete: .cascade))
            .column("council_id", type: .bigint, .notNull, .references("councils", "id", onDelete: .cascade))
            .primaryKey("agreement_id", "council_id")
            .run()
        try await sql.create(index: "agreement_parties_council").on("agreement_parties").column("council_id").run()
        try await sql.create(table: "agreement_signatories")
            .column("agreement_id", type: .bigint, .notNull, .references("agreements", "id", onDelete: .cascade))
            .column("council_id", type: .bigint, .notNull, .references("councils", "id", onDelete: .cascade))
            .column("position", type: .int, .notNull)
            .column("name", type: .text, .notNull)
            .primaryKey("agreement_id", "council_id", "position")
            .run()
        try await sql.create(table: "agreement_themes")
            .column("agreement_id", type: .bigint, .notNull, .references("agreements", "id", onDelete: .cascade))
            .column("theme_id", type: .bigint, .notNull, .references("cooperation_themes", "id", onDelete: .cascade))
            .primaryKey("agreement_id", "theme_id")
            .run()
        try await sql.create(table: "agreement_actions")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("agreement_id", type: .bigint, .notNull, .references("agreements", "id", onDelete: .cascade))
            .column("title", type: .text, .notNull)
            .column("owner_council_id", type: .bigint, .notNull, .references("councils", "id", onDelete: .cascade))
            .column("owner", type: .text, .notNull)
            .column("due_on", type: .text)
            .column("state", type: .text, .notNull)
            .column("follow_up", type: .text, .notNull)
            .column("updated_at", type: double, .notNull)
            .run()
        try await sql.create(index: "agreement_actions_agreement").on("agreement_actions").column("agreement_id").run()
        try await sql.create(table: "agreement_shares")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("agreement_id", type: .bigint, .notNull, .references("agreements", "id", onDelete: .cascade))
            .column("granting_council_id", type: .bigint, .notNull, .references("councils", "id", onDelete: .cascade))
            .column("grantee_council_id", type: .bigint, .notNull, .references("councils", "id", onDelete: .cascade))
            .column("item_kind", type: .text, .notNull)
            .column("item_id", type: .bigint, .notNull)
            .column("created_at", type: double, .notNull)
            .unique("agreement_id", "grantee_council_id", "item_kind", "item_id")
            .run()
        try await sql.create(index: "agreement_shares_item").on("agreement_shares").column("granting_council_id").column("item_kind").column("item_id").run()
    }
}
