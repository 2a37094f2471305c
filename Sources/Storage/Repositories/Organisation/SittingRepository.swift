import HemicycleDomain
import SQLKit

/// A council's sittings, their agendas, attendance and proxies.
public struct SittingRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// The council's sittings from `from` (a time) on, or all of them, in order of time; of one commission only, with
    /// `commissionID`.
    public func all(councilID: Int64, from: Double? = nil, commissionID: Int64? = nil, body: String? = nil) async throws -> [SittingRecord] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT * FROM sittings WHERE council_id = \(bind: councilID)
                AND (\(bind: from == nil) OR ends_at >= \(bind: from ?? 0))
                AND (\(bind: commissionID ?? -1) = -1 OR commission_id = \(bind: commissionID ?? -1))
                AND (\(bind: body ?? "") = '' OR body = \(bind: body ?? ""))
                ORDER BY starts_at, id
                """).decodeAll(SittingRecord.self)
        }
    }

    /// The sitting of `body` (of commission `commissionID` for a commission) under way at `at`, the latest started if
    /// two overlap; none when it is cancelled.
    public func underWay(councilID: Int64, body: String, commissionID: Int64?, at: Double) async throws -> SittingRecord? {
        try await database.read { sql in
            try await sql.raw("""
                SELECT * FROM sittings WHERE council_id = \(bind: councilID) AND body = \(bind: body) AND status <> 'cancelled'
                AND starts_at <= \(bind: at) AND ends_at > \(bind: at)
                AND (\(bind: commissionID ?? -1) = -1 OR commission_id = \(bind: commissionID ?? -1))
                ORDER BY starts_at DESC, id DESC LIMIT 1
                """).decodeFirst(SittingRecord.self)
        }
    }

    /// Several sittings by number, of one council.
    public func find(ids: [Int64], councilID: Int64) async throws -> [SittingRecord] {
        guard !ids.isEmpty else { return [] }
        return try await database.read { sql in
            let list = SQLGroupExpression(SQLList(ids.map { SQLBind($0) }))
            return try await sql.raw("SELECT * FROM sittings WHERE id IN \(list) AND council_id = \(bind: councilID) ORDER BY id").decodeAll(SittingRecord.self)
        }
    }

    public func find(id: Int64, councilID: Int64) async throws -> SittingRecord? {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM sittings WHERE id = \(bind: id) AND council_id = \(bind: councilID)").decodeFirst(SittingRecord.self)
        }
    }

    public func create(councilID: Int64, _ fields: SittingFields, at: Double) async throws -> Int64 {
        try await database.withSQL { sql in
            try await sql.insert(into: "sittings")
                .columns("council_id", "body", "commission_id", "starts_at", "ends_at", "place", "remote_url", "status", "sequence", "created_at",
                         "updated_at")
                .values(SQLBind(councilID), SQLBind(fields.body), SQLBind(fields.commissionID), SQLBind(fields.startsAt), SQLBind(fields.endsAt),
                        SQLBind(fields.place), SQLBind(fields.remoteURL), SQLBind("planned"), SQLBind(0), SQLBind(at), SQLBind(at))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        }
    }

    /// Runs `change` on the sitting locked against other changes (its row updated first, so PostgreSQL holds it until
    /// the transaction ends; SQLite has one writer), after `check` has accepted its present state.
    func changing<T: Sendable>(id: Int64, councilID: Int64, bump: Bool, at: Double,
                               check: @Sendable (SittingRecord) -> String?, _ change: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await database.transaction { sql in
            // What calendars show changes the sequence and the time of the last change; attendance and proxies change
            // neither (the row is only claimed).
            let claim: SQLQueryString = bump
                ? "UPDATE sittings SET sequence = sequence + 1, updated_at = \(bind: at) WHERE id = \(bind: id) AND council_id = \(bind: councilID) RETURNING *"
                : "UPDATE sittings SET sequence = sequence WHERE id = \(bind: id) AND council_id = \(bind: councilID) RETURNING *"
            guard let sitting = try await sql.raw(claim).decodeFirst(SittingRecord.self) else { throw SittingChangeRefused.notFound }
            if let key = check(sitting) { throw SittingChangeRefused.refused(key) }
            return try await change(sql)
        }
    }

    /// Corrects the sitting's body, times and place.
    public func update(id: Int64, councilID: Int64, _ fields: SittingFields, at: Double, check: @Sendable @escaping (SittingRecord) -> String?) async throws {
        try await changing(id: id, councilID: councilID, bump: true, at: at, check: check) { sql in
            try await sql.update("sittings").set("body", to: fields.body).set("commission_id", to: SQLBind(fields.commissionID))
                .set("starts_at", to: fields.startsAt).set("ends_at", to: fields.endsAt).set("place", to: fields.place)
                .set("remote_url", to: SQLBind(fields.remoteURL)).where("id", .equal, id).run()
        }
    }

    /// Moves the sitting to `status` (`convened`, `cancelled`).
    public func setStatus(id: Int64, councilID: Int64, _ status: String, at: Double, check: @Sendable @escaping (SittingRecord) -> String?) async throws {
        try await changing(id: id, councilID: councilID, bump: true, at: at, check: check) { sql in
            try await sql.update("sittings").set("status", to: status).where("id", .equal, id).run()
        }
    }

    public func delete(id: Int64, councilID: Int64) async throws {
        try await database.withSQL { sql in
            try await sql.delete(from: "sittings").where("id", .equal, id).where("council_id", .equal, councilID).run()
        }
    }
}
