import Foundation
import SQLKit

extension MembershipRepository {
    /// When each of the council's seats began, current or ended, where it is recorded.
    public func seatedAt(councilID: Int64) async throws -> [Int64: Double] {
        try await database.read { sql in
            var result: [Int64: Double] = [:]
            for row in try await sql.raw("""
                SELECT id, seated_at FROM memberships WHERE council_id = \(bind: councilID) AND seated_at IS NOT NULL
                """).all() {
                result[try row.decode(column: "id", as: Int64.self)] = try row.decode(column: "seated_at", as: Double.self)
            }
            return result
        }
    }

    /// The council's seats whose holder erased their account: their names stay only on what they did in public.
    public func erasedSeats(councilID: Int64) async throws -> Set<Int64> {
        try await database.read { sql in
            Set(try await sql.raw("""
                SELECT m.id FROM memberships m JOIN accounts a ON a.id = m.account_id
                WHERE m.council_id = \(bind: councilID) AND a.deleted_at IS NOT NULL
                """).all(decodingColumn: "id", as: Int64.self))
        }
    }
}
