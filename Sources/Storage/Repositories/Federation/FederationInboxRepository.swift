import SQLKit

/// A document a partner instance delivered to one of this instance's councils.
public struct ReceivedDocumentRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let peerId: Int64
    public let councilId: Int64
    public let documentId: String
    /// `agreement`, `practice_note`, `contribution` or `work_summary`.
    public let kind: String
    public let senderInstance: String
    public let senderCouncil: String
    public let senderName: String
    public let title: String
    public let summary: String
    public let body: String
    public let language: String
    public let url: String
    public let detail: String
    public let sharedAt: Double
    public let receivedAt: Double

    enum CodingKeys: String, CodingKey {
        case id, kind, title, summary, body, language, url, detail
        case peerId = "peer_id", councilId = "council_id", documentId = "document_id", senderInstance = "sender_instance",
             senderCouncil = "sender_council", senderName = "sender_name", sharedAt = "shared_at", receivedAt = "received_at"
    }
}

/// A document as it arrived, checked by the federation rules.
public struct IncomingDocument: Sendable {
    public var documentID: String
    public var kind: String
    public var senderInstance: String
    public var senderCouncil: String
    public var senderName: String
    public var recipient: String
    public var title: String
    public var summary: String
    public var body: String
    public var language: String
    public var url: String
    public var detail: String
    public var sharedAt: Double

    public init(documentID: String, kind: String, senderInstance: String, senderCouncil: String, senderName: String, recipient: String,
                title: String, summary: String, body: String, language: String, url: String, detail: String, sharedAt: Double) {
        self.documentID = documentID
        self.kind = kind
        self.senderInstance = senderInstance
        self.senderCouncil = senderCouncil
        self.senderName = senderName
        self.recipient = recipient
        self.title = title
        self.summary = summary
        self.body = body
        self.language = language
        self.url = url
        self.detail = detail
        self.sharedAt = sharedAt
    }
}

/// The inbox of partner instances' documents.
public struct FederationInboxRepository: Sendable {
    public enum Arrival: Sendable, Equatable {
        /// Kept now.
        case accepted(Int64)
        /// Delivered before (a redelivery): kept once.
        case duplicate(Int64)
    }

    public enum Refusal: Error, Sendable, Equatable {
        /// This very signature was taken before: a replayed request.
        case replayed
        /// The sending instance's link was revoked (or never made).
        case notLinked
        /// No council here has the address the document names.
        case unknownCouncil
    }

    let database: any Database

    public init(database: any Database) { self.database = database }

    /// Takes a delivery whose signature verified, in one transaction: the sender's link still stands, the signature
    /// (`signatureDigest`) was never taken before (those older than `forgetBefore` are forgotten, being refused by
    /// their age already), the recipient council exists; a document already received from that sender is kept once.
    public func receive(peerID: Int64, signatureDigest: String, document: IncomingDocument, at: Double,
                        forgetBefore: Double) async throws -> Arrival {
        try await database.transaction { sql in
            // An update that changes nothing locks the link's row: a revocation committed meanwhile is seen (PostgreSQL
            // re-reads the row; SQLite's writer runs alone).
            guard try await sql.raw("""
                UPDATE federation_peers SET revoked_at = revoked_at WHERE id = \(bind: peerID) AND revoked_at IS NULL RETURNING id
                """).first() != nil
            else { throw Refusal.notLinked }
            try await sql.raw("DELETE FROM federation_signatures WHERE seen_at < \(bind: forgetBefore)").run()
            guard try await sql.raw("""
                INSERT INTO federation_signatures (digest, seen_at) VALUES (\(bind: signatureDigest), \(bind: at)) ON CONFLICT DO NOTHING RETURNING digest
                """).first() != nil
            else { throw Refusal.replayed }
            guard let council = try await sql.raw("SELECT id FROM councils WHERE slug = \(bind: document.recipient)").first()?
                .decode(column: "id", as: Int64.self)
            else { throw Refusal.unknownCouncil }
            if let row = try await sql.raw("""
                INSERT INTO federation_received (peer_id, council_id, document_id, kind, sender_instance, sender_council, sender_name, title,
                    summary, body, language, url, detail, shared_at, received_at)
                VALUES (\(bind: peerID), \(bind: council), \(bind: document.documentID), \(bind: document.kind), \(bind: document.senderInstance),
                    \(bind: document.senderCouncil), \(bind: document.senderName), \(bind: document.title), \(bind: document.summary),
                    \(bind: document.body), \(bind: document.language), \(bind: document.url), \(bind: document.detail),
                    \(bind: document.sharedAt), \(bind: at))
                ON CONFLICT DO NOTHING RETURNING id
                """).first() {
                return .accepted(try row.decode(column: "id", as: Int64.self))
            }
            let kept = try await sql.raw("""
                SELECT id FROM federation_received WHERE peer_id = \(bind: peerID) AND document_id = \(bind: document.documentID)
                """).first()
            guard let kept else { throw StoreError.stateChanged }
            return .duplicate(try kept.decode(column: "id", as: Int64.self))
        }
    }

    /// What partners delivered to the council, the latest first.
    public func all(councilID: Int64) async throws -> [ReceivedDocumentRecord] {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM federation_received WHERE council_id = \(bind: councilID) ORDER BY received_at DESC, id DESC")
                .decodeAll(ReceivedDocumentRecord.self)
        }
    }

    public func find(id: Int64, councilID: Int64) async throws -> ReceivedDocumentRecord? {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM federation_received WHERE id = \(bind: id) AND council_id = \(bind: councilID)")
                .decodeFirst(ReceivedDocumentRecord.self)
        }
    }

    /// How many documents each linked instance delivered, by its link.
    public func counts() async throws -> [Int64: Int] {
        try await database.read { sql in
            var counts: [Int64: Int] = [:]
            for row in try await sql.raw("SELECT peer_id, COUNT(*) AS n FROM federation_received GROUP BY peer_id").all() {
                counts[try row.decode(column: "peer_id", as: Int64.self)] = try row.decode(column: "n", as: Int.self)
            }
            return counts
        }
    }
}
