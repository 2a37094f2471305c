import HemicycleDomain
import SQLKit

/// A statement put to the convention's members for the opinion map.
public struct StatementRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let number: Int
    public let text: String
    /// The seat of the member who wrote it; nil for the secretariat's.
    public let panelId: Int64?
    public let hidden: Bool

    enum CodingKeys: String, CodingKey {
        case id, number, text
        case panelId = "panel_id"
        case hidden
    }
}

/// A member's vote on a statement, as the opinion map reads it: by seat, never by name.
public struct StatementVoteRecord: Sendable, Hashable {
    public let statementID: Int64
    public let panelID: Int64
    /// 1 agree, 0 pass, -1 disagree.
    public let vote: Int
    public let votedAt: Double
}

/// The statements the convention's members vote on while it sits, and their votes. Every write re-checks the
/// convention's status, the seat and the statement in its transaction.
public struct ConventionStatementRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public func statements(conventionID: Int64) async throws -> [StatementRecord] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT id, number, text, panel_id, hidden FROM convention_statements WHERE convention_id = \(bind: conventionID) ORDER BY number
                """).decodeAll(StatementRecord.self)
        }
    }

    /// A statement written by the secretariat (`panelID` nil) or a seated member, while the convention sits.
    public func add(conventionID: Int64, councilID: Int64, text: String, panelID: Int64?, at: Double) async throws -> Int64 {
        try await database.transaction { sql in
            try await ConventionRepository.claim(id: conventionID, councilID: councilID, statuses: ["sitting"], on: sql)
            if let panelID { try await Self.expectSeated(panelID, conventionID, on: sql) }
            let number = (try await sql.raw("SELECT MAX(number) AS n FROM convention_statements WHERE convention_id = \(bind: conventionID)")
                .first(decodingColumn: "n", as: Int?.self) ?? nil) ?? 0
            return try await sql.insert(into: "convention_statements")
                .columns("convention_id", "number", "text", "panel_id", "hidden", "created_at")
                .values(SQLBind(conventionID), SQLBind(number + 1), SQLBind(text), SQLBind(panelID), SQLBind(false), SQLBind(at))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        }
    }

    /// Hides a statement (off topic, or saying the same as another): it leaves the map and takes no more votes.
    public func hide(id: Int64, conventionID: Int64, councilID: Int64) async throws {
        try await database.transaction { sql in
            try await ConventionRepository.claim(id: conventionID, councilID: councilID, statuses: ["sitting"], on: sql)
            guard try await sql.raw("""
                UPDATE convention_statements SET hidden = \(bind: true) WHERE id = \(bind: id) AND convention_id = \(bind: conventionID) RETURNING id
                """).first() != nil else { throw StoreError.notFound }
        }
    }

    /// A seated member's vote on a statement shown; voted again, it replaces the earlier one.
    public func vote(statementID: Int64, conventionID: Int64, councilID: Int64, panelID: Int64, vote: Int, at: Double) async throws {
        try await database.transaction { sql in
            try await ConventionRepository.claim(id: conventionID, councilID: councilID, statuses: ["sitting"], on: sql)
            guard try await sql.raw("""
                SELECT id FROM convention_statements WHERE id = \(bind: statementID) AND convention_id = \(bind: conventionID) AND hidden = \(bind: false)
                """).first() != nil else { throw StoreError.notFound }
            try await Self.expectSeated(panelID, conventionID, on: sql)
            try await sql.raw("""
                INSERT INTO convention_statement_votes (statement_id, panel_id, vote, voted_at)
                VALUES (\(bind: statementID), \(bind: panelID), \(bind: vote), \(bind: at))
                ON CONFLICT (statement_id, panel_id) DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at
                """).run()
        }
    }

    /// Votes of several seated members on a statement shown, entered together (the demo's history), all or none.
    public func vote(statementID: Int64, conventionID: Int64, councilID: Int64, votes: [(panelID: Int64, vote: Int)], at: Double) async throws {
        try await database.transaction { sql in
            try await ConventionRepository.claim(id: conventionID, councilID: councilID, statuses: ["sitting"], on: sql)
            guard try await sql.raw("""
                SELECT id FROM convention_statements WHERE id = \(bind: statementID) AND convention_id = \(bind: conventionID) AND hidden = \(bind: false)
                """).first() != nil else { throw StoreError.notFound }
            let seated = Set(try await sql.raw("""
                SELECT id FROM convention_panel WHERE convention_id = \(bind: conventionID) AND refused_at IS NULL
                """).all(decodingColumn: "id", as: Int64.self))
            guard votes.allSatisfy({ seated.contains($0.panelID) && (-1...1).contains($0.vote) }),
                  Set(votes.map(\.panelID)).count == votes.count else { throw StoreError.notEligible }
            try await sql.delete(from: "convention_statement_votes").where("statement_id", .equal, statementID)
                .where("panel_id", .in, votes.map(\.panelID)).run()
            for batch in stride(from: 0, to: votes.count, by: 500).map({ votes[$0..<min($0 + 500, votes.count)] }) {
                var insert = sql.insert(into: "convention_statement_votes").columns("statement_id", "panel_id", "vote", "voted_at")
                for entry in batch { insert = insert.values(SQLBind(statementID), SQLBind(entry.panelID), SQLBind(entry.vote), SQLBind(at)) }
                try await insert.run()
            }
        }
    }

    /// Every vote on the convention's statements by a member still seated (one who declined leaves the map), by seat.
    public func votes(conventionID: Int64) async throws -> [StatementVoteRecord] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT v.statement_id, v.panel_id, v.vote, v.voted_at FROM convention_statement_votes v
                JOIN convention_statements s ON s.id = v.statement_id JOIN convention_panel p ON p.id = v.panel_id
                WHERE s.convention_id = \(bind: conventionID) AND p.refused_at IS NULL
                ORDER BY v.voted_at, v.statement_id, v.panel_id
                """).all().map {
                StatementVoteRecord(statementID: try $0.decode(column: "statement_id", as: Int64.self),
                                    panelID: try $0.decode(column: "panel_id", as: Int64.self), vote: try $0.decode(column: "vote", as: Int.self),
                                    votedAt: try $0.decode(column: "voted_at", as: Double.self))
            }
        }
    }

    static func expectSeated(_ panelID: Int64, _ conventionID: Int64, on sql: any SQLDatabase) async throws {
        try await ConventionSittingRepository.expectSeated(panelID, conventionID, on: sql)
    }
}
