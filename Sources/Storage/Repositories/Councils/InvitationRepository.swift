import Foundation
import HemicycleDomain
import SQLKit

/// A seat offered to an e-mail address, waiting for its owner to accept it through the link sent there.
public struct Invitation: Sendable, Hashable, Decodable {
    public let id: Int64
    public let councilId: Int64
    public let email: String
    public let role: String
    public let groupId: Int64?
    public let createdAt: Double
    public let expiresAt: Double

    public var roleValue: Role { Role(rawValue: role) ?? .citizen }

    enum CodingKeys: String, CodingKey {
        case id
        case councilId = "council_id"
        case email
        case role
        case groupId = "group_id"
        case createdAt = "created_at"
        case expiresAt = "expires_at"
    }
}

/// Invitations to take a seat in a council; only the digest of each link's token is stored.
public struct InvitationRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    private static let columns = ["id", "council_id", "email", "role", "group_id", "created_at", "expires_at"]

    /// Offers a seat; a pending invitation of the same address to the same council is replaced (its link stops
    /// working).
    @discardableResult
    public func create(councilID: Int64, email: String, role: Role, groupID: Int64?, tokenHash: String, invitedBy: Int64?,
                       now: Date, expiresAt: Date) async throws -> Int64 {
        try Validate.membership(role: role, hasGroup: groupID != nil)
        return try await database.transaction { sql in
            if let groupID {
                guard try await sql.select().column("id").from("council_groups").where("id", .equal, groupID)
                    .where("council_id", .equal, councilID).first() != nil else { throw StoreError.groupNotInCouncil }
            }
            try await sql.update("invitations").set("revoked_at", to: now.timeIntervalSince1970)
                .where("council_id", .equal, councilID).where("email", .equal, email)
                .where("accepted_at", .is, SQLLiteral.null).where("revoked_at", .is, SQLLiteral.null).run()
            return try await sql.insert(into: "invitations")
                .columns("council_id", "email", "role", "group_id", "token_hash", "invited_by", "created_at", "expires_at")
                .values(SQLBind(councilID), SQLBind(email), SQLBind(role.rawValue), SQLBind(groupID), SQLBind(tokenHash),
                        SQLBind(invitedBy), SQLBind(now.timeIntervalSince1970), SQLBind(expiresAt.timeIntervalSince1970))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        }
    }

    /// The pending, unexpired invitation a link stands for.
    public func find(tokenHash: String, now: Date) async throws -> Invitation? {
        try await database.read { sql in
            try await Self.pending(sql, now: now).where("token_hash", .equal, tokenHash)
                .decodeFirst(Invitation.self)
        }
    }

    /// The council's pending invitations, newest first.
    public func pending(councilID: Int64, now: Date) async throws -> [Invitation] {
        try await database.read { sql in
            try await Self.pending(sql, now: now).where("council_id", .equal, councilID).orderBy("created_at", .descending)
                .decodeAll(Invitation.self)
        }
    }

    private static func pending(_ sql: any SQLDatabase, now: Date) -> SQLSelectBuilder {
        sql.select().columns(columns.map { SQLIdentifier($0) }).from("invitations")
            .where("accepted_at", .is, SQLLiteral.null).where("revoked_at", .is, SQLLiteral.null)
            .where("expires_at", .greaterThan, now.timeIntervalSince1970)
    }

    /// Takes the seat for `accountID`, whose address must be the invited one; the invitation is used up in the same
    /// transaction, so a link works once.
    public func accept(tokenHash: String, accountID: Int64, email: String, now: Date) async throws -> Invitation {
        try await database.transaction { sql in
            guard let invitation = try await Self.pending(sql, now: now).where("token_hash", .equal, tokenHash)
                .decodeFirst(Invitation.self)
            else { throw StoreError.notFound }
            guard invitation.email == email else { throw StoreError.notEligible }
            // One statement claims the invitation: two requests racing with the same link cannot both take the seat.
            guard try await sql.raw("""
                UPDATE invitations SET accepted_at = \(bind: now.timeIntervalSince1970)
                WHERE id = \(bind: invitation.id) AND accepted_at IS NULL AND revoked_at IS NULL RETURNING id
                """).first() != nil else { throw StoreError.notFound }
            try await MembershipRepository(database: database).add(
                councilID: invitation.councilId, accountID: accountID, role: invitation.roleValue, groupID: invitation.groupId,
                now: now, on: sql)
            return invitation
        }
    }

    public func revoke(id: Int64, councilID: Int64, now: Date) async throws {
        try await database.withSQL { sql in
            try await sql.update("invitations").set("revoked_at", to: now.timeIntervalSince1970)
                .where("id", .equal, id).where("council_id", .equal, councilID)
                .where("accepted_at", .is, SQLLiteral.null).run()
        }
    }
}
