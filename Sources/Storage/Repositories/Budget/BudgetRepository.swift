import Foundation
import HemicycleDomain
import SQLKit

/// A council's budget years, their lines, transfers, commitments and payments, and the audit trail of every change.
public struct BudgetRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// The council's budget years, the latest first.
    public func years(councilID: Int64) async throws -> [BudgetYearRecord] {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM budget_years WHERE council_id = \(bind: councilID) ORDER BY year DESC").decodeAll(BudgetYearRecord.self)
        }
    }

    public func year(councilID: Int64, year: Int) async throws -> BudgetYearRecord? {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM budget_years WHERE council_id = \(bind: councilID) AND year = \(bind: year)").decodeFirst(BudgetYearRecord.self)
        }
    }

    /// The year with everything it holds.
    public func ledger(yearID: Int64) async throws -> BudgetLedger? {
        try await database.read { sql in try await Self.ledger(yearID: yearID, on: sql) }
    }

    static func ledger(yearID: Int64, on sql: any SQLDatabase) async throws -> BudgetLedger? {
        guard let year = try await sql.raw("SELECT * FROM budget_years WHERE id = \(bind: yearID)").decodeFirst(BudgetYearRecord.self) else { return nil }
        return BudgetLedger(
            year: year,
            lines: try await sql.raw("SELECT * FROM budget_lines WHERE year_id = \(bind: yearID) ORDER BY code, id").decodeAll(BudgetLineRecord.self),
            transfers: try await sql.raw("SELECT * FROM budget_transfers WHERE year_id = \(bind: yearID) ORDER BY on_day, id")
                .decodeAll(BudgetTransferRecord.self),
            commitments: try await sql.raw("SELECT * FROM budget_commitments WHERE year_id = \(bind: yearID) ORDER BY on_day, id")
                .decodeAll(BudgetCommitmentRecord.self),
            payments: try await sql.raw("SELECT * FROM budget_payments WHERE year_id = \(bind: yearID) ORDER BY on_day, id")
                .decodeAll(BudgetPaymentRecord.self))
    }

    /// The year's audit trail, the latest change first.
    public func audit(yearID: Int64) async throws -> [BudgetAuditRecord] {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM budget_audit WHERE year_id = \(bind: yearID) ORDER BY changed_at DESC, id DESC").decodeAll(BudgetAuditRecord.self)
        }
    }

    /// Opens `year` in `currency`, in preparation; with `copying`, the programmes, actions and lines of that year of
    /// the same council, their voted amounts as a first proposal. Refused (`budget_error_year_taken`) when the council
    /// has that year already.
    public func createYear(councilID: Int64, year: Int, currency: String, copying source: Int64?, by actor: BudgetActor, at: Double) async throws -> Int64 {
        try await database.transaction { sql in
            // Two people opening the same year at once: the second finds it taken, never a constraint's error.
            guard let id = try await sql.raw("""
                INSERT INTO budget_years (council_id, year, currency, status, created_at, updated_at)
                VALUES (\(bind: councilID), \(bind: year), \(bind: currency), 'draft', \(bind: at), \(bind: at))
                ON CONFLICT (council_id, year) DO NOTHING RETURNING id
                """).first(decodingColumn: "id", as: Int64.self) else { throw BudgetChangeRefused.refused("budget_error_year_taken") }
            var copied = 0
            if let source, let from = try await sql.raw("SELECT * FROM budget_years WHERE id = \(bind: source) AND council_id = \(bind: councilID)")
                .decodeFirst(BudgetYearRecord.self), let ledger = try await Self.ledger(yearID: from.id, on: sql) {
                // Parents before children: programmes, then actions, then lines.
                var copies: [Int64: Int64] = [:]
                for level in ["programme", "action", "line"] {
                    for line in ledger.lines where line.level == level {
                        let fields = BudgetLineFields(parentID: line.parentId.flatMap { copies[$0] }, level: line.level, code: line.code, title: line.title,
                                                      votedCents: line.votedCents, linkKind: line.linkKind, linkID: line.linkId)
                        copies[line.id] = try await Self.insertLine(yearID: id, fields, at: at, on: sql)
                        copied += 1
                    }
                }
            }
            try await Self.record(yearID: id, actor: actor, action: "year_create", subject: "year", before: nil,
                                  after: YearSnapshot(year: year, currency: currency, status: "draft", votedOn: nil, linesCopied: copied), at: at, on: sql)
            return id
        }
    }

    /// Runs `change` on the year locked against other changes (its row updated first, so PostgreSQL holds it until
    /// the transaction ends; SQLite has one writer), after `check` has accepted the year as it then stands; the
    /// change's audit entry is written in the same transaction.
    func changing<T: Sendable>(yearID: Int64, councilID: Int64, by actor: BudgetActor, at: Double, check: @Sendable (BudgetLedger) -> String?,
                               _ change: @Sendable (any SQLDatabase, BudgetLedger) async throws -> (T, BudgetAuditEntry)) async throws -> T {
        try await database.transaction { sql in
            guard try await sql.raw("""
                UPDATE budget_years SET updated_at = \(bind: at) WHERE id = \(bind: yearID) AND council_id = \(bind: councilID) RETURNING id
                """).first() != nil, let ledger = try await Self.ledger(yearID: yearID, on: sql) else { throw BudgetChangeRefused.notFound }
            if let key = check(ledger) { throw BudgetChangeRefused.refused(key) }
            let (result, entry) = try await change(sql, ledger)
            try await Self.record(yearID: yearID, actor: actor, action: entry.action, subject: entry.subject, before: entry.before, after: entry.after,
                                  at: at, on: sql)
            return result
        }
    }

    static func insertLine(yearID: Int64, _ fields: BudgetLineFields, at: Double, on sql: any SQLDatabase) async throws -> Int64 {
        try await sql.insert(into: "budget_lines")
            .columns("year_id", "parent_id", "level", "code", "title_fr", "title_ar", "title_en", "voted_cents", "link_kind", "link_id", "created_at",
                     "updated_at")
            .values(SQLBind(yearID), SQLBind(fields.parentID), SQLBind(fields.level), SQLBind(fields.code), SQLBind(fields.title[.fr]),
                    SQLBind(fields.title[.ar]), SQLBind(fields.title[.en]), SQLBind(fields.votedCents), SQLBind(fields.linkKind), SQLBind(fields.linkID),
                    SQLBind(at), SQLBind(at))
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    static func record(yearID: Int64, actor: BudgetActor, action: String, subject: String, before: (any Encodable & Sendable)?,
                       after: (any Encodable & Sendable)?, at: Double, on sql: any SQLDatabase) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func json(_ value: (any Encodable & Sendable)?) throws -> String? {
            guard let value else { return nil }
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        }
        try await sql.insert(into: "budget_audit")
            .columns("year_id", "account_id", "actor_name", "action", "subject", "before_json", "after_json", "changed_at")
            .values(SQLBind(yearID), SQLBind(actor.accountID), SQLBind(actor.name), SQLBind(action), SQLBind(subject), SQLBind(try json(before)),
                    SQLBind(try json(after)), SQLBind(at))
            .run()
    }
}

/// What a change writes in the audit trail.
struct BudgetAuditEntry: Sendable {
    let action: String
    let subject: String
    let before: (any Encodable & Sendable)?
    let after: (any Encodable & Sendable)?
}

struct YearSnapshot: Encodable, Sendable {
    let year: Int
    let currency: String
    let status: String
    let votedOn: String?
    var linesCopied: Int?

    enum CodingKeys: String, CodingKey {
        case year, currency, status
        case votedOn = "voted_on", linesCopied = "lines_copied"
    }
}

struct LineSnapshot: Encodable, Sendable {
    let level: String
    let code: String
    let parentID: Int64?
    let titleFr: String?
    let titleAr: String?
    let titleEn: String?
    let votedCents: Int64
    let linkKind: String?
    let linkID: Int64?

    init(_ fields: BudgetLineFields) {
        level = fields.level
        code = fields.code
        parentID = fields.parentID
        titleFr = fields.title[.fr]
        titleAr = fields.title[.ar]
        titleEn = fields.title[.en]
        votedCents = fields.votedCents
        linkKind = fields.linkKind
        linkID = fields.linkID
    }

    init(_ record: BudgetLineRecord) {
        self.init(BudgetLineFields(parentID: record.parentId, level: record.level, code: record.code, title: record.title, votedCents: record.votedCents,
                                   linkKind: record.linkKind, linkID: record.linkId))
    }

    enum CodingKeys: String, CodingKey {
        case level, code
        case parentID = "parent_id", titleFr = "title_fr", titleAr = "title_ar", titleEn = "title_en", votedCents = "voted_cents"
        case linkKind = "link_kind", linkID = "link_id"
    }
}
