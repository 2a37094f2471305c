import HemicycleDomain
import SQLKit

extension SittingRepository {
    /// What is recorded of each seat's attendance (`present`, `remote`, `excused`, `absent`).
    public func attendance(sittingID: Int64) async throws -> [Int64: String] {
        try await database.read { sql in
            var result: [Int64: String] = [:]
            for row in try await sql.raw("SELECT membership_id, status FROM sitting_attendance WHERE sitting_id = \(bind: sittingID)").all() {
                result[try row.decode(column: "membership_id", as: Int64.self)] = try row.decode(column: "status", as: String.self)
            }
            return result
        }
    }

    /// Records the attendance of the seats given (each replaces what was recorded for that seat; a seat given no
    /// status is forgotten), once `check` accepts the sitting.
    public func recordAttendance(sittingID: Int64, councilID: Int64, _ statuses: [Int64: String?], at: Double,
                                 check: @Sendable @escaping (SittingRecord) -> String?) async throws {
        try await changing(id: sittingID, councilID: councilID, bump: false, at: at, check: check) { sql in
            for (seat, status) in statuses.sorted(by: { $0.key < $1.key }) {
                try await sql.delete(from: "sitting_attendance").where("sitting_id", .equal, sittingID).where("membership_id", .equal, seat).run()
                if let status {
                    try await sql.insert(into: "sitting_attendance").columns("sitting_id", "membership_id", "status", "recorded_at")
                        .values(SQLBind(sittingID), SQLBind(seat), SQLBind(status), SQLBind(at)).run()
                }
            }
        }
    }

    public func proxies(sittingID: Int64) async throws -> [SittingProxyRecord] {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM sitting_proxies WHERE sitting_id = \(bind: sittingID) ORDER BY id").decodeAll(SittingProxyRecord.self)
        }
    }

    /// Records a proxy once `check` accepts it beside the sitting's proxies and attendance as they are in the
    /// transaction (two proxies sent at once never both pass a rule that allows one).
    public func addProxy(sittingID: Int64, councilID: Int64, giver: Int64, holder: Int64, ballotID: Int64?, at: Double,
                         check: @Sendable @escaping (SittingRecord, [SittingProxyRecord], [Int64: String]) -> String?) async throws -> Int64 {
        try await changing(id: sittingID, councilID: councilID, bump: false, at: at, check: { _ in nil }) { sql in
            guard let sitting = try await sql.raw("SELECT * FROM sittings WHERE id = \(bind: sittingID)").decodeFirst(SittingRecord.self) else {
                throw SittingChangeRefused.notFound
            }
            let proxies = try await sql.raw("SELECT * FROM sitting_proxies WHERE sitting_id = \(bind: sittingID) ORDER BY id")
                .decodeAll(SittingProxyRecord.self)
            var attendance: [Int64: String] = [:]
            for row in try await sql.raw("SELECT membership_id, status FROM sitting_attendance WHERE sitting_id = \(bind: sittingID)").all() {
                attendance[try row.decode(column: "membership_id", as: Int64.self)] = try row.decode(column: "status", as: String.self)
            }
            if let key = check(sitting, proxies, attendance) { throw SittingChangeRefused.refused(key) }
            return try await sql.insert(into: "sitting_proxies").columns("sitting_id", "giver_id", "holder_id", "ballot_id", "created_at")
                .values(SQLBind(sittingID), SQLBind(giver), SQLBind(holder), SQLBind(ballotID), SQLBind(at))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        }
    }

    /// Withdraws a proxy once `check` accepts it.
    public func removeProxy(id: Int64, sittingID: Int64, councilID: Int64, at: Double,
                            check: @Sendable @escaping (SittingRecord, SittingProxyRecord) -> String?) async throws {
        try await changing(id: sittingID, councilID: councilID, bump: false, at: at, check: { _ in nil }) { sql in
            guard let sitting = try await sql.raw("SELECT * FROM sittings WHERE id = \(bind: sittingID)").decodeFirst(SittingRecord.self),
                  let proxy = try await sql.raw("SELECT * FROM sitting_proxies WHERE id = \(bind: id) AND sitting_id = \(bind: sittingID)")
                      .decodeFirst(SittingProxyRecord.self) else { throw SittingChangeRefused.notFound }
            if let key = check(sitting, proxy) { throw SittingChangeRefused.refused(key) }
            try await sql.delete(from: "sitting_proxies").where("id", .equal, id).run()
        }
    }
}

/// How a group's members attended one plenary sitting.
public struct GroupAttendance: Sendable, Hashable {
    public let sitting: SittingRecord
    /// The group's members recorded at the sitting, and those of them present or remote.
    public let recorded: Int
    public let takingPart: Int
}

extension SittingRepository {
    /// The latest plenary sittings (not cancelled) where the attendance of members of `groupID` is recorded, newest
    /// first, with how many of them took part.
    public func groupAttendance(groupID: Int64, councilID: Int64, limit: Int) async throws -> [GroupAttendance] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT s.*, COUNT(a.membership_id) AS recorded,
                       SUM(CASE WHEN a.status IN ('present', 'remote') THEN 1 ELSE 0 END) AS taking_part
                FROM sittings s JOIN sitting_attendance a ON a.sitting_id = s.id JOIN memberships m ON m.id = a.membership_id
                WHERE s.council_id = \(bind: councilID) AND s.body = 'plenary' AND s.status <> 'cancelled' AND m.group_id = \(bind: groupID)
                GROUP BY s.id ORDER BY s.starts_at DESC, s.id DESC LIMIT \(unsafeRaw: "\(limit)")
                """).all().map { row in
                GroupAttendance(sitting: try row.decodeModel(SittingRecord.self), recorded: try row.decode(column: "recorded", as: Int.self),
                                takingPart: try row.decode(column: "taking_part", as: Int.self))
            }
        }
    }
}
