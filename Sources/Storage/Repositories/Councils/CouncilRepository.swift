import Foundation
import HemicycleDomain
import SQLKit

/// Councils: the tenants of the instance.
public struct CouncilRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public func all() async throws -> [Council] {
        try await database.read { sql in
            try await sql.select().column("*").from("councils").orderBy("id")
                .decodeAll(Council.self)
        }
    }

    /// How many people sit in the assembly (current seats with one of `sittingRoles`), and how many groups and
    /// commissions the council has: counted by the database, in one query.
    public func figures(councilID: Int64, sittingRoles: [Role]) async throws -> (sitting: Int, groups: Int, commissions: Int) {
        try await database.read { sql in
            let roles = SQLGroupExpression(SQLList(sittingRoles.map { SQLBind($0.rawValue) }))
            guard let row = try await sql.raw("""
                SELECT (SELECT COUNT(*) FROM memberships WHERE council_id = \(bind: councilID) AND ended_at IS NULL
                        AND role IN \(roles)) AS sitting,
                       (SELECT COUNT(*) FROM council_groups WHERE council_id = \(bind: councilID)) AS group_count,
                       (SELECT COUNT(*) FROM commissions WHERE council_id = \(bind: councilID)) AS commission_count
                """).first() else { return (0, 0, 0) }
            return (try row.decode(column: "sitting", as: Int.self), try row.decode(column: "group_count", as: Int.self),
                    try row.decode(column: "commission_count", as: Int.self))
        }
    }

    public func find(slug: String) async throws -> Council? {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM councils WHERE slug = \(bind: slug)")
                .decodeFirst(Council.self)
        }
    }

    public func find(id: Int64) async throws -> Council? {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM councils WHERE id = \(bind: id)").decodeFirst(Council.self)
        }
    }

    /// Records the council's term of office, or forgets it (`nil`).
    public func setTerm(councilID: Int64, _ term: CouncilTerm?) async throws {
        try await database.withSQL { sql in
            try await sql.update("councils").set("term_first_day", to: SQLBind(term?.firstDay.text))
                .set("term_last_day", to: SQLBind(term?.lastDay.text)).where("id", .equal, councilID).run()
        }
    }

    /// Records the council's sitting rules (their values checked by the caller).
    public func setSittingRules(councilID: Int64, proxiesHeld: Int, quorum: String, countsProxies: Bool) async throws {
        try await database.withSQL { sql in
            try await sql.update("councils").set("proxies_held", to: SQLBind(proxiesHeld)).set("quorum", to: SQLBind(quorum))
                .set("quorum_counts_proxies", to: SQLBind(countsProxies)).where("id", .equal, councilID).run()
        }
    }

    public func count() async throws -> Int {
        try await database.read { sql in
            try await sql.raw("SELECT COUNT(*) AS n FROM councils").first(decodingColumn: "n", as: Int.self) ?? 0
        }
    }

    @discardableResult
    public func create(_ council: NewCouncil, at: Date, on sql: (any SQLDatabase)? = nil) async throws -> Int64 {
        _ = try Validate.slug(council.slug)
        _ = try Validate.localizedName(council.name)
        let insert: (any SQLDatabase) async throws -> Int64 = { sql in
            try await sql.insert(into: "councils")
                .columns("slug", "name_fr", "name_ar", "name_en", "description_fr", "description_ar", "description_en",
                         "country", "default_language", "languages", "networks", "website", "time_zone", "term_first_day", "term_last_day",
                         "created_at")
                .values(SQLBind(council.slug), SQLBind(council.name[.fr]), SQLBind(council.name[.ar]),
                        SQLBind(council.name[.en]), SQLBind(council.description[.fr]),
                        SQLBind(council.description[.ar]), SQLBind(council.description[.en]),
                        SQLBind(council.country), SQLBind(council.defaultLanguage.rawValue),
                        SQLBind(council.languages.map(\.rawValue).joined(separator: ",")),
                        SQLBind(council.networks.joined(separator: ",")), SQLBind(council.website), SQLBind(council.timeZone),
                        SQLBind(council.term?.firstDay.text), SQLBind(council.term?.lastDay.text), SQLBind(at.timeIntervalSince1970))
                .returning("id")
                .first(decodingColumn: "id", as: Int64.self) ?? 0
        }
        if let sql { return try await insert(sql) }
        return try await database.withSQL(insert)
    }
}
