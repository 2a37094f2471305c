import Foundation
import SQLKit

extension MembershipRepository {
    /// How many times the seat's private calendar address was reset (0 for a seat not found).
    public func calendarGeneration(seatID: Int64, councilID: Int64) async throws -> Int {
        try await database.read { sql in
            try await sql.raw("SELECT calendar_generation FROM memberships WHERE id = \(bind: seatID) AND council_id = \(bind: councilID)")
                .first(decodingColumn: "calendar_generation", as: Int.self) ?? 0
        }
    }

    /// Ends the seat's private calendar address: the next one is signed with a new generation. False when the seat is
    /// not the council's current one.
    public func resetCalendar(seatID: Int64, councilID: Int64) async throws -> Bool {
        try await database.withSQL { sql in
            let rows = try await sql.raw("""
                UPDATE memberships SET calendar_generation = calendar_generation + 1
                WHERE id = \(bind: seatID) AND council_id = \(bind: councilID) AND ended_at IS NULL RETURNING id
                """).all()
            return !rows.isEmpty
        }
    }
}
