import Foundation
import SQLKit

/// A file attached somewhere in a council: what it is, under which name, by whom.
public struct Attachment: Sendable, Hashable {
    public let id: Int64
    public let councilID: Int64
    public let ownerKind: String
    public let ownerID: Int64
    public let digest: String
    public let fileName: String
    public let title: String
    public let mediaType: String
    public let size: Int64
    public let createdAt: Double
}

/// What the owner of an attachment must still be when one is added or removed, checked in the same transaction
/// (the route's check, made before a long upload, may no longer hold).
public enum AttachmentOwnerCheck: Sendable {
    /// A session of this convention, while the convention is drawn or sits.
    case conventionSession(conventionID: Int64, councilID: Int64)
    /// A practice note of this council (not deleted while its document was sent).
    case practiceNote(councilID: Int64)
    /// A sitting of this council, not cancelled.
    case councilSitting(councilID: Int64)

    func verify(ownerKind: String, ownerID: Int64, on sql: any SQLDatabase) async throws {
        switch self {
        case let .conventionSession(conventionID, councilID):
            try await ConventionRepository.claim(id: conventionID, councilID: councilID, statuses: ["drawn", "sitting"], on: sql)
            guard ownerKind == "convention_session", try await sql.raw("""
                SELECT id FROM convention_sessions WHERE id = \(bind: ownerID) AND convention_id = \(bind: conventionID)
                """).first() != nil else { throw StoreError.notFound }
        case let .practiceNote(councilID):
            guard ownerKind == "practice", try await sql.raw("""
                SELECT id FROM practice_notes WHERE id = \(bind: ownerID) AND council_id = \(bind: councilID)
                """).first() != nil else { throw StoreError.notFound }
        case let .councilSitting(councilID):
            guard ownerKind == "council_sitting", try await sql.raw("""
                SELECT id FROM sittings WHERE id = \(bind: ownerID) AND council_id = \(bind: councilID) AND status <> 'cancelled'
                """).first() != nil else { throw StoreError.notFound }
        }
    }
}

/// Attachments and the stored files they point at. A file is recorded once per content; removing its last
/// attachment removes its record, and the caller then removes the bytes.
public struct AttachmentRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    private static let select = """
        SELECT t.id, t.council_id, t.owner_kind, t.owner_id, t.digest, t.file_name, t.title, t.created_at, f.media_type, f.size
        FROM attachments t JOIN stored_files f ON f.digest = t.digest
        """

    private static func decode(_ row: any SQLRow) throws -> Attachment {
        Attachment(id: try row.decode(column: "id", as: Int64.self), councilID: try row.decode(column: "council_id", as: Int64.self),
                   ownerKind: try row.decode(column: "owner_kind", as: String.self), ownerID: try row.decode(column: "owner_id", as: Int64.self),
                   digest: try row.decode(column: "digest", as: String.self), fileName: try row.decode(column: "file_name", as: String.self),
                   title: try row.decode(column: "title", as: String.self), mediaType: try row.decode(column: "media_type", as: String.self),
                   size: try row.decode(column: "size", as: Int64.self), createdAt: try row.decode(column: "created_at", as: Double.self))
    }

    /// How many bytes an account may attach in a period: checked in the transaction that records the attachment, so
    /// uploads sent side by side cannot each pass it.
    public struct Quota: Sendable {
        public let accountID: Int64
        public let since: Double
        public let bytes: Int64

        public init(accountID: Int64, since: Double, bytes: Int64) {
            self.accountID = accountID
            self.since = since
            self.bytes = bytes
        }
    }

    /// The account has attached its quota's worth; nothing was recorded.
    public struct QuotaExceeded: Error {}

    /// Attaches the stored content `digest` (recorded if new) to an owner, in one transaction; with `quota`, only if
    /// the account's attachments since `quota.since`, this one included, stay within it.
    public func attach(councilID: Int64, ownerKind: String, ownerID: Int64, digest: String, mediaType: String, size: Int64,
                       fileName: String, title: String, accountID: Int64?, quota: Quota? = nil, check: AttachmentOwnerCheck? = nil,
                       at: Double) async throws -> Int64 {
        let kind = database.kind
        return try await database.transaction { sql in
            try await check?.verify(ownerKind: ownerKind, ownerID: ownerID, on: sql)
            if let quota {
                // SQLite's write transactions already run one at a time; PostgreSQL's wait on the account's row.
                if kind == .postgres {
                    try await sql.raw("SELECT id FROM accounts WHERE id = \(bind: quota.accountID) FOR UPDATE").run()
                }
                guard try await Self.bytesAttached(byAccount: quota.accountID, since: quota.since, on: sql) + size <= quota.bytes else {
                    throw QuotaExceeded()
                }
            }
            if try await sql.raw("SELECT digest FROM stored_files WHERE digest = \(bind: digest)").first() == nil {
                try await sql.insert(into: "stored_files").columns("digest", "media_type", "size", "created_at")
                    .values(SQLBind(digest), SQLBind(mediaType), SQLBind(size), SQLBind(at)).run()
            }
            return try await sql.insert(into: "attachments")
                .columns("council_id", "owner_kind", "owner_id", "digest", "file_name", "title", "added_by", "created_at")
                .values(SQLBind(councilID), SQLBind(ownerKind), SQLBind(ownerID), SQLBind(digest), SQLBind(fileName), SQLBind(title),
                        SQLBind(accountID), SQLBind(at))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        }
    }

    /// An owner's attachments, oldest first.
    public func all(councilID: Int64, ownerKind: String, ownerID: Int64) async throws -> [Attachment] {
        try await database.read { sql in
            try await sql.raw("""
                \(unsafeRaw: Self.select) WHERE t.council_id = \(bind: councilID) AND t.owner_kind = \(bind: ownerKind)
                AND t.owner_id = \(bind: ownerID) ORDER BY t.created_at, t.id
                """).all().map(Self.decode)
        }
    }

    /// Every attachment of one kind of owner in the council (all sittings' documents, say), oldest first.
    public func all(councilID: Int64, ownerKind: String) async throws -> [Attachment] {
        try await database.read { sql in
            try await sql.raw("""
                \(unsafeRaw: Self.select) WHERE t.council_id = \(bind: councilID) AND t.owner_kind = \(bind: ownerKind) ORDER BY t.created_at, t.id
                """).all().map(Self.decode)
        }
    }

    /// An owner's attachment of these bytes (`digest`), if it has one.
    public func find(digest: String, councilID: Int64, ownerKind: String, ownerID: Int64) async throws -> Attachment? {
        try await database.read { sql in
            try await sql.raw("""
                \(unsafeRaw: Self.select) WHERE t.digest = \(bind: digest) AND t.council_id = \(bind: councilID)
                AND t.owner_kind = \(bind: ownerKind) AND t.owner_id = \(bind: ownerID) ORDER BY t.id LIMIT 1
                """).first().map(Self.decode)
        }
    }

    public func find(id: Int64, councilID: Int64, ownerKind: String, ownerID: Int64) async throws -> Attachment? {
        try await database.read { sql in
            try await sql.raw("""
                \(unsafeRaw: Self.select) WHERE t.id = \(bind: id) AND t.council_id = \(bind: councilID)
                AND t.owner_kind = \(bind: ownerKind) AND t.owner_id = \(bind: ownerID)
                """).first().map(Self.decode)
        }
    }

    /// Removes an attachment; returns the digest of its file when no attachment points at it any more (its record
    /// is gone too, and the bytes can be removed).
    public func remove(id: Int64, councilID: Int64, check: AttachmentOwnerCheck? = nil) async throws -> String? {
        try await database.transaction { sql in
            if let check {
                guard let row = try await sql.raw("""
                    SELECT owner_kind, owner_id FROM attachments WHERE id = \(bind: id) AND council_id = \(bind: councilID)
                    """).first() else { throw StoreError.notFound }
                try await check.verify(ownerKind: try row.decode(column: "owner_kind", as: String.self),
                                       ownerID: try row.decode(column: "owner_id", as: Int64.self), on: sql)
            }
            guard let digest = try await sql.raw("""
                DELETE FROM attachments WHERE id = \(bind: id) AND council_id = \(bind: councilID) RETURNING digest
                """).first(decodingColumn: "digest", as: String.self) else { throw StoreError.notFound }
            guard try await sql.raw("SELECT id FROM attachments WHERE digest = \(bind: digest)").first() == nil else { return nil }
            try await sql.raw("DELETE FROM stored_files WHERE digest = \(bind: digest)").run()
            return digest
        }
    }

    /// The bytes `accountID` attached since `since` (a file attached twice counts twice).
    public func bytesAttached(byAccount accountID: Int64, since: Double) async throws -> Int64 {
        try await database.read { sql in try await Self.bytesAttached(byAccount: accountID, since: since, on: sql) }
    }

    static func bytesAttached(byAccount accountID: Int64, since: Double, on sql: any SQLDatabase) async throws -> Int64 {
        try await sql.raw("""
            SELECT CAST(COALESCE(SUM(f.size), 0) AS BIGINT) AS total FROM attachments t JOIN stored_files f ON f.digest = t.digest
            WHERE t.added_by = \(bind: accountID) AND t.created_at >= \(bind: since)
            """).first(decodingColumn: "total", as: Int64.self) ?? 0
    }

    /// Whether any attachment points at `digest`.
    public func isReferenced(digest: String) async throws -> Bool {
        try await database.read { sql in
            try await sql.raw("SELECT id FROM attachments WHERE digest = \(bind: digest)").first() != nil
        }
    }
}
