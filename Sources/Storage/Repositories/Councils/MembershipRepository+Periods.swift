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
}
