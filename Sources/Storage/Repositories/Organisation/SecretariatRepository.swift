import HemicycleDomain
import SQLKit

/// A direction or a service of the council's administration.
public struct SecretariatUnitRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let councilId: Int64
    public let parentId: Int64?
    /// `direction` or `service`.
    public let kind: String
    public let nameFr: String?
    public let nameAr: String?
    public let nameEn: String?
    public let createdAt: Double

    public var name: LocalizedText { LocalizedText(fr: nameFr, ar: nameAr, en: nameEn) }

    enum CodingKeys: String, CodingKey {
        case id, kind
        case councilId = "council_id", parentId = "parent_id", nameFr = "name_fr", nameAr = "name_ar", nameEn = "name_en", createdAt = "created_at"
    }
}

/// A post of the administration: its title, grade, and the staff seat holding it (none when vacant).
public struct SecretariatPostRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let councilId: Int64
    public let unitId: Int64
    public let titleFr: String?
    public let titleAr: String?
    public let titleEn: String?
    public let grade: String
    public let holderId: Int64?
    public let createdAt: Double
    public let updatedAt: Double

    public var title: LocalizedText { LocalizedText(fr: titleFr, ar: titleAr, en: titleEn) }

    enum CodingKeys: String, CodingKey {
        case id, grade
        case councilId = "council_id", unitId = "unit_id", titleFr = "title_fr", titleAr = "title_ar", titleEn = "title_en", holderId = "holder_id"
        case createdAt = "created_at", updatedAt = "updated_at"
    }
}

/// A member of staff assigned to a commission or to a work.
public struct SecretariatAssignmentRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let councilId: Int64
    public let membershipId: Int64
    public let commissionId: Int64?
    public let workId: Int64?
    public let createdAt: Double

    enum CodingKeys: String, CodingKey {
        case id
        case councilId = "council_id", membershipId = "membership_id", commissionId = "commission_id", workId = "work_id", createdAt = "created_at"
    }
}

/// Why a change to the administration was not made.
public enum SecretariatChangeRefused: Error, Equatable {
    case notFound
    case refused(String)
}

/// The council's administration: directions, services, posts and the staff's assignments.
public struct SecretariatRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public func units(councilID: Int64) async throws -> [SecretariatUnitRecord] {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM secretariat_units WHERE council_id = \(bind: councilID) ORDER BY id").decodeAll(SecretariatUnitRecord.self)
        }
    }

    public func posts(councilID: Int64) async throws -> [SecretariatPostRecord] {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM secretariat_posts WHERE council_id = \(bind: councilID) ORDER BY id").decodeAll(SecretariatPostRecord.self)
        }
    }

    public func assignments(councilID: Int64) async throws -> [SecretariatAssignmentRecord] {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM secretariat_assignments WHERE council_id = \(bind: councilID) ORDER BY id")
                .decodeAll(SecretariatAssignmentRecord.self)
        }
    }

    /// Adds a direction or a service, once `check` accepts its parent's kind (nil for none); a parent of another
    /// council is not found.
    public func addUnit(councilID: Int64, parentID: Int64?, kind: String, name: LocalizedText, at: Double,
                        check: @Sendable (String?) -> String?) async throws -> Int64 {
        try await database.transaction { sql in
            var parentKind: String?
            if let parentID {
                guard let row = try await sql.raw("""
                    UPDATE secretariat_units SET kind = kind WHERE id = \(bind: parentID) AND council_id = \(bind: councilID) RETURNING kind
                    """).first() else { throw SecretariatChangeRefused.notFound }
                parentKind = try row.decode(column: "kind", as: String.self)
            }
            if let key = check(parentKind) { throw SecretariatChangeRefused.refused(key) }
            return try await sql.insert(into: "secretariat_units")
                .columns("council_id", "parent_id", "kind", "name_fr", "name_ar", "name_en", "created_at")
                .values(SQLBind(councilID), SQLBind(parentID), SQLBind(kind), SQLBind(name[.fr]), SQLBind(name[.ar]), SQLBind(name[.en]), SQLBind(at))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        }
    }

    /// Removes a unit once `check` accepts what sits in it (its services, its posts).
    public func removeUnit(id: Int64, councilID: Int64, check: @Sendable (_ children: Int, _ posts: Int) -> String?) async throws {
        try await database.transaction { sql in
            guard try await sql.raw("UPDATE secretariat_units SET kind = kind WHERE id = \(bind: id) AND council_id = \(bind: councilID) RETURNING id")
                .first() != nil else { throw SecretariatChangeRefused.notFound }
            let children = try await sql.raw("SELECT COUNT(*) AS n FROM secretariat_units WHERE parent_id = \(bind: id)").first(decodingColumn: "n", as: Int.self) ?? 0
            let posts = try await sql.raw("SELECT COUNT(*) AS n FROM secretariat_posts WHERE unit_id = \(bind: id)").first(decodingColumn: "n", as: Int.self) ?? 0
            if let key = check(children, posts) { throw SecretariatChangeRefused.refused(key) }
            try await sql.delete(from: "secretariat_units").where("id", .equal, id).run()
        }
    }

    public func addPost(councilID: Int64, unitID: Int64, title: LocalizedText, grade: String, at: Double) async throws -> Int64 {
        try await database.transaction { sql in
            guard try await sql.raw("UPDATE secretariat_units SET kind = kind WHERE id = \(bind: unitID) AND council_id = \(bind: councilID) RETURNING id")
                .first() != nil else { throw SecretariatChangeRefused.notFound }
            return try await sql.insert(into: "secretariat_posts")
                .columns("council_id", "unit_id", "title_fr", "title_ar", "title_en", "grade", "holder_id", "created_at", "updated_at")
                .values(SQLBind(councilID), SQLBind(unitID), SQLBind(title[.fr]), SQLBind(title[.ar]), SQLBind(title[.en]), SQLBind(grade),
                        SQLBind(Int64?.none), SQLBind(at), SQLBind(at))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        }
    }

    /// The seat `holderID` (of this council, still sitting) takes the post, or the post falls vacant (nil), once
    /// `check` accepts the seat's role and how many posts it holds; the seat's row is claimed so two posts are never
    /// given to it at once.
    public func setHolder(postID: Int64, councilID: Int64, holderID: Int64?, at: Double,
                          check: @Sendable (_ role: String, _ postsHeld: Int) -> String?) async throws {
        try await database.transaction { sql in
            guard try await sql.raw("UPDATE secretariat_posts SET updated_at = \(bind: at) WHERE id = \(bind: postID) AND council_id = \(bind: councilID) RETURNING id")
                .first() != nil else { throw SecretariatChangeRefused.notFound }
            if let holderID {
                guard let seat = try await sql.raw("""
                    UPDATE memberships SET role = role WHERE id = \(bind: holderID) AND council_id = \(bind: councilID) AND ended_at IS NULL RETURNING role
                    """).first() else { throw SecretariatChangeRefused.refused("secretariat_error_holder") }
                let role = try seat.decode(column: "role", as: String.self)
                let held = try await sql.raw("""
                    SELECT COUNT(*) AS n FROM secretariat_posts WHERE holder_id = \(bind: holderID) AND id <> \(bind: postID)
                    """).first(decodingColumn: "n", as: Int.self) ?? 0
                if let key = check(role, held) { throw SecretariatChangeRefused.refused(key) }
            }
            try await sql.update("secretariat_posts").set("holder_id", to: SQLBind(holderID)).where("id", .equal, postID).run()
        }
    }

    public func removePost(id: Int64, councilID: Int64) async throws {
        try await database.withSQL { sql in
            guard try await sql.raw("DELETE FROM secretariat_posts WHERE id = \(bind: id) AND council_id = \(bind: councilID) RETURNING id").first() != nil
            else { throw SecretariatChangeRefused.notFound }
        }
    }

    /// Assigns the seat to a commission or a work of the council, once `check` accepts the seat's role and whether
    /// the same assignment exists.
    public func assign(councilID: Int64, seatID: Int64, commissionID: Int64?, workID: Int64?, at: Double,
                       check: @Sendable (_ role: String, _ duplicate: Bool) -> String?) async throws -> Int64 {
        try await database.transaction { sql in
            guard let seat = try await sql.raw("""
                UPDATE memberships SET role = role WHERE id = \(bind: seatID) AND council_id = \(bind: councilID) AND ended_at IS NULL RETURNING role
                """).first() else { throw SecretariatChangeRefused.refused("secretariat_error_holder") }
            let role = try seat.decode(column: "role", as: String.self)
            if let commissionID, try await sql.raw("SELECT id FROM commissions WHERE id = \(bind: commissionID) AND council_id = \(bind: councilID)").first() == nil {
                throw SecretariatChangeRefused.refused("secretariat_error_subject")
            }
            if let workID, try await sql.raw("SELECT id FROM works WHERE id = \(bind: workID) AND council_id = \(bind: councilID)").first() == nil {
                throw SecretariatChangeRefused.refused("secretariat_error_subject")
            }
            let duplicate = try await sql.raw("""
                SELECT id FROM secretariat_assignments WHERE membership_id = \(bind: seatID)
                AND COALESCE(commission_id, -1) = \(bind: commissionID ?? -1) AND COALESCE(work_id, -1) = \(bind: workID ?? -1)
                """).first() != nil
            if let key = check(role, duplicate) { throw SecretariatChangeRefused.refused(key) }
            return try await sql.insert(into: "secretariat_assignments")
                .columns("council_id", "membership_id", "commission_id", "work_id", "created_at")
                .values(SQLBind(councilID), SQLBind(seatID), SQLBind(commissionID), SQLBind(workID), SQLBind(at))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        }
    }

    public func unassign(id: Int64, councilID: Int64) async throws {
        try await database.withSQL { sql in
            guard try await sql.raw("DELETE FROM secretariat_assignments WHERE id = \(bind: id) AND council_id = \(bind: councilID) RETURNING id")
                .first() != nil else { throw SecretariatChangeRefused.notFound }
        }
    }
}
