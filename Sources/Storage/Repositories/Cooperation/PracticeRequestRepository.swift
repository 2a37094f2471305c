import HemicycleDomain
import SQLKit

/// A question a council asked its partners, as stored.
public struct PracticeRequestRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let councilId: Int64
    public let themeId: Int64?
    public let question: String
    public let details: String
    public let createdAt: Double

    enum CodingKeys: String, CodingKey {
        case id, question, details
        case councilId = "council_id", themeId = "theme_id", createdAt = "created_at"
    }
}

/// A note a partner gave in answer.
public struct PracticeAnswerRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let requestId: Int64
    public let noteId: Int64
    public let councilId: Int64
    public let createdAt: Double

    enum CodingKeys: String, CodingKey {
        case id
        case requestId = "request_id", noteId = "note_id", councilId = "council_id", createdAt = "created_at"
    }
}

/// The questions a council asks its partners and the notes they answer with. Who asks, reads and answers is the rules'
/// business (`PracticeRequestRules`); the store keeps the theme real and each answer a note of the council giving it.
public struct PracticeRequestRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// The council's questions, the latest first.
    public func all(councilID: Int64) async throws -> [PracticeRequestRecord] {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM practice_requests WHERE council_id = \(bind: councilID) ORDER BY created_at DESC, id DESC")
                .decodeAll(PracticeRequestRecord.self)
        }
    }

    public func find(id: Int64, councilID: Int64) async throws -> PracticeRequestRecord? {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM practice_requests WHERE id = \(bind: id) AND council_id = \(bind: councilID)")
                .decodeFirst(PracticeRequestRecord.self)
        }
    }

    /// Records a question; `StoreError.notFound` for a theme that is not in the instance's list.
    public func ask(councilID: Int64, themeID: Int64?, question: String, details: String, at: Double) async throws -> Int64 {
        try await database.transaction { sql in
            if let themeID {
                guard try await sql.raw("SELECT id FROM cooperation_themes WHERE id = \(bind: themeID)").first() != nil else { throw StoreError.notFound }
            }
            guard let id = try await sql.insert(into: "practice_requests").columns("council_id", "theme_id", "question", "details", "created_at")
                .values(SQLBind(councilID), SQLBind(themeID), SQLBind(question), SQLBind(details), SQLBind(at))
                .returning("id").first(decodingColumn: "id", as: Int64.self)
            else { throw StoreError.notFound }
            return id
        }
    }

    /// Withdraws a question; its answers go with it by their foreign key (the notes stay).
    public func withdraw(id: Int64, councilID: Int64) async throws {
        try await database.transaction { sql in
            guard try await sql.raw("DELETE FROM practice_requests WHERE id = \(bind: id) AND council_id = \(bind: councilID) RETURNING id").first() != nil
            else { throw StoreError.notFound }
        }
    }

    /// Gives `noteID` (a note of `answeringCouncilID`) in answer to the request; giving it again changes nothing (and
    /// returns false). `StoreError.notFound` when the request or a note of that council is not there.
    @discardableResult
    public func answer(requestID: Int64, noteID: Int64, answeringCouncilID: Int64, at: Double) async throws -> Bool {
        try await database.transaction { sql in
            guard try await sql.raw("SELECT id FROM practice_requests WHERE id = \(bind: requestID)").first() != nil,
                  try await sql.raw("SELECT id FROM practice_notes WHERE id = \(bind: noteID) AND council_id = \(bind: answeringCouncilID)").first() != nil
            else { throw StoreError.notFound }
            return try await sql.raw("""
                INSERT INTO practice_request_answers (request_id, note_id, council_id, created_at)
                VALUES (\(bind: requestID), \(bind: noteID), \(bind: answeringCouncilID), \(bind: at))
                ON CONFLICT (request_id, note_id) DO NOTHING RETURNING id
                """).first() != nil
        }
    }

    /// The notes given in answer to the council's requests, the earliest first, by request.
    public func answers(councilID: Int64) async throws -> [Int64: [PracticeAnswerRecord]] {
        try await database.read { sql in
            Dictionary(grouping: try await sql.raw("""
                SELECT a.* FROM practice_request_answers a JOIN practice_requests r ON r.id = a.request_id
                WHERE r.council_id = \(bind: councilID) ORDER BY a.created_at, a.id
                """).decodeAll(PracticeAnswerRecord.self), by: \.requestId)
        }
    }
}
