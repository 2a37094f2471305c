import HemicycleDomain
import SQLKit

/// A question of a consultation's questionnaire, as stored.
public struct ConsultationQuestionRecord: Sendable, Hashable {
    public let id: Int64
    /// `single`, `multiple` or `text`.
    public let kind: String
    public let prompt: String
    public let options: [String]
}

/// A consultation's questions and participants' answers. The questions change only before the consultation opens (so
/// that every answer answers the question as it is shown); answers only while it is open, each participant's in one
/// transaction.
public struct ConsultationQuestionnaireRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public func questions(consultationID: Int64) async throws -> [ConsultationQuestionRecord] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT id, kind, prompt, options FROM consultation_questions WHERE consultation_id = \(bind: consultationID) ORDER BY position
                """).all().map { row in
                ConsultationQuestionRecord(id: try row.decode(column: "id", as: Int64.self),
                                           kind: try row.decode(column: "kind", as: String.self), prompt: try row.decode(column: "prompt", as: String.self),
                                           options: try row.decode(column: "options", as: String.self).split(separator: "\n").map(String.init))
            }
        }
    }

    /// Adds a question after the others, before the consultation opens (`StoreError.stateChanged` after), within
    /// `limit` questions (`StoreError.full`).
    public func add(consultationID: Int64, councilID: Int64, kind: String, prompt: String, options: [String], limit: Int, at: Double) async throws -> Int64 {
        try await database.transaction { sql in
            try await Self.expectNotOpened(consultationID, councilID: councilID, at: at, on: sql)
            let row = try await sql.raw("""
                SELECT COUNT(*) AS n, MAX(position) AS last FROM consultation_questions WHERE consultation_id = \(bind: consultationID)
                """).first()
            guard (try row?.decode(column: "n", as: Int.self) ?? 0) < limit else { throw StoreError.full }
            let position = (try row?.decode(column: "last", as: Int?.self) ?? nil).map { $0 + 1 } ?? 0
            return try await sql.insert(into: "consultation_questions").columns("consultation_id", "position", "kind", "prompt", "options", "created_at")
                .values(SQLBind(consultationID), SQLBind(position), SQLBind(kind), SQLBind(prompt), SQLBind(options.joined(separator: "\n")), SQLBind(at))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        }
    }

    /// Removes a question before the consultation opens.
    public func remove(questionID: Int64, consultationID: Int64, councilID: Int64, at: Double) async throws {
        try await database.transaction { sql in
            try await Self.expectNotOpened(consultationID, councilID: councilID, at: at, on: sql)
            guard try await sql.delete(from: "consultation_questions").where("id", .equal, questionID).where("consultation_id", .equal, consultationID)
                .returning("id").first() != nil else { throw StoreError.notFound }
        }
    }

    /// A participant's answers, replacing their earlier ones: a question left blank (nil) has no answer. Only while
    /// the consultation is open; a question of another consultation is `StoreError.notFound`.
    public func answer(consultationID: Int64, participantID: Int64, _ answers: [Int64: String?], at: Double) async throws {
        try await database.transaction { sql in
            try await ConsultationStatementRepository.expectOpen(consultationID, at: at, on: sql)
            let own = Set(try await sql.raw("SELECT id FROM consultation_questions WHERE consultation_id = \(bind: consultationID)")
                .all(decodingColumn: "id", as: Int64.self))
            guard Set(answers.keys).isSubset(of: own) else { throw StoreError.notFound }
            for (question, value) in answers.sorted(by: { $0.key < $1.key }) {
                if let value {
                    try await sql.raw("""
                        INSERT INTO consultation_answers (question_id, participant_id, value, answered_at)
                        VALUES (\(bind: question), \(bind: participantID), \(bind: value), \(bind: at))
                        ON CONFLICT (question_id, participant_id) DO UPDATE SET value = excluded.value, answered_at = excluded.answered_at
                        """).run()
                } else {
                    try await sql.delete(from: "consultation_answers").where("question_id", .equal, question)
                        .where("participant_id", .equal, participantID).run()
                }
            }
        }
    }

    /// A participant's answers, by question.
    public func answers(consultationID: Int64, participantID: Int64) async throws -> [Int64: String] {
        try await database.read { sql in
            let rows = try await sql.raw("""
                SELECT a.question_id, a.value FROM consultation_answers a JOIN consultation_questions q ON q.id = a.question_id
                WHERE q.consultation_id = \(bind: consultationID) AND a.participant_id = \(bind: participantID)
                """).all()
            return Dictionary(try rows.map { (try $0.decode(column: "question_id", as: Int64.self), try $0.decode(column: "value", as: String.self)) },
                              uniquingKeysWith: { first, _ in first })
        }
    }

    /// Each question's answers counted in the database by value: each distinct set of options chosen, and for a
    /// free-answer question every text under one empty value (how many answered it).
    public func counts(consultationID: Int64) async throws -> [Int64: [String: Int]] {
        try await database.read { sql in
            let rows = try await sql.raw("""
                SELECT a.question_id, CASE WHEN q.kind = 'text' THEN '' ELSE a.value END AS value, COUNT(*) AS n
                FROM consultation_answers a JOIN consultation_questions q ON q.id = a.question_id
                WHERE q.consultation_id = \(bind: consultationID)
                GROUP BY a.question_id, CASE WHEN q.kind = 'text' THEN '' ELSE a.value END
                """).all()
            var counts: [Int64: [String: Int]] = [:]
            for row in rows {
                counts[try row.decode(column: "question_id", as: Int64.self), default: [:]][try row.decode(column: "value", as: String.self)] =
                    try row.decode(column: "n", as: Int.self)
            }
            return counts
        }
    }

    /// How many participants answered at least one question.
    public func respondents(consultationID: Int64) async throws -> Int {
        try await database.read { sql in
            try await sql.raw("""
                SELECT COUNT(DISTINCT a.participant_id) AS n FROM consultation_answers a JOIN consultation_questions q ON q.id = a.question_id
                WHERE q.consultation_id = \(bind: consultationID)
                """).first(decodingColumn: "n", as: Int.self) ?? 0
        }
    }

    /// The latest answers to a text question, for the secretariat.
    public func texts(questionID: Int64, limit: Int) async throws -> [String] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT value FROM consultation_answers WHERE question_id = \(bind: questionID) ORDER BY answered_at DESC, participant_id DESC
                LIMIT \(literal: limit)
                """).all(decodingColumn: "value", as: String.self)
        }
    }

    /// Questions change in a consultation that has not opened yet (a draft, or published and announced) and that
    /// nobody answered: an opening moved later does not let a question and its answers go.
    static func expectNotOpened(_ consultationID: Int64, councilID: Int64, at: Double, on sql: any SQLDatabase) async throws {
        try await ConsultationRepository.claim(id: consultationID, councilID: councilID, on: sql)
        guard try await sql.raw("""
            SELECT id FROM consultations WHERE id = \(bind: consultationID) AND (published = \(bind: false) OR opens_at > \(bind: at))
            AND NOT EXISTS (SELECT 1 FROM consultation_answers a JOIN consultation_questions q ON q.id = a.question_id
            WHERE q.consultation_id = \(bind: consultationID))
            """).first() != nil else { throw StoreError.stateChanged }
    }
}
