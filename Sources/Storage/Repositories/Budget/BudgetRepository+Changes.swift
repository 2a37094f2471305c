import HemicycleDomain
import SQLKit

/// The changes to a budget year, each checked against the year as it stands inside its transaction and kept in the
/// audit trail.
extension BudgetRepository {
    public func addLine(yearID: Int64, councilID: Int64, _ fields: BudgetLineFields, by actor: BudgetActor, at: Double,
                        check: @Sendable @escaping (BudgetLedger) -> String?) async throws -> Int64 {
        try await changing(yearID: yearID, councilID: councilID, by: actor, at: at, check: check) { sql, _ in
            let id = try await Self.insertLine(yearID: yearID, fields, at: at, on: sql)
            return (id, BudgetAuditEntry(action: "line_add", subject: "line:\(id)", before: nil, after: LineSnapshot(fields)))
        }
    }

    /// Renames, recodes, relinks the line and, with `fields.votedCents`, sets its voted amount (the check decides
    /// whether the year still allows it).
    public func updateLine(id: Int64, yearID: Int64, councilID: Int64, _ fields: BudgetLineFields, by actor: BudgetActor, at: Double,
                           check: @Sendable @escaping (BudgetLedger, BudgetLineRecord) -> String?) async throws {
        try await changing(yearID: yearID, councilID: councilID, by: actor, at: at, check: { ledger in
            guard let line = ledger.lines.first(where: { $0.id == id }) else { return "budget_error_line" }
            return check(ledger, line)
        }) { sql, ledger in
            let before = ledger.lines.first { $0.id == id }
            try await sql.update("budget_lines").set("code", to: fields.code).set("title_fr", to: SQLBind(fields.title[.fr]))
                .set("title_ar", to: SQLBind(fields.title[.ar])).set("title_en", to: SQLBind(fields.title[.en]))
                .set("voted_cents", to: fields.votedCents).set("link_kind", to: SQLBind(fields.linkKind)).set("link_id", to: SQLBind(fields.linkID))
                .set("updated_at", to: at).where("id", .equal, id).run()
            return ((), BudgetAuditEntry(action: "line_update", subject: "line:\(id)", before: before.map(LineSnapshot.init), after: LineSnapshot(fields)))
        }
    }

    public func removeLine(id: Int64, yearID: Int64, councilID: Int64, by actor: BudgetActor, at: Double,
                           check: @Sendable @escaping (BudgetLedger, BudgetLineRecord) -> String?) async throws {
        try await changing(yearID: yearID, councilID: councilID, by: actor, at: at, check: { ledger in
            guard let line = ledger.lines.first(where: { $0.id == id }) else { return "budget_error_line" }
            return check(ledger, line)
        }) { sql, ledger in
            try await sql.delete(from: "budget_lines").where("id", .equal, id).run()
            return ((), BudgetAuditEntry(action: "line_remove", subject: "line:\(id)",
                                         before: ledger.lines.first { $0.id == id }.map(LineSnapshot.init), after: nil))
        }
    }

    /// Moves the year to `status` (`voted` on `votedOn`, or `closed`).
    public func setStatus(yearID: Int64, councilID: Int64, _ status: String, votedOn: String?, by actor: BudgetActor, at: Double,
                          check: @Sendable @escaping (BudgetLedger) -> String?) async throws {
        try await changing(yearID: yearID, councilID: councilID, by: actor, at: at, check: check) { sql, ledger in
            let year = ledger.year
            let day = votedOn ?? year.votedOn
            try await sql.update("budget_years").set("status", to: status).set("voted_on", to: SQLBind(day)).where("id", .equal, yearID).run()
            return ((), BudgetAuditEntry(action: "status", subject: "year",
                                         before: YearSnapshot(year: year.year, currency: year.currency, status: year.status, votedOn: year.votedOn),
                                         after: YearSnapshot(year: year.year, currency: year.currency, status: status, votedOn: day)))
        }
    }

    public func addTransfer(yearID: Int64, councilID: Int64, from: Int64, to: Int64, cents: Int64, reason: String, onDay: String, by actor: BudgetActor,
                            at: Double, check: @Sendable @escaping (BudgetLedger) -> String?) async throws -> Int64 {
        try await changing(yearID: yearID, councilID: councilID, by: actor, at: at, check: check) { sql, _ in
            let id = try await sql.insert(into: "budget_transfers")
                .columns("year_id", "from_line_id", "to_line_id", "cents", "reason", "on_day", "created_at")
                .values(SQLBind(yearID), SQLBind(from), SQLBind(to), SQLBind(cents), SQLBind(reason), SQLBind(onDay), SQLBind(at))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
            return (id, BudgetAuditEntry(action: "transfer", subject: "transfer:\(id)", before: nil,
                                         after: MovementSnapshot(line: nil, from: from, to: to, commitment: nil, cents: cents, text: reason, onDay: onDay,
                                                                 linkKind: nil, linkID: nil)))
        }
    }

    public func addCommitment(yearID: Int64, councilID: Int64, lineID: Int64, cents: Int64, label: String, onDay: String, linkKind: String?, linkID: Int64?,
                              by actor: BudgetActor, at: Double, check: @Sendable @escaping (BudgetLedger) -> String?) async throws -> Int64 {
        try await changing(yearID: yearID, councilID: councilID, by: actor, at: at, check: check) { sql, _ in
            let id = try await sql.insert(into: "budget_commitments")
                .columns("year_id", "line_id", "cents", "label", "on_day", "link_kind", "link_id", "created_at")
                .values(SQLBind(yearID), SQLBind(lineID), SQLBind(cents), SQLBind(label), SQLBind(onDay), SQLBind(linkKind), SQLBind(linkID), SQLBind(at))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
            return (id, BudgetAuditEntry(action: "commitment", subject: "commitment:\(id)", before: nil,
                                         after: MovementSnapshot(line: lineID, from: nil, to: nil, commitment: nil, cents: cents, text: label, onDay: onDay,
                                                                 linkKind: linkKind, linkID: linkID)))
        }
    }

    public func addPayment(yearID: Int64, councilID: Int64, commitmentID: Int64, cents: Int64, onDay: String, by actor: BudgetActor, at: Double,
                           check: @Sendable @escaping (BudgetLedger) -> String?) async throws -> Int64 {
        try await changing(yearID: yearID, councilID: councilID, by: actor, at: at, check: check) { sql, _ in
            let id = try await sql.insert(into: "budget_payments")
                .columns("year_id", "commitment_id", "cents", "on_day", "created_at")
                .values(SQLBind(yearID), SQLBind(commitmentID), SQLBind(cents), SQLBind(onDay), SQLBind(at))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
            return (id, BudgetAuditEntry(action: "payment", subject: "payment:\(id)", before: nil,
                                         after: MovementSnapshot(line: nil, from: nil, to: nil, commitment: commitmentID, cents: cents, text: nil,
                                                                 onDay: onDay, linkKind: nil, linkID: nil)))
        }
    }
}

struct MovementSnapshot: Encodable, Sendable {
    let line: Int64?
    let from: Int64?
    let to: Int64?
    let commitment: Int64?
    let cents: Int64
    let text: String?
    let onDay: String
    let linkKind: String?
    let linkID: Int64?

    enum CodingKeys: String, CodingKey {
        case line, from, to, commitment, cents, text
        case onDay = "on_day", linkKind = "link_kind", linkID = "link_id"
    }
}
