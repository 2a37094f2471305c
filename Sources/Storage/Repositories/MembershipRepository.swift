import Foundation
import HemicycleDomain
import SQLKit

/// Who holds which role in which council, and in which group.
public struct MembershipRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    private static let selectColumns = """
        SELECT m.id, m.council_id, m.account_id, m.role, m.group_id, a.display_name, a.email
        FROM memberships m JOIN accounts a ON a.id = m.account_id
        """

    public func all(councilID: Int64) async throws -> [Membership] {
        try await database.withSQL { sql in
            try await sql.raw("\(unsafeRaw: Self.selectColumns) WHERE m.council_id = \(bind: councilID) ORDER BY a.display_name, m.id")
                .all(decoding: Membership.self, keyDecodingStrategy: .convertFromSnakeCase)
        }
    }

    public func find(id: Int64, councilID: Int64) async throws -> Membership? {
        try await database.withSQL { sql in
            try await sql.raw("\(unsafeRaw: Self.selectColumns) WHERE m.id = \(bind: id) AND m.council_id = \(bind: councilID)")
                .first(decoding: Membership.self, keyDecodingStrategy: .convertFromSnakeCase)
        }
    }

    public func find(accountID: Int64, councilID: Int64) async throws -> Membership? {
        try await database.withSQL { sql in
            try await sql.raw("\(unsafeRaw: Self.selectColumns) WHERE m.account_id = \(bind: accountID) AND m.council_id = \(bind: councilID)")
                .first(decoding: Membership.self, keyDecodingStrategy: .convertFromSnakeCase)
        }
    }

    /// Every membership of one person, across councils.
    public func all(accountID: Int64) async throws -> [Membership] {
        try await database.withSQL { sql in
            try await sql.raw("\(unsafeRaw: Self.selectColumns) WHERE m.account_id = \(bind: accountID) ORDER BY m.council_id")
                .all(decoding: Membership.self, keyDecodingStrategy: .convertFromSnakeCase)
        }
    }

    /// Adds a person to a council; the domain's group rule and the group's council are checked.
    @discardableResult
    public func add(councilID: Int64, accountID: Int64, role: Role, groupID: Int64?,
                    on sql: (any SQLDatabase)? = nil) async throws -> Int64 {
        let body: (any SQLDatabase) async throws -> Int64 = { sql in
            try Validate.membership(role: role, hasGroup: groupID != nil)
            try await Self.checkGroup(groupID, councilID: councilID, on: sql)
            let existing = try await sql.select().column("id").from("memberships")
                .where("council_id", .equal, councilID).where("account_id", .equal, accountID).first()
            guard existing == nil else { throw StoreError.alreadyMember }
            return try await sql.insert(into: "memberships")
                .columns("council_id", "account_id", "role", "group_id", "created_at")
                .values(SQLBind(councilID), SQLBind(accountID), SQLBind(role.rawValue), SQLBind(groupID),
                        SQLBind(Date().timeIntervalSince1970))
                .returning("id")
                .first(decodingColumn: "id", as: Int64.self) ?? 0
        }
        if let sql { return try await body(sql) }
        return try await database.transaction(body)
    }

    public func update(id: Int64, councilID: Int64, role: Role, groupID: Int64?) async throws {
        try Validate.membership(role: role, hasGroup: groupID != nil)
        try await database.transaction { sql in
            try await Self.checkGroup(groupID, councilID: councilID, on: sql)
            guard try await sql.select().column("id").from("memberships")
                .where("id", .equal, id).where("council_id", .equal, councilID).first() != nil
            else { throw StoreError.notFound }
            try await sql.update("memberships").set("role", to: role.rawValue).set("group_id", to: groupID)
                .where("id", .equal, id).where("council_id", .equal, councilID).run()
        }
    }

    public func remove(id: Int64, councilID: Int64) async throws {
        try await database.transaction { sql in
            guard try await sql.select().column("id").from("memberships")
                .where("id", .equal, id).where("council_id", .equal, councilID).first() != nil
            else { throw StoreError.notFound }
            try await sql.delete(from: "commission_seats").where("membership_id", .equal, id).run()
            try await sql.delete(from: "memberships").where("id", .equal, id).run()
        }
    }

    private static func checkGroup(_ groupID: Int64?, councilID: Int64, on sql: any SQLDatabase) async throws {
        guard let groupID else { return }
        let found = try await sql.select().column("id").from("council_groups")
            .where("id", .equal, groupID).where("council_id", .equal, councilID).first()
        guard found != nil else { throw StoreError.groupNotInCouncil }
    }
}
