import SQLKit

/// A partner instance this one is linked with: where its inbox is, and the public key its requests are signed with.
public struct FederationPeerRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let name: String
    /// The partner's public address (`https://cese.ma.example`), its inbox under it.
    public let baseUrl: String
    public let keyId: String
    /// Its Ed25519 public key, in base64.
    public let publicKey: String
    public let createdAt: Double
    /// Once revoked, nothing signed with its key is taken and nothing more is sent to it.
    public let revokedAt: Double?

    public var isRevoked: Bool { revokedAt != nil }

    enum CodingKeys: String, CodingKey {
        case id, name
        case baseUrl = "base_url", keyId = "key_id", publicKey = "public_key", createdAt = "created_at", revokedAt = "revoked_at"
    }
}

/// The instance's own signing key and the partner instances it is linked with. Keys are exchanged out of band: an
/// administrator gives the partner this instance's public key and pastes theirs here.
public struct FederationPeerRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// The instance's private key (base64 of its 32 bytes): the one kept, or `newKey()` kept now when there is none yet.
    /// Two servers starting together keep the same one.
    public func instanceKey(newKey: @Sendable () -> String, at: Double) async throws -> String {
        if let kept = try await keptKey() { return kept }
        let fresh = newKey()
        try await database.transaction { sql in
            try await sql.raw("""
                INSERT INTO federation_key (id, private_key, created_at) VALUES (1, \(bind: fresh), \(bind: at)) ON CONFLICT DO NOTHING
                """).run()
        }
        guard let kept = try await keptKey() else { throw StoreError.notFound }
        return kept
    }

    func keptKey() async throws -> String? {
        try await database.read { sql in
            try await sql.raw("SELECT private_key FROM federation_key WHERE id = 1").first()?.decode(column: "private_key", as: String.self)
        }
    }

    /// Linked instances first, in the order they were linked, then the revoked ones.
    public func all() async throws -> [FederationPeerRecord] {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM federation_peers ORDER BY (revoked_at IS NOT NULL), created_at, id").decodeAll(FederationPeerRecord.self)
        }
    }

    public func find(id: Int64) async throws -> FederationPeerRecord? {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM federation_peers WHERE id = \(bind: id)").decodeFirst(FederationPeerRecord.self)
        }
    }

    public func find(keyID: String) async throws -> FederationPeerRecord? {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM federation_peers WHERE key_id = \(bind: keyID)").decodeFirst(FederationPeerRecord.self)
        }
    }

    /// Links an instance by its key; `StoreError.duplicateName` when that key is already known (linked or revoked).
    public func link(name: String, baseURL: String, keyID: String, publicKey: String, at: Double) async throws -> Int64 {
        try await database.transaction { sql in
            guard let row = try await sql.raw("""
                INSERT INTO federation_peers (name, base_url, key_id, public_key, created_at)
                VALUES (\(bind: name), \(bind: baseURL), \(bind: keyID), \(bind: publicKey), \(bind: at))
                ON CONFLICT DO NOTHING RETURNING id
                """).first()
            else { throw StoreError.duplicateName }
            return try row.decode(column: "id", as: Int64.self)
        }
    }

    /// Revokes a link for good; `StoreError.notFound` when there is no such link, `.stateChanged` when it already was.
    public func revoke(id: Int64, at: Double) async throws {
        try await database.transaction { sql in
            guard try await sql.raw("SELECT id FROM federation_peers WHERE id = \(bind: id)").first() != nil else { throw StoreError.notFound }
            guard try await sql.raw("""
                UPDATE federation_peers SET revoked_at = \(bind: at) WHERE id = \(bind: id) AND revoked_at IS NULL RETURNING id
                """).first() != nil
            else { throw StoreError.stateChanged }
        }
    }
}
