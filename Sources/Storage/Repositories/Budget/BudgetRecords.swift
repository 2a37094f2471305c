import HemicycleDomain

/// A council's budget year, as stored.
public struct BudgetYearRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let councilId: Int64
    public let year: Int
    /// ISO 4217 (`EUR`, `MAD`).
    public let currency: String
    /// `draft`, `voted` or `closed`.
    public let status: String
    /// The day the budget was voted (`YYYY-MM-DD`), once it is.
    public let votedOn: String?
    public let createdAt: Double
    public let updatedAt: Double

    enum CodingKeys: String, CodingKey {
        case id, year, currency, status
        case councilId = "council_id", votedOn = "voted_on", createdAt = "created_at", updatedAt = "updated_at"
    }
}

/// A programme, an action or a line of a budget year.
public struct BudgetLineRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let yearId: Int64
    public let parentId: Int64?
    /// `programme`, `action` or `line`.
    public let level: String
    public let code: String
    public let titleFr: String?
    public let titleAr: String?
    public let titleEn: String?
    /// On lines: the amount voted, in cents.
    public let votedCents: Int64
    /// What the line serves: `commission`, `mission`, `convention` or `consultation`, and its number.
    public let linkKind: String?
    public let linkId: Int64?
    public let createdAt: Double
    public let updatedAt: Double

    public var title: LocalizedText { LocalizedText(fr: titleFr, ar: titleAr, en: titleEn) }

    enum CodingKeys: String, CodingKey {
        case id, level, code
        case yearId = "year_id", parentId = "parent_id", titleFr = "title_fr", titleAr = "title_ar", titleEn = "title_en", votedCents = "voted_cents"
        case linkKind = "link_kind", linkId = "link_id", createdAt = "created_at", updatedAt = "updated_at"
    }
}

/// Credits moved from one line to another, with the reason.
public struct BudgetTransferRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let yearId: Int64
    public let fromLineId: Int64
    public let toLineId: Int64
    public let cents: Int64
    public let reason: String
    /// `YYYY-MM-DD`, in the council's calendar.
    public let onDay: String
    public let createdAt: Double

    enum CodingKeys: String, CodingKey {
        case id, cents, reason
        case yearId = "year_id", fromLineId = "from_line_id", toLineId = "to_line_id", onDay = "on_day", createdAt = "created_at"
    }
}

/// An amount committed on a line (an order, a contract, a mission's costs).
public struct BudgetCommitmentRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let yearId: Int64
    public let lineId: Int64
    public let cents: Int64
    public let label: String
    public let onDay: String
    public let linkKind: String?
    public let linkId: Int64?
    public let createdAt: Double

    enum CodingKeys: String, CodingKey {
        case id, cents, label
        case yearId = "year_id", lineId = "line_id", onDay = "on_day", linkKind = "link_kind", linkId = "link_id", createdAt = "created_at"
    }
}

/// An amount paid on a commitment.
public struct BudgetPaymentRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let yearId: Int64
    public let commitmentId: Int64
    public let cents: Int64
    public let onDay: String
    public let createdAt: Double

    enum CodingKeys: String, CodingKey {
        case id, cents
        case yearId = "year_id", commitmentId = "commitment_id", onDay = "on_day", createdAt = "created_at"
    }
}

/// One change to a budget year: who made it (their name as it was), when, what, and the record before and after (JSON).
public struct BudgetAuditRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let yearId: Int64
    public let accountId: Int64?
    public let actorName: String
    /// `year_create`, `line_add`, `line_update`, `line_remove`, `status`, `transfer`, `commitment`, `payment`.
    public let action: String
    /// What changed: `year`, `line:12`, `transfer:3`, ...
    public let subject: String
    public let beforeJson: String?
    public let afterJson: String?
    public let changedAt: Double

    enum CodingKeys: String, CodingKey {
        case id, action, subject
        case yearId = "year_id", accountId = "account_id", actorName = "actor_name", beforeJson = "before_json", afterJson = "after_json"
        case changedAt = "changed_at"
    }
}

/// A budget year with everything it holds, as a change's check reads it inside the change's transaction.
public struct BudgetLedger: Sendable {
    public let year: BudgetYearRecord
    public let lines: [BudgetLineRecord]
    public let transfers: [BudgetTransferRecord]
    public let commitments: [BudgetCommitmentRecord]
    public let payments: [BudgetPaymentRecord]
}

/// Who makes a change, as the audit trail keeps them.
public struct BudgetActor: Sendable {
    public let accountID: Int64
    public let name: String

    public init(accountID: Int64, name: String) {
        self.accountID = accountID
        self.name = name
    }
}

/// A line as the finance staff writes it.
public struct BudgetLineFields: Sendable {
    public var parentID: Int64?
    public var level: String
    public var code: String
    public var title: LocalizedText
    public var votedCents: Int64
    public var linkKind: String?
    public var linkID: Int64?

    public init(parentID: Int64?, level: String, code: String, title: LocalizedText, votedCents: Int64, linkKind: String?, linkID: Int64?) {
        self.parentID = parentID
        self.level = level
        self.code = code
        self.title = title
        self.votedCents = votedCents
        self.linkKind = linkKind
        self.linkID = linkID
    }
}

/// Why a change to the budget was not made.
public enum BudgetChangeRefused: Error, Equatable {
    /// The year (or the line, commitment) is not the council's.
    case notFound
    /// The rule's sentence (a localisation key).
    case refused(String)
}
