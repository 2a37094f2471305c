import HemicycleDomain
import SQLKit

extension SittingRepository {
    public func items(sittingID: Int64) async throws -> [SittingItemRecord] {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM sitting_items WHERE sitting_id = \(bind: sittingID) ORDER BY position, id").decodeAll(SittingItemRecord.self)
        }
    }

    /// The agendas of several sittings at once, by sitting.
    public func items(sittingIDs: [Int64]) async throws -> [Int64: [SittingItemRecord]] {
        guard !sittingIDs.isEmpty else { return [:] }
        return try await database.read { sql in
            let ids = SQLGroupExpression(SQLList(sittingIDs.map { SQLBind($0) }))
            let rows = try await sql.raw("SELECT * FROM sitting_items WHERE sitting_id IN \(ids) ORDER BY sitting_id, position, id")
                .decodeAll(SittingItemRecord.self)
            return Dictionary(grouping: rows, by: \.sittingId)
        }
    }

    /// Adds an item at the end of the agenda (a change calendar programs apply: the agenda is in the event).
    public func addItem(sittingID: Int64, councilID: Int64, kind: String, workID: Int64?, title: LocalizedText, at: Double,
                        check: @Sendable @escaping (SittingRecord) -> String?) async throws -> Int64 {
        try await changing(id: sittingID, councilID: councilID, bump: true, at: at, check: check) { sql in
            let next = try await sql.raw("SELECT COALESCE(MAX(position), 0) + 1 AS next FROM sitting_items WHERE sitting_id = \(bind: sittingID)")
                .first(decodingColumn: "next", as: Int.self) ?? 1
            return try await sql.insert(into: "sitting_items")
                .columns("sitting_id", "position", "kind", "work_id", "title_fr", "title_ar", "title_en", "created_at")
                .values(SQLBind(sittingID), SQLBind(next), SQLBind(kind), SQLBind(workID), SQLBind(title[.fr]), SQLBind(title[.ar]),
                        SQLBind(title[.en]), SQLBind(at))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        }
    }

    public func removeItem(id: Int64, sittingID: Int64, councilID: Int64, at: Double, check: @Sendable @escaping (SittingRecord) -> String?) async throws {
        try await changing(id: sittingID, councilID: councilID, bump: true, at: at, check: check) { sql in
            // Its place in the agenda as shown (from 1), for OParl.
            let order = try await sql.raw("""
                SELECT COUNT(*) AS n FROM sitting_items WHERE sitting_id = \(bind: sittingID)
                AND position <= (SELECT position FROM sitting_items WHERE id = \(bind: id) AND sitting_id = \(bind: sittingID))
                """).first(decodingColumn: "n", as: Int.self)
            // Another sitting's item, or one already gone: nothing changes, the sequence included (the transaction is undone).
            guard try await sql.raw("DELETE FROM sitting_items WHERE id = \(bind: id) AND sitting_id = \(bind: sittingID) RETURNING id").first() != nil
            else { throw SittingChangeRefused.notFound }
            // A plenary sitting's agenda is public, in OParl too: its clients are told of the deletion.
            if let sitting = try await sql.raw("SELECT body, created_at FROM sittings WHERE id = \(bind: sittingID)").first(),
               try sitting.decode(column: "body", as: String.self) == "plenary" {
                try await OParlDeletionRepository.record(councilID: councilID, kind: "agendaItems", key: "\(id)",
                                                         createdAt: try sitting.decode(column: "created_at", as: Double.self), at: at, order: order, on: sql)
            }
        }
    }

    /// The sittings whose agenda names a work, in order of time.
    public func sittings(workID: Int64, councilID: Int64) async throws -> [SittingRecord] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT DISTINCT s.* FROM sittings s JOIN sitting_items i ON i.sitting_id = s.id
                WHERE i.work_id = \(bind: workID) AND s.council_id = \(bind: councilID) ORDER BY s.starts_at, s.id
                """).decodeAll(SittingRecord.self)
        }
    }
}
