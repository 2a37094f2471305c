import HemicycleDomain
import SQLKit

/// A sitting's minutes, as stored.
public struct SittingMinutesRecord: Sendable, Hashable, Decodable {
    public let sittingId: Int64
    public let language: String
    public let body: String
    /// `draft`, `approved` or `published`.
    public let status: String
    public let approvedAtSittingId: Int64?
    public let updatedAt: Double
    public let publishedAt: Double?

    enum CodingKeys: String, CodingKey {
        case language, body, status
        case sittingId = "sitting_id", approvedAtSittingId = "approved_at_sitting_id", updatedAt = "updated_at", publishedAt = "published_at"
    }
}

extension SittingRepository {
    public func minutes(sittingID: Int64) async throws -> SittingMinutesRecord? {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM sitting_minutes WHERE sitting_id = \(bind: sittingID)").decodeFirst(SittingMinutesRecord.self)
        }
    }

    /// Writes the draft (created the first time), once `check` accepts the minutes as they are.
    public func writeMinutes(sittingID: Int64, councilID: Int64, language: String, body: String, at: Double,
                             check: @Sendable @escaping (SittingMinutesRecord?) -> String?) async throws {
        try await changing(id: sittingID, councilID: councilID, bump: false, at: at, check: { _ in nil }) { sql in
            let current = try await sql.raw("SELECT * FROM sitting_minutes WHERE sitting_id = \(bind: sittingID)").decodeFirst(SittingMinutesRecord.self)
            if let key = check(current) { throw SittingChangeRefused.refused(key) }
            if current == nil {
                try await sql.insert(into: "sitting_minutes").columns("sitting_id", "language", "body", "status", "updated_at")
                    .values(SQLBind(sittingID), SQLBind(language), SQLBind(body), SQLBind("draft"), SQLBind(at)).run()
            } else {
                try await sql.update("sitting_minutes").set("language", to: language).set("body", to: body).set("updated_at", to: at)
                    .where("sitting_id", .equal, sittingID).run()
            }
        }
    }

    /// Moves the minutes to `status` (`approved` at `approvedAt`, or `published`), once `check` accepts them.
    public func moveMinutes(sittingID: Int64, councilID: Int64, to status: String, approvedAt: Int64? = nil, at: Double,
                            check: @Sendable @escaping (SittingMinutesRecord?) -> String?) async throws {
        try await changing(id: sittingID, councilID: councilID, bump: false, at: at, check: { _ in nil }) { sql in
            let current = try await sql.raw("SELECT * FROM sitting_minutes WHERE sitting_id = \(bind: sittingID)").decodeFirst(SittingMinutesRecord.self)
            if let key = check(current) { throw SittingChangeRefused.refused(key) }
            var update = sql.update("sitting_minutes").set("status", to: status).set("updated_at", to: at)
            if let approvedAt { update = update.set("approved_at_sitting_id", to: approvedAt) }
            if status == "published" { update = update.set("published_at", to: at) }
            try await update.where("sitting_id", .equal, sittingID).run()
        }
    }
}

/// A ballot held at a sitting, with its work's title and status and its result.
public struct SittingBallot: Sendable, Hashable {
    public let id: Int64
    public let workID: Int64
    public let workStatus: String
    public let title: LocalizedText
    /// The amendment's number, for a vote on an amendment.
    public let amendmentNumber: Int?
    public let closedAt: Double?
    public let adopted: Bool?
}

extension SittingRepository {
    /// The ballots held at a sitting, in the order they were opened.
    public func ballots(sittingID: Int64) async throws -> [SittingBallot] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT b.id, b.work_id, w.status, w.title_fr, w.title_ar, w.title_en, a.number, b.closed_at, b.adopted
                FROM ballots b JOIN works w ON w.id = b.work_id LEFT JOIN amendments a ON a.id = b.amendment_id
                WHERE b.sitting_id = \(bind: sittingID) ORDER BY b.opened_at, b.id
                """).all().map { row in
                SittingBallot(id: try row.decode(column: "id", as: Int64.self), workID: try row.decode(column: "work_id", as: Int64.self),
                              workStatus: try row.decode(column: "status", as: String.self),
                              title: LocalizedText(fr: try row.decode(column: "title_fr", as: String?.self), ar: try row.decode(column: "title_ar", as: String?.self),
                                                   en: try row.decode(column: "title_en", as: String?.self)),
                              amendmentNumber: try row.decode(column: "number", as: Int?.self),
                              closedAt: try row.decode(column: "closed_at", as: Double?.self), adopted: try row.decode(column: "adopted", as: Bool?.self))
            }
        }
    }
}

extension SittingRepository {
    /// Ties to a sitting the ballots of `workID` in `body` opened during it (for records made before sittings were).
    public func attachBallots(workID: Int64, body: String, sittingID: Int64, from: Double, to: Double) async throws {
        try await database.withSQL { sql in
            try await sql.raw("""
                UPDATE ballots SET sitting_id = \(bind: sittingID) WHERE work_id = \(bind: workID) AND body = \(bind: body)
                AND opened_at >= \(bind: from) AND opened_at < \(bind: to)
                """).run()
        }
    }
}
