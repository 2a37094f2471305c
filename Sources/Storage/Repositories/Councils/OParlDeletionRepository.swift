import Foundation
import HemicycleDomain
import SQLKit

/// An object deleted from what the OParl endpoint shows: its list (`meetings`, `agendaItems`, `files`,
/// `organizations`, `memberships`) and its key there.
public struct OParlDeletion: Sendable, Hashable, Decodable {
    public let kind: String
    public let objectKey: String
    public let createdAt: Double?
    public let deletedAt: Double
    /// An agenda item's place in its agenda (from 1), a file's address (its path on the site): OParl requires them.
    public let order: Int?
    public let address: String?

    enum CodingKeys: String, CodingKey {
        case kind
        case objectKey = "object_key"
        case createdAt = "created_at"
        case deletedAt = "deleted_at"
        case order = "object_order"
        case address
    }
}

/// The deletions OParl clients are told of. They are recorded in the transaction that deletes.
public struct OParlDeletionRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// Records a deletion; an object deleted again (a key reused, then deleted) keeps its latest time.
    static func record(councilID: Int64, kind: String, key: String, createdAt: Double?, at: Double, order: Int? = nil, address: String? = nil,
                       on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO oparl_deletions (council_id, kind, object_key, created_at, deleted_at, object_order, address)
            VALUES (\(bind: councilID), \(bind: kind), \(bind: key), \(bind: createdAt), \(bind: at), \(bind: order), \(bind: address))
            ON CONFLICT (council_id, kind, object_key) DO UPDATE SET deleted_at = excluded.deleted_at
            """).run()
    }

    /// The roles whose seats OParl shows, as SQL (built from `Role`, never from input).
    static let sittingRoles = Role.allCases.filter(\.sitsInAssembly).map { "'\($0.rawValue)'" }.joined(separator: ", ")

    /// Records the commission memberships of the seats `membershipIDs` (a list of ids or a query giving them; only
    /// commission `only` when given, none in `keeping`) as deleted: called before their commission seats are. Seats
    /// OParl does not show (staff) are left out.
    static func recordLeavingCommissions(membershipIDs: String, only: Int64? = nil, keeping: Set<Int64> = [], at: Double,
                                         on sql: any SQLDatabase) async throws {
        let rows = try await sql.raw("""
            SELECT cs.commission_id, cs.membership_id, m.council_id FROM commission_seats cs JOIN memberships m ON m.id = cs.membership_id
            WHERE cs.membership_id IN (\(unsafeRaw: membershipIDs)) AND m.role IN (\(unsafeRaw: sittingRoles))
            ORDER BY cs.commission_id, cs.membership_id
            """).all()
        for row in rows {
            let commission = try row.decode(column: "commission_id", as: Int64.self)
            guard !keeping.contains(commission), only == nil || only == commission else { continue }
            try await record(councilID: try row.decode(column: "council_id", as: Int64.self), kind: "memberships",
                             key: "commission-\(commission)-\(try row.decode(column: "membership_id", as: Int64.self))", createdAt: nil, at: at, on: sql)
        }
    }

    /// What a change of role or group takes out of OParl: a seat that no longer sits in the assembly, its person and
    /// memberships; one that leaves the bureau, its bureau membership; one that leaves its group, its group membership.
    static func recordRoleChange(seat: Int64, councilID: Int64, from before: Role, to after: Role, groupBefore: Int64?, groupAfter: Int64?,
                                 at: Double, on sql: any SQLDatabase) async throws {
        guard before.sitsInAssembly else { return }
        var gone: [(String, String)] = []
        let bureau: Set<Role> = [.bureau, .president]
        if !after.sitsInAssembly {
            gone += [("persons", "\(seat)"), ("memberships", "assembly-\(seat)")]
            try await recordLeavingCommissions(membershipIDs: "\(seat)", at: at, on: sql)
        }
        if bureau.contains(before) && (!after.sitsInAssembly || !bureau.contains(after)) { gone.append(("memberships", "bureau-\(seat)")) }
        if groupBefore != nil && (!after.sitsInAssembly || groupAfter == nil) { gone.append(("memberships", "group-\(seat)")) }
        for (kind, key) in gone { try await record(councilID: councilID, kind: kind, key: key, createdAt: nil, at: at, on: sql) }
    }

    public func record(councilID: Int64, kind: String, key: String, createdAt: Double?, at: Double, order: Int? = nil,
                       address: String? = nil) async throws {
        try await database.withSQL { sql in
            try await Self.record(councilID: councilID, kind: kind, key: key, createdAt: createdAt, at: at, order: order, address: address, on: sql)
        }
    }

    /// The council's deletions in one list, in order of key.
    public func all(councilID: Int64, kind: String) async throws -> [OParlDeletion] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT kind, object_key, created_at, deleted_at, object_order, address FROM oparl_deletions
                WHERE council_id = \(bind: councilID) AND kind = \(bind: kind) ORDER BY object_key
                """).decodeAll(OParlDeletion.self)
        }
    }
}
