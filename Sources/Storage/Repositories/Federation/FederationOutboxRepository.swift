import SQLKit

/// A document shared with a partner instance: waiting to be delivered, or delivered.
public struct FederationOutboxRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let peerId: Int64
    public let councilId: Int64
    public let documentId: String
    public let kind: String
    public let title: String
    /// The receiving council's address on the partner instance.
    public let recipient: String
    /// The JSON document, as it is sent on every attempt.
    public let payload: String
    public let createdAt: Double
    public let attempts: Int
    public let nextAttemptAt: Double
    public let deliveredAt: Double?
    /// Set when the partner refused the document for good (it is not tried again).
    public let refusedAt: Double?
    public let lastError: String?

    enum CodingKeys: String, CodingKey {
        case id, kind, title, recipient, payload, attempts
        case peerId = "peer_id", councilId = "council_id", documentId = "document_id", createdAt = "created_at",
             nextAttemptAt = "next_attempt_at", deliveredAt = "delivered_at", refusedAt = "refused_at", lastError = "last_error"
    }
}

/// The persistent outbox of documents for partner instances: a document stays until its partner has taken it, and
/// is tried again, later each time, while the partner is down.
public struct FederationOutboxRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public struct NewDocument: Sendable {
        public var peerID: Int64
        public var councilID: Int64
        public var documentID: String
        public var kind: String
        public var title: String
        public var recipient: String
        public var payload: String

        public init(peerID: Int64, councilID: Int64, documentID: String, kind: String, title: String, recipient: String, payload: String) {
            self.peerID = peerID
            self.councilID = councilID
            self.documentID = documentID
            self.kind = kind
            self.title = title
            self.recipient = recipient
            self.payload = payload
        }
    }

    /// Queues a document, due at once; `StoreError.stateChanged` when the partner's link was revoked meanwhile.
    public func enqueue(_ document: NewDocument, at: Double) async throws -> Int64 {
        try await database.transaction { sql in
            // Locks the link's row, so that a revocation committed meanwhile is seen.
            guard try await sql.raw("""
                UPDATE federation_peers SET revoked_at = revoked_at WHERE id = \(bind: document.peerID) AND revoked_at IS NULL RETURNING id
                """).first() != nil
            else { throw StoreError.stateChanged }
            guard let row = try await sql.raw("""
                INSERT INTO federation_outbox (peer_id, council_id, document_id, kind, title, recipient, payload, created_at, attempts, next_attempt_at)
                VALUES (\(bind: document.peerID), \(bind: document.councilID), \(bind: document.documentID), \(bind: document.kind),
                    \(bind: document.title), \(bind: document.recipient), \(bind: document.payload), \(bind: at), 0, \(bind: at))
                RETURNING id
                """).first()
            else { throw StoreError.stateChanged }
            return try row.decode(column: "id", as: Int64.self)
        }
    }

    /// The documents due by `at` for partners still linked, the longest waiting first.
    public func due(at: Double, limit: Int = 50) async throws -> [FederationOutboxRecord] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT o.* FROM federation_outbox o JOIN federation_peers p ON p.id = o.peer_id
                WHERE o.delivered_at IS NULL AND o.refused_at IS NULL AND o.next_attempt_at <= \(bind: at) AND p.revoked_at IS NULL
                ORDER BY o.next_attempt_at, o.id LIMIT \(bind: limit)
                """).decodeAll(FederationOutboxRecord.self)
        }
    }

    public func markDelivered(id: Int64, at: Double) async throws {
        try await database.transaction { sql in
            try await sql.raw("""
                UPDATE federation_outbox SET delivered_at = \(bind: at), attempts = attempts + 1, last_error = NULL
                WHERE id = \(bind: id) AND delivered_at IS NULL
                """).run()
        }
    }

    /// Records a failed attempt and when to try again.
    public func markFailed(id: Int64, error: String, nextAttemptAt: Double) async throws {
        try await database.transaction { sql in
            try await sql.raw("""
                UPDATE federation_outbox SET attempts = attempts + 1, last_error = \(bind: String(error.prefix(500))),
                    next_attempt_at = \(bind: nextAttemptAt)
                WHERE id = \(bind: id) AND delivered_at IS NULL
                """).run()
        }
    }

    /// Records that the partner refused the document for a reason another attempt would not change.
    public func markRefused(id: Int64, error: String, at: Double) async throws {
        try await database.transaction { sql in
            try await sql.raw("""
                UPDATE federation_outbox SET attempts = attempts + 1, last_error = \(bind: String(error.prefix(500))), refused_at = \(bind: at)
                WHERE id = \(bind: id) AND delivered_at IS NULL
                """).run()
        }
    }

    /// The council's shared documents, the latest first.
    public func all(councilID: Int64, limit: Int = 100) async throws -> [FederationOutboxRecord] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT * FROM federation_outbox WHERE council_id = \(bind: councilID) ORDER BY created_at DESC, id DESC LIMIT \(bind: limit)
                """).decodeAll(FederationOutboxRecord.self)
        }
    }

    /// The instance's latest documents, for its administrators.
    public func latest(limit: Int = 100) async throws -> [FederationOutboxRecord] {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM federation_outbox ORDER BY created_at DESC, id DESC LIMIT \(bind: limit)")
                .decodeAll(FederationOutboxRecord.self)
        }
    }

    public func find(id: Int64) async throws -> FederationOutboxRecord? {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM federation_outbox WHERE id = \(bind: id)").decodeFirst(FederationOutboxRecord.self)
        }
    }
}
