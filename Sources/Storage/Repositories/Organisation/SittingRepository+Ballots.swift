import HemicycleDomain
import SQLKit

/// The sittings a work item's ballots were held at, with their proxies and attendance.
public struct BallotSittings: Sendable {
    public let sittings: [SittingRecord]
    /// By sitting, in the order they were given.
    public let proxies: [Int64: [SittingProxyRecord]]
    /// By sitting: each seat's recorded status.
    public let attendance: [Int64: [Int64: String]]
}

extension SittingRepository {
    /// The council's sittings at which the work item's ballots were held, their proxies and their attendance: three
    /// queries whatever the number of sittings.
    public func held(workID: Int64, councilID: Int64) async throws -> BallotSittings {
        try await database.read { sql in
            let sittings = try await sql.raw("""
                SELECT * FROM sittings WHERE council_id = \(bind: councilID)
                AND id IN (SELECT sitting_id FROM ballots WHERE work_id = \(bind: workID)) ORDER BY id
                """).decodeAll(SittingRecord.self)
            guard !sittings.isEmpty else { return BallotSittings(sittings: [], proxies: [:], attendance: [:]) }
            var proxies: [Int64: [SittingProxyRecord]] = [:]
            for proxy in try await sql.raw("""
                SELECT p.* FROM sitting_proxies p JOIN sittings s ON s.id = p.sitting_id
                WHERE s.council_id = \(bind: councilID) AND p.sitting_id IN (SELECT sitting_id FROM ballots WHERE work_id = \(bind: workID))
                ORDER BY p.sitting_id, p.id
                """).decodeAll(SittingProxyRecord.self) {
                proxies[proxy.sittingId, default: []].append(proxy)
            }
            var attendance: [Int64: [Int64: String]] = [:]
            for row in try await sql.raw("""
                SELECT a.sitting_id, a.membership_id, a.status FROM sitting_attendance a JOIN sittings s ON s.id = a.sitting_id
                WHERE s.council_id = \(bind: councilID) AND a.sitting_id IN (SELECT sitting_id FROM ballots WHERE work_id = \(bind: workID))
                """).all() {
                attendance[try row.decode(column: "sitting_id", as: Int64.self), default: [:]][try row.decode(column: "membership_id", as: Int64.self)] =
                    try row.decode(column: "status", as: String.self)
            }
            return BallotSittings(sittings: sittings, proxies: proxies, attendance: attendance)
        }
    }
}
