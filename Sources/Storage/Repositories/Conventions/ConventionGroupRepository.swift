import HemicycleDomain
import SQLKit

/// A working group of the convention: the name its proposals are drafted under and what it works on.
public struct WorkingGroupRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let conventionId: Int64
    public let name: String
    public let remit: String

    enum CodingKeys: String, CodingKey {
        case id
        case conventionId = "convention_id"
        case name, remit
    }
}

/// Someone heard by the convention in one of its sessions.
public struct HearingRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let sessionId: Int64
    public let person: String
    public let capacity: String
    public let topic: String

    enum CodingKeys: String, CodingKey {
        case id
        case sessionId = "session_id"
        case person, capacity, topic
    }
}

/// The convention's working groups and the hearings of its sessions, kept by the secretariat while the convention is
/// drawn (groups) or sits. Every write re-checks the convention's status in its transaction.
public struct ConventionGroupRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public func groups(conventionID: Int64) async throws -> [WorkingGroupRecord] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT id, convention_id, name, remit FROM convention_groups WHERE convention_id = \(bind: conventionID) ORDER BY id
                """).decodeAll(WorkingGroupRecord.self)
        }
    }

    /// Forms a working group; `StoreError.duplicateName` when the convention has one of that name.
    public func createGroup(conventionID: Int64, councilID: Int64, name: String, remit: String, at: Double) async throws -> Int64 {
        try await database.transaction { sql in
            try await ConventionRepository.claim(id: conventionID, councilID: councilID, statuses: ["drawn", "sitting"], on: sql)
            guard try await sql.raw("""
                SELECT id FROM convention_groups WHERE convention_id = \(bind: conventionID) AND name = \(bind: name)
                """).first() == nil else { throw StoreError.duplicateName }
            return try await sql.insert(into: "convention_groups").columns("convention_id", "name", "remit", "created_at")
                .values(SQLBind(conventionID), SQLBind(name), SQLBind(remit), SQLBind(at))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        }
    }

    /// Ends a working group (its proposals keep the name they were drafted under).
    public func removeGroup(id: Int64, conventionID: Int64, councilID: Int64) async throws {
        try await database.transaction { sql in
            try await ConventionRepository.claim(id: conventionID, councilID: councilID, statuses: ["drawn", "sitting"], on: sql)
            guard try await sql.raw("""
                DELETE FROM convention_groups WHERE id = \(bind: id) AND convention_id = \(bind: conventionID) RETURNING id
                """).first() != nil else { throw StoreError.notFound }
        }
    }

    public func hearings(conventionID: Int64) async throws -> [HearingRecord] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT id, session_id, person, capacity, topic FROM convention_hearings WHERE convention_id = \(bind: conventionID) ORDER BY id
                """).decodeAll(HearingRecord.self)
        }
    }

    /// Records a hearing in one of the convention's sessions while it sits; `StoreError.notFound` for another session.
    public func addHearing(conventionID: Int64, councilID: Int64, sessionID: Int64, person: String, capacity: String, topic: String,
                           at: Double) async throws -> Int64 {
        try await database.transaction { sql in
            try await ConventionRepository.claim(id: conventionID, councilID: councilID, statuses: ["sitting"], on: sql)
            guard try await sql.raw("""
                SELECT id FROM convention_sessions WHERE id = \(bind: sessionID) AND convention_id = \(bind: conventionID)
                """).first() != nil else { throw StoreError.notFound }
            return try await sql.insert(into: "convention_hearings")
                .columns("convention_id", "session_id", "person", "capacity", "topic", "created_at")
                .values(SQLBind(conventionID), SQLBind(sessionID), SQLBind(person), SQLBind(capacity), SQLBind(topic), SQLBind(at))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        }
    }

    public func removeHearing(id: Int64, conventionID: Int64, councilID: Int64) async throws {
        try await database.transaction { sql in
            try await ConventionRepository.claim(id: conventionID, councilID: councilID, statuses: ["sitting"], on: sql)
            guard try await sql.raw("""
                DELETE FROM convention_hearings WHERE id = \(bind: id) AND convention_id = \(bind: conventionID) RETURNING id
                """).first() != nil else { throw StoreError.notFound }
        }
    }
}
