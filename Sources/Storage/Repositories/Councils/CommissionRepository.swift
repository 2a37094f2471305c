import Foundation
import HemicycleDomain
import SQLKit

/// The commissions of a council and who sits in them; every query is scoped to one council.
public struct CommissionRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public func all(councilID: Int64) async throws -> [Commission] {
        try await database.read { sql in
            try await sql.select().column("*").from("commissions").where("council_id", .equal, councilID)
                .orderBy("name_fr").orderBy("id")
                .decodeAll(Commission.self)
        }
    }

    public func find(id: Int64, councilID: Int64) async throws -> Commission? {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM commissions WHERE id = \(bind: id) AND council_id = \(bind: councilID)")
                .decodeFirst(Commission.self)
        }
    }

    @discardableResult
    public func create(councilID: Int64, name: LocalizedText, description: LocalizedText, at: Date,
                       on sql: (any SQLDatabase)? = nil) async throws -> Int64 {
        let insert: (any SQLDatabase) async throws -> Int64 = { sql in
            try await sql.insert(into: "commissions")
                .columns("council_id", "name_fr", "name_ar", "name_en", "description_fr", "description_ar",
                         "description_en", "created_at")
                .values(SQLBind(councilID), SQLBind(name[.fr]), SQLBind(name[.ar]), SQLBind(name[.en]),
                        SQLBind(description[.fr]), SQLBind(description[.ar]), SQLBind(description[.en]),
                        SQLBind(at.timeIntervalSince1970))
                .returning("id")
                .first(decodingColumn: "id", as: Int64.self) ?? 0
        }
        if let sql { return try await insert(sql) }
        return try await database.withSQL(insert)
    }

    public func update(id: Int64, councilID: Int64, name: LocalizedText, description: LocalizedText) async throws {
        try await database.transaction { sql in
            guard try await sql.select().column("id").from("commissions")
                .where("id", .equal, id).where("council_id", .equal, councilID).first() != nil
            else { throw StoreError.notFound }
            try await sql.update("commissions")
                .set("name_fr", to: name[.fr]).set("name_ar", to: name[.ar]).set("name_en", to: name[.en])
                .set("description_fr", to: description[.fr]).set("description_ar", to: description[.ar])
                .set("description_en", to: description[.en])
                .where("id", .equal, id).where("council_id", .equal, councilID)
                .run()
        }
    }

    /// Removes a commission and its seats. OParl's clients are told of the organisation and its memberships deleted.
    public func delete(id: Int64, councilID: Int64, at: Double) async throws {
        try await database.transaction { sql in
            guard try await sql.select().column("id").from("commissions")
                .where("id", .equal, id).where("council_id", .equal, councilID).first() != nil
            else { throw StoreError.notFound }
            try await OParlDeletionRepository.recordLeavingCommissions(
                membershipIDs: "SELECT membership_id FROM commission_seats WHERE commission_id = \(id)", only: id, at: at, on: sql)
            try await OParlDeletionRepository.record(councilID: councilID, kind: "organizations", key: "commission-\(id)", createdAt: nil, at: at, on: sql)
            try await sql.delete(from: "commission_seats").where("commission_id", .equal, id).run()
            try await sql.delete(from: "commissions").where("id", .equal, id).run()
        }
    }

    /// Pairs (commission id, membership id) of every seat in the council's commissions.
    public func seats(councilID: Int64) async throws -> [(commissionID: Int64, membershipID: Int64)] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT s.commission_id, s.membership_id FROM commission_seats s
                JOIN commissions c ON c.id = s.commission_id WHERE c.council_id = \(bind: councilID)
                ORDER BY s.commission_id, s.membership_id
                """).all().map { row in
                (try row.decode(column: "commission_id", as: Int64.self), try row.decode(column: "membership_id", as: Int64.self))
            }
        }
    }

    /// Replaces the commissions a membership sits in; ids from another council are refused.
    public func setSeats(membershipID: Int64, commissionIDs: [Int64], councilID: Int64, at: Double,
                         on sql: (any SQLDatabase)? = nil) async throws {
        let body: (any SQLDatabase) async throws -> Void = { sql in
            let valid = Set(try await sql.select().column("id").from("commissions").where("council_id", .equal, councilID)
                .all(decodingColumn: "id", as: Int64.self))
            guard Set(commissionIDs).isSubset(of: valid) else { throw StoreError.notFound }
            try await OParlDeletionRepository.recordLeavingCommissions(membershipIDs: "\(membershipID)", keeping: Set(commissionIDs), at: at, on: sql)
            try await sql.delete(from: "commission_seats").where("membership_id", .equal, membershipID).run()
            for commissionID in Set(commissionIDs).sorted() {
                try await sql.insert(into: "commission_seats").columns("commission_id", "membership_id")
                    .values(SQLBind(commissionID), SQLBind(membershipID)).run()
            }
        }
        if let sql { try await body(sql) } else { try await database.transaction(body) }
    }
}
