import HemicycleDomain
import SQLKit

/// A practice note, as stored.
public struct PracticeNoteRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let councilId: Int64
    public let themeId: Int64?
    public let language: String
    public let title: String
    public let summary: String
    public let body: String
    public let maturity: String
    public let audience: String
    public let networkId: Int64?
    public let createdAt: Double
    public let updatedAt: Double

    enum CodingKeys: String, CodingKey {
        case id, language, title, summary, body, maturity, audience
        case councilId = "council_id", themeId = "theme_id", networkId = "network_id", createdAt = "created_at", updatedAt = "updated_at"
    }
}

public struct PracticeNoteFields: Sendable {
    public var themeID: Int64?
    public var language: String
    public var title: String
    public var summary: String
    public var body: String
    public var maturity: String
    public var audience: String
    public var networkID: Int64?

    public init(themeID: Int64?, language: String, title: String, summary: String, body: String, maturity: String, audience: String, networkID: Int64?) {
        self.themeID = themeID
        self.language = language
        self.title = title
        self.summary = summary
        self.body = body
        self.maturity = maturity
        self.audience = audience
        self.networkID = networkID
    }
}

/// A council's practice notes. Who may read each is the rules' business (`PracticeRules`); the store keeps the
/// theme and the network real (`StoreError.notFound` otherwise).
public struct PracticeNoteRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// The council's notes, the latest first.
    public func all(councilID: Int64) async throws -> [PracticeNoteRecord] {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM practice_notes WHERE council_id = \(bind: councilID) ORDER BY updated_at DESC, id DESC")
                .decodeAll(PracticeNoteRecord.self)
        }
    }

    /// Every council's notes, the latest first (for the library of the whole instance; who reads which is the rules' business).
    public func all() async throws -> [PracticeNoteRecord] {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM practice_notes ORDER BY updated_at DESC, id DESC").decodeAll(PracticeNoteRecord.self)
        }
    }

    public func find(id: Int64, councilID: Int64) async throws -> PracticeNoteRecord? {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM practice_notes WHERE id = \(bind: id) AND council_id = \(bind: councilID)").decodeFirst(PracticeNoteRecord.self)
        }
    }

    public func create(councilID: Int64, _ fields: PracticeNoteFields, at: Double) async throws -> Int64 {
        try await database.transaction { sql in
            try await Self.check(fields, on: sql)
            guard let id = try await sql.insert(into: "practice_notes")
                .columns("council_id", "theme_id", "language", "title", "summary", "body", "maturity", "audience", "network_id", "created_at", "updated_at")
                .values(SQLBind(councilID), SQLBind(fields.themeID), SQLBind(fields.language), SQLBind(fields.title), SQLBind(fields.summary),
                        SQLBind(fields.body), SQLBind(fields.maturity), SQLBind(fields.audience), SQLBind(fields.networkID), SQLBind(at), SQLBind(at))
                .returning("id").first(decodingColumn: "id", as: Int64.self)
            else { throw StoreError.notFound }
            try await PracticeNoteText.write(noteID: id, language: fields.language, title: fields.title, summary: fields.summary, body: fields.body, on: sql)
            return id
        }
    }

    public func update(id: Int64, councilID: Int64, _ fields: PracticeNoteFields, at: Double) async throws {
        try await database.transaction { sql in
            try await Self.check(fields, on: sql)
            guard try await sql.raw("""
                UPDATE practice_notes SET theme_id = \(bind: fields.themeID), language = \(bind: fields.language), title = \(bind: fields.title),
                summary = \(bind: fields.summary), body = \(bind: fields.body), maturity = \(bind: fields.maturity), audience = \(bind: fields.audience),
                network_id = \(bind: fields.networkID), updated_at = \(bind: at) WHERE id = \(bind: id) AND council_id = \(bind: councilID) RETURNING id
                """).first() != nil else { throw StoreError.notFound }
            try await PracticeNoteText.write(noteID: id, language: fields.language, title: fields.title, summary: fields.summary, body: fields.body, on: sql)
        }
    }

    public func delete(id: Int64, councilID: Int64) async throws {
        try await database.transaction { sql in
            guard try await sql.raw("DELETE FROM practice_notes WHERE id = \(bind: id) AND council_id = \(bind: councilID) RETURNING id").first() != nil
            else { throw StoreError.notFound }
            // Shared by name under agreements: no longer.
            try await sql.raw("DELETE FROM agreement_shares WHERE item_kind = 'practice_note' AND item_id = \(bind: id) AND granting_council_id = \(bind: councilID)").run()
        }
    }

    /// The notes of the council (or of every council, for `nil`) that hold every word of `query` (as word beginnings,
    /// folded as `SearchWords` folds them), by id: how well each matches is for the reader's notes alone
    /// (`FullTextSearch.score`). None for a query without a word, or with a word no index can hold.
    public func search(councilID: Int64?, query: String) async throws -> [Int64] {
        guard let terms = FullTextSearch.terms(query), !terms.isEmpty else { return [] }
        return try await database.read { sql in try await PracticeNoteText.search(councilID: councilID, terms: terms, on: sql) }
    }

    static func check(_ fields: PracticeNoteFields, on sql: any SQLDatabase) async throws {
        if let theme = fields.themeID {
            guard try await sql.raw("SELECT id FROM cooperation_themes WHERE id = \(bind: theme)").first() != nil else { throw StoreError.notFound }
        }
        if let network = fields.networkID {
            guard try await sql.raw("SELECT id FROM networks WHERE id = \(bind: network)").first() != nil else { throw StoreError.notFound }
        }
    }
}
