import Foundation
import HemicycleDomain
import SQLKit

/// The opinion maps the worker computes: which consultations are behind, who computes each (a lease, so several
/// workers share the consultations and never compute one twice), and the last map of each as the pages read it.
public struct ConsultationMapRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// Published consultations with how far their map goes and how far their votes and statements have gone
    /// (the last vote from the log's index, one lookup per consultation).
    public func states() async throws -> [ConsultationMapState] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT m.consultation_id, m.through_vote, m.statements_version AS map_version, c.statements_version, m.computed_at, c.closes_at,
                (SELECT MAX(l.id) FROM consultation_vote_log l WHERE l.consultation_id = c.id) AS last_vote
                FROM consultation_maps m JOIN consultations c ON c.id = m.consultation_id WHERE c.published = \(bind: true)
                """).all().map {
                ConsultationMapState(
                    consultationID: try $0.decode(column: "consultation_id", as: Int64.self), throughVote: try $0.decode(column: "through_vote", as: Int64.self),
                    mapStatementsVersion: try $0.decode(column: "map_version", as: Int64.self),
                    lastVote: try $0.decode(column: "last_vote", as: Int64?.self) ?? 0,
                    statementsVersion: try $0.decode(column: "statements_version", as: Int64.self),
                    computedAt: try $0.decode(column: "computed_at", as: Double?.self), closesAt: try $0.decode(column: "closes_at", as: Double.self))
            }
        }
    }

    /// Takes (or keeps) the consultation for `worker` until `until`, unless another worker holds an unexpired lease.
    public func claim(consultationID: Int64, worker: String, now: Double, until: Double) async throws -> Bool {
        try await database.transaction { sql in
            try await sql.raw("""
                UPDATE consultation_maps SET worker = \(bind: worker), lease_until = \(bind: until)
                WHERE consultation_id = \(bind: consultationID) AND (worker = \(bind: worker) OR worker IS NULL OR lease_until < \(bind: now))
                RETURNING consultation_id
                """).first() != nil
        }
    }

    /// Gives the consultations back (a worker stopping cleanly).
    public func release(worker: String) async throws {
        try await database.transaction { sql in
            try await sql.update("consultation_maps").set("worker", to: SQLLiteral.null).set("lease_until", to: 0.0)
                .where("worker", .equal, worker).run()
        }
    }

    /// Stores a map computed by `worker`, only while it holds the consultation.
    public func store(consultationID: Int64, snapshot: String, throughVote: Int64, statementsVersion: Int64, worker: String,
                      at: Double) async throws -> Bool {
        try await database.transaction { sql in
            try await sql.update("consultation_maps")
                .set("snapshot", to: snapshot).set("through_vote", to: throughVote).set("statements_version", to: statementsVersion)
                .set("computed_at", to: at)
                .where("consultation_id", .equal, consultationID).where("worker", .equal, worker)
                .returning("consultation_id").first() != nil
        }
    }

    /// The last map stored: its JSON, when it was computed and the last vote it includes.
    public func snapshot(consultationID: Int64) async throws -> (json: String, computedAt: Double, throughVote: Int64)? {
        try await database.read { sql in
            guard let row = try await sql.raw("""
                SELECT snapshot, computed_at, through_vote FROM consultation_maps WHERE consultation_id = \(bind: consultationID)
                """).first(), let json = try row.decode(column: "snapshot", as: String?.self),
                let at = try row.decode(column: "computed_at", as: Double?.self) else { return nil }
            return (json, at, try row.decode(column: "through_vote", as: Int64.self))
        }
    }

    /// When the consultation's last map was computed, and the last vote it includes (for the page's freshness check).
    public func computedAt(consultationID: Int64) async throws -> (computedAt: Double?, throughVote: Int64) {
        try await database.read { sql in
            let row = try await sql.raw("""
                SELECT computed_at, through_vote FROM consultation_maps WHERE consultation_id = \(bind: consultationID)
                """).first()
            return (try row?.decode(column: "computed_at", as: Double?.self) ?? nil, try row?.decode(column: "through_vote", as: Int64.self) ?? 0)
        }
    }

    /// How many votes of the consultation's log have an identifier above `after` (all of them with 0).
    public func logCount(consultationID: Int64, after: Int64) async throws -> Int {
        try await database.read { sql in
            try await sql.raw("""
                SELECT COUNT(*) AS n FROM consultation_vote_log WHERE consultation_id = \(bind: consultationID) AND id > \(bind: after)
                """).first(decodingColumn: "n", as: Int.self) ?? 0
        }
    }

    /// How many votes of the consultation's log were cast at `since` or later (the map worker's check that no vote
    /// committed late below the last one it read).
    public func logCount(consultationID: Int64, since: Double) async throws -> Int {
        try await database.read { sql in
            try await sql.raw("""
                SELECT COUNT(*) AS n FROM consultation_vote_log WHERE consultation_id = \(bind: consultationID) AND voted_at >= \(bind: since)
                """).first(decodingColumn: "n", as: Int.self) ?? 0
        }
    }

    /// The consultation's moderation mode, which decides which statements the map includes.
    public func moderation(consultationID: Int64) async throws -> String? {
        try await database.read { sql in
            try await sql.raw("SELECT moderation FROM consultations WHERE id = \(bind: consultationID)").first(decodingColumn: "moderation", as: String.self)
        }
    }
}
