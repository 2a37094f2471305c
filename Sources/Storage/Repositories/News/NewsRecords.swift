/// One language of a news post, as stored.
public struct NewsPostRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let councilId: Int64
    public let translationOf: Int64?
    public let language: String
    public let category: String
    public let title: String
    public let summary: String
    public let body: String
    public let status: String
    public let publishAt: Double?
    public let authorAccountId: Int64
    public let createdAt: Double
    public let updatedAt: Double

    /// The first written of its translations: the group's number.
    public var group: Int64 { translationOf ?? id }

    enum CodingKeys: String, CodingKey {
        case id
        case councilId = "council_id"
        case translationOf = "translation_of"
        case language, category, title, summary, body, status
        case publishAt = "publish_at"
        case authorAccountId = "author_account_id"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}

/// What a new post, or a new version of one, says.
public struct NewsPostContent: Sendable, Hashable {
    public let language: String
    public let category: String
    public let title: String
    public let summary: String
    public let body: String

    public init(language: String, category: String, title: String, summary: String, body: String) {
        self.language = language
        self.category = category
        self.title = title
        self.summary = summary
        self.body = body
    }
}

/// One step of a post's workflow, with who took it.
public struct NewsPostEvent: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case created, edited, submitted, scheduled, returned, unpublished
    }

    public let kind: Kind
    public let publishAt: Double?
    /// The name the account has now (a pseudonym once erased).
    public let by: String
    public let at: Double
}

/// A post's status as its rules read it, with the clock applied: `published` is a scheduled post whose time has come.
/// The repository guards each change with the statuses it may start from.
public enum NewsStoredStatus: String, Sendable, CaseIterable {
    case draft, review, scheduled, published, unpublished
}

/// A mention as stored: what a post's link names, by number (`NewsMention` in the rules).
public struct StoredMention: Sendable, Hashable {
    public let subject: String
    public let id: Int64

    public init(subject: String, id: Int64) {
        self.subject = subject
        self.id = id
    }
}
