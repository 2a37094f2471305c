import Foundation
import HemicycleDomain
import SQLKit

/// A participant's proposal, with the council's answer.
public struct CitizenProposalRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let consultationId: Int64
    public let participantId: Int64?
    public let title: String
    public let body: String
    /// Waiting for a moderator.
    public let pending: Bool
    public let hidden: Bool
    public let hiddenReason: String?
    public let answer: String?
    public let answerText: String?
    public let answeredAt: Double?
    public let supports: Int
    public let comments: Int
    public let createdAt: Double

    enum CodingKeys: String, CodingKey {
        case id
        case consultationId = "consultation_id"
        case participantId = "participant_id"
        case title, body, pending, hidden
        case hiddenReason = "hidden_reason"
        case answer
        case answerText = "answer_text"
        case answeredAt = "answered_at"
        case supports, comments
        case createdAt = "created_at"
    }
}

/// A comment on a proposal; a reply names its parent.
public struct CitizenProposalCommentRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let parentId: Int64?
    public let participantId: Int64?
    public let body: String
    /// Waiting for a moderator.
    public let pending: Bool
    public let hidden: Bool
    public let hiddenReason: String?
    public let createdAt: Double

    enum CodingKeys: String, CodingKey {
        case id
        case parentId = "parent_id"
        case participantId = "participant_id"
        case body, pending, hidden
        case hiddenReason = "hidden_reason"
        case createdAt = "created_at"
    }
}

/// Where a page of proposals starts: at either end of the list, or next to a proposal's key.
public enum CitizenProposalPosition: Sendable, Hashable {
    case first
    case after(CitizenProposalKey)
    case before(CitizenProposalKey)
    case last
}

/// A proposal's place in a list: its supports and id (by supports), or its id alone (most recent first).
public struct CitizenProposalKey: Sendable, Hashable {
    public let supports: Int
    public let id: Int64

    public init(supports: Int, id: Int64) {
        self.supports = supports
        self.id = id
    }

    public init(_ proposal: CitizenProposalRecord) { self.init(supports: proposal.supports, id: proposal.id) }

    /// As a link writes it for `order`: `supports.id`, or `id`.
    public func text(for order: CitizenProposalOrder) -> String { order == .supports ? "\(supports).\(id)" : "\(id)" }

    /// A key as a link wrote it; nil when it is not one.
    public init?(_ text: String, order: CitizenProposalOrder) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        switch (order, parts.count) {
        case (.supports, 2):
            guard let supports = Int(parts[0]), let id = Int64(parts[1]) else { return nil }
            self.init(supports: supports, id: id)
        case (.recent, 1):
            guard let id = Int64(parts[0]) else { return nil }
            self.init(supports: 0, id: id)
        default:
            return nil
        }
    }
}

/// A page of proposals, how many the list holds in all, and whether it goes on either side of the page.
public struct CitizenProposalPage: Sendable {
    public let proposals: [CitizenProposalRecord]
    public let total: Int
    public let hasEarlier: Bool
    public let hasLater: Bool
}

/// The order of a list of proposals.
public enum CitizenProposalOrder: String, Sendable, CaseIterable {
    case supports
    case recent
}

/// Participants' proposals, their supports and comments, the council's answers. Writes by participants check again,
/// in their transaction, that the consultation is open.
public struct ConsultationProposalRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// A page of the consultation's proposals shown (hidden and waiting ones only when `includeHidden`), those with a
    /// word beginning with each word of `search` (`SearchWords`: case, accents and Arabic marks aside), and how many
    /// there are in all (none when `search` has no word of two letters or more). Pages follow the order's key from `position`, never an offset: the thousandth page costs what
    /// the first does.
    public func page(consultationID: Int64, search: String?, order: CitizenProposalOrder, includeHidden: Bool, limit: Int,
                     from position: CitizenProposalPosition = .first) async throws -> CitizenProposalPage {
        let terms = SearchWords.query(search ?? "")
        // A search with no word long enough to look for finds nothing (rather than everything).
        if terms.isEmpty, !(search ?? "").allSatisfy(\.isWhitespace) {
            return CitizenProposalPage(proposals: [], total: 0, hasEarlier: false, hasLater: false)
        }
        return try await database.read { sql in
            func filtered(_ query: SQLSelectBuilder) -> SQLSelectBuilder {
                var query = query.from("consultation_proposals").where("consultation_id", .equal, consultationID)
                if !includeHidden { query = query.where("hidden", .equal, false).where("pending", .equal, false) }
                for condition in ProposalWords.matching(terms, consultationID: consultationID) { query = query.where(condition) }
                return query
            }
            let total = try await filtered(sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n"))
                .first(decodingColumn: "n", as: Int.self) ?? 0
            var query = filtered(sql.select().column("*"))
            let columns = order == .supports ? ["supports", "id"] : ["id"]
            let key: [any SQLExpression] = columns.map { SQLColumn($0) }
            func values(_ key: CitizenProposalKey) -> [any SQLExpression] {
                order == .supports ? [SQLBind(key.supports), SQLBind(key.id)] : [SQLBind(key.id)]
            }
            let forward: Bool
            switch position {
            case .first:
                forward = true
            case .after(let after):
                forward = true
                query = query.where(SQLGroupExpression(key), .lessThan, SQLGroupExpression(values(after)))
            case .before(let before):
                forward = false
                query = query.where(SQLGroupExpression(key), .greaterThan, SQLGroupExpression(values(before)))
            case .last:
                forward = false
            }
            for column in columns { query = query.orderBy(column, forward ? .descending : .ascending) }
            var proposals = try await query.limit(limit + 1).decodeAll(CitizenProposalRecord.self)
            let more = proposals.count > limit
            proposals = Array(proposals.prefix(limit))
            if !forward { proposals.reverse() }
            let (earlier, later): (Bool, Bool) = switch position {
            case .first: (false, more)
            case .after: (true, more)
            case .before: (more, true)
            case .last: (more, false)
            }
            return CitizenProposalPage(proposals: proposals, total: total, hasEarlier: earlier, hasLater: later)
        }
    }

    /// Indexes the words of the consultation's proposals written straight into the table (a bulk load).
    public func indexWords(consultationID: Int64) async throws {
        try await database.transaction { sql in try await ProposalWords.indexAll(consultationID: consultationID, on: sql) }
    }

    public func find(id: Int64, consultationID: Int64) async throws -> CitizenProposalRecord? {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM consultation_proposals WHERE id = \(bind: id) AND consultation_id = \(bind: consultationID)")
                .decodeFirst(CitizenProposalRecord.self)
        }
    }

    /// Proposals of the consultation, shown and in all, and how many the council answered (the synthesis' figures).
    public func counts(consultationID: Int64) async throws -> (shown: Int, answered: Int, supports: Int) {
        try await database.read { sql in
            let row = try await sql.raw("""
                SELECT COUNT(*) AS shown, SUM(CASE WHEN answer IS NULL THEN 0 ELSE 1 END) AS answered, SUM(supports) AS supports
                FROM consultation_proposals WHERE consultation_id = \(bind: consultationID) AND hidden = \(bind: false) AND pending = \(bind: false)
                """).first()
            return (try row?.decode(column: "shown", as: Int.self) ?? 0, try row?.decode(column: "answered", as: Int?.self) ?? 0,
                    try row?.decode(column: "supports", as: Int?.self) ?? 0)
        }
    }

    /// Whether the participant supports the proposal.
    public func supports(proposalID: Int64, participantID: Int64) async throws -> Bool {
        try await database.read { sql in
            try await sql.raw("""
                SELECT proposal_id FROM consultation_proposal_supports WHERE proposal_id = \(bind: proposalID) AND participant_id = \(bind: participantID)
                """).first() != nil
        }
    }

    public func comments(proposalID: Int64) async throws -> [CitizenProposalCommentRecord] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT id, parent_id, participant_id, body, pending, hidden, hidden_reason, created_at FROM consultation_proposal_comments
                WHERE proposal_id = \(bind: proposalID) ORDER BY id
                """).decodeAll(CitizenProposalCommentRecord.self)
        }
    }

    /// A participant's proposal, while the consultation is open; `pending` until a moderator accepts it.
    public func add(consultationID: Int64, participantID: Int64, title: String, body: String, pending: Bool, at: Double) async throws -> Int64 {
        try await database.transaction { sql in
            try await ConsultationStatementRepository.expectOpen(consultationID, at: at, on: sql)
            let id = try await sql.insert(into: "consultation_proposals")
                .columns("consultation_id", "participant_id", "title", "body", "pending", "hidden", "supports", "comments", "created_at")
                .values(SQLBind(consultationID), SQLBind(participantID), SQLBind(title), SQLBind(body), SQLBind(pending), SQLBind(false), SQLBind(0),
                        SQLBind(0), SQLBind(at))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
            try await ProposalWords.index(proposalID: id, consultationID: consultationID, title: title, body: body, on: sql)
            return id
        }
    }

    /// A participant's support of a proposal shown, while the consultation is open: once (the primary key), the count
    /// following in the same transaction. Whether it was new.
    @discardableResult
    public func support(proposalID: Int64, consultationID: Int64, participantID: Int64, at: Double) async throws -> Bool {
        try await database.transaction { sql in
            try await ConsultationStatementRepository.expectOpen(consultationID, at: at, on: sql)
            try await Self.expectShown(proposalID, consultationID, on: sql)
            guard try await sql.raw("""
                INSERT INTO consultation_proposal_supports (proposal_id, participant_id, created_at)
                VALUES (\(bind: proposalID), \(bind: participantID), \(bind: at)) ON CONFLICT DO NOTHING RETURNING proposal_id
                """).first() != nil else { return false }
            try await sql.update("consultation_proposals").set(SQLIdentifier("supports"), to: SQLRaw("supports + 1")).where("id", .equal, proposalID).run()
            return true
        }
    }

    /// A comment on a proposal shown, or a reply to one of its comments shown, while the consultation is open;
    /// `pending` until a moderator accepts it (the proposal's count follows what is shown).
    public func comment(proposalID: Int64, consultationID: Int64, parentID: Int64?, participantID: Int64, body: String, pending: Bool,
                        at: Double) async throws -> Int64 {
        try await database.transaction { sql in
            try await ConsultationStatementRepository.expectOpen(consultationID, at: at, on: sql)
            try await Self.expectShown(proposalID, consultationID, on: sql)
            if let parentID {
                guard try await sql.raw("""
                    SELECT id FROM consultation_proposal_comments WHERE id = \(bind: parentID) AND proposal_id = \(bind: proposalID)
                    AND hidden = \(bind: false) AND pending = \(bind: false)
                    """).first() != nil else { throw StoreError.notFound }
            }
            let id = try await sql.insert(into: "consultation_proposal_comments")
                .columns("proposal_id", "parent_id", "participant_id", "body", "pending", "hidden", "created_at")
                .values(SQLBind(proposalID), SQLBind(parentID), SQLBind(participantID), SQLBind(body), SQLBind(pending), SQLBind(false), SQLBind(at))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
            if !pending { try await Self.count(proposalID, by: 1, on: sql) }
            return id
        }
    }

    /// The council's answer to a proposal (under study, taken into the work, not retained), with its text; a later
    /// answer replaces it. Refused once the synthesis is published.
    public func answer(proposalID: Int64, consultationID: Int64, councilID: Int64, answer: String, text: String, by accountID: Int64,
                       at: Double) async throws {
        try await database.transaction { sql in
            try await ConsultationRepository.claim(id: consultationID, councilID: councilID, on: sql)
            guard try await sql.update("consultation_proposals")
                .set("answer", to: answer).set("answer_text", to: text).set("answered_by", to: accountID).set("answered_at", to: at)
                .where("id", .equal, proposalID).where("consultation_id", .equal, consultationID)
                .returning("id").first() != nil else { throw StoreError.notFound }
        }
    }

    /// Hides a proposal or a comment, with the reason (kept); a comment shown leaves the proposal's count.
    public func hide(proposalID: Int64, commentID: Int64?, consultationID: Int64, councilID: Int64, reason: String, by accountID: Int64,
                     at: Double) async throws {
        try await database.transaction { sql in
            try await Self.claimProposal(proposalID, consultationID, councilID, on: sql)
            if let commentID {
                guard let row = try await sql.raw("""
                    SELECT pending, hidden FROM consultation_proposal_comments WHERE id = \(bind: commentID) AND proposal_id = \(bind: proposalID)
                    """).first() else { throw StoreError.notFound }
                let pending = try row.decode(column: "pending", as: Bool.self), hidden = try row.decode(column: "hidden", as: Bool.self)
                let wasShown = !pending && !hidden
                try await sql.update("consultation_proposal_comments").set("hidden", to: true).set("hidden_reason", to: reason)
                    .where("id", .equal, commentID).run()
                if wasShown { try await Self.count(proposalID, by: -1, on: sql) }
            } else {
                try await sql.update("consultation_proposals").set("hidden", to: true).set("hidden_reason", to: reason)
                    .where("id", .equal, proposalID).run()
            }
            try await ModerationDecisionRepository.record(councilID: councilID, subject: commentID == nil ? .proposal : .comment,
                                                          subjectID: commentID ?? proposalID, decision: .hidden, reason: reason,
                                                          accountID: accountID, at: at, on: sql)
        }
    }

    /// Accepts a proposal or a comment waiting for a moderator: it is shown.
    public func accept(proposalID: Int64, commentID: Int64?, consultationID: Int64, councilID: Int64, by accountID: Int64, at: Double) async throws {
        try await database.transaction { sql in
            try await Self.claimProposal(proposalID, consultationID, councilID, on: sql)
            if let commentID {
                guard try await sql.update("consultation_proposal_comments").set("pending", to: false)
                    .where("id", .equal, commentID).where("proposal_id", .equal, proposalID).where("pending", .equal, true).where("hidden", .equal, false)
                    .returning("id").first() != nil else { throw StoreError.stateChanged }
                try await Self.count(proposalID, by: 1, on: sql)
            } else {
                guard try await sql.update("consultation_proposals").set("pending", to: false)
                    .where("id", .equal, proposalID).where("pending", .equal, true).where("hidden", .equal, false)
                    .returning("id").first() != nil else { throw StoreError.stateChanged }
            }
            try await ModerationDecisionRepository.record(councilID: councilID, subject: commentID == nil ? .proposal : .comment,
                                                          subjectID: commentID ?? proposalID, decision: .accepted, reason: nil,
                                                          accountID: accountID, at: at, on: sql)
        }
    }

    /// Proposals waiting for a moderator, or with comments waiting: the moderators' queue.
    public func waiting(consultationID: Int64) async throws -> [CitizenProposalRecord] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT * FROM consultation_proposals p WHERE p.consultation_id = \(bind: consultationID) AND p.hidden = \(bind: false)
                AND (p.pending = \(bind: true) OR EXISTS (SELECT 1 FROM consultation_proposal_comments c WHERE c.proposal_id = p.id
                AND c.pending = \(bind: true) AND c.hidden = \(bind: false))) ORDER BY p.id
                """).decodeAll(CitizenProposalRecord.self)
        }
    }

    /// The consultation's row lock (unless its synthesis is published), and the proposal must be the consultation's.
    static func claimProposal(_ proposalID: Int64, _ consultationID: Int64, _ councilID: Int64, on sql: any SQLDatabase) async throws {
        try await ConsultationRepository.claim(id: consultationID, councilID: councilID, on: sql)
        guard try await sql.raw("SELECT id FROM consultation_proposals WHERE id = \(bind: proposalID) AND consultation_id = \(bind: consultationID)")
            .first() != nil else { throw StoreError.notFound }
    }

    static func count(_ proposalID: Int64, by change: Int, on sql: any SQLDatabase) async throws {
        try await sql.update("consultation_proposals").set(SQLIdentifier("comments"), to: SQLRaw("comments + \(change)")).where("id", .equal, proposalID).run()
    }

    static func expectShown(_ proposalID: Int64, _ consultationID: Int64, on sql: any SQLDatabase) async throws {
        guard try await sql.raw("""
            SELECT id FROM consultation_proposals WHERE id = \(bind: proposalID) AND consultation_id = \(bind: consultationID) AND hidden = \(bind: false)
            AND pending = \(bind: false)
            """).first() != nil else { throw StoreError.notFound }
    }
}
