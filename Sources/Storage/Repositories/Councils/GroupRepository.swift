import Foundation
import HemicycleDomain
import SQLKit

/// The groups of a council; every query is scoped to one council.
public struct GroupRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public func all(councilID: Int64) async throws -> [CouncilGroup] {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM council_groups WHERE council_id = \(bind: councilID) ORDER BY name_fr, id")
                .decodeAll(CouncilGroup.self)
        }
    }

    public func find(id: Int64, councilID: Int64) async throws -> CouncilGroup? {
        try await database.read { sql in
            try await sql.select().column("*").from("council_groups")
                .where("id", .equal, id).where("council_id", .equal, councilID)
                .decodeFirst(CouncilGroup.self)
        }
    }

    @discardableResult
    public func create(councilID: Int64, name: LocalizedText, acronym: String?, description: LocalizedText, at: Date,
                       on sql: (any SQLDatabase)? = nil) async throws -> Int64 {
        let insert: (any SQLDatabase) async throws -> Int64 = { sql in
            try await sql.insert(into: "council_groups")
                .columns("council_id", "acronym", "name_fr", "name_ar", "name_en",
                         "description_fr", "description_ar", "description_en", "created_at")
                .values(SQLBind(councilID), SQLBind(acronym), SQLBind(name[.fr]), SQLBind(name[.ar]), SQLBind(name[.en]),
                        SQLBind(description[.fr]), SQLBind(description[.ar]), SQLBind(description[.en]),
                        SQLBind(at.timeIntervalSince1970))
                .returning("id")
                .first(decodingColumn: "id", as: Int64.self) ?? 0
        }
        if let sql { return try await insert(sql) }
        return try await database.withSQL(insert)
    }

    public func update(id: Int64, councilID: Int64, name: LocalizedText, acronym: String?, description: LocalizedText) async throws {
        try await database.transaction { sql in
            guard try await sql.select().column("id").from("council_groups")
                .where("id", .equal, id).where("council_id", .equal, councilID).first() != nil
            else { throw StoreError.notFound }
            try await sql.update("council_groups")
                .set("acronym", to: acronym)
                .set("name_fr", to: name[.fr]).set("name_ar", to: name[.ar]).set("name_en", to: name[.en])
                .set("description_fr", to: description[.fr]).set("description_ar", to: description[.ar])
                .set("description_en", to: description[.en])
                .where("id", .equal, id).where("council_id", .equal, councilID)
                .run()
        }
    }

    /// Removes an empty group; a group that still has members is refused. OParl's clients are told of it.
    public func delete(id: Int64, councilID: Int64, at: Double) async throws {
        try await database.transaction { sql in
            guard try await sql.select().column("id").from("council_groups")
                .where("id", .equal, id).where("council_id", .equal, councilID).first() != nil
            else { throw StoreError.notFound }
            let members = try await sql.raw("SELECT COUNT(*) AS n FROM memberships WHERE group_id = \(bind: id)")
                .first(decodingColumn: "n", as: Int.self) ?? 0
            guard members == 0 else { throw StoreError.groupHasMembers }
            try await sql.delete(from: "council_groups").where("id", .equal, id).run()
            try await OParlDeletionRepository.record(councilID: councilID, kind: "organizations", key: "group-\(id)", createdAt: nil,
                                                     at: at, on: sql)
        }
    }
}
