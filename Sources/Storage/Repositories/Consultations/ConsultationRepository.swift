import Foundation
import HemicycleDomain
import SQLKit

/// Citizen consultations and their definitions; every query is scoped to one council.
public struct ConsultationRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// The council's consultations, newest opening first; drafts only when `includeDrafts`.
    public func all(councilID: Int64, includeDrafts: Bool) async throws -> [ConsultationRecord] {
        try await database.read { sql in
            var query = sql.select().column("*").from("consultations").where("council_id", .equal, councilID)
            if !includeDrafts { query = query.where("published", .equal, true) }
            return try await query.orderBy("opens_at", .descending).orderBy("id", .descending).decodeAll(ConsultationRecord.self)
        }
    }

    /// The consultations about a work, published ones unless `includeDrafts`.
    public func about(workID: Int64, councilID: Int64, includeDrafts: Bool) async throws -> [ConsultationRecord] {
        try await database.read { sql in
            var query = sql.select().column("*").from("consultations").where("council_id", .equal, councilID).where("work_id", .equal, workID)
            if !includeDrafts { query = query.where("published", .equal, true) }
            return try await query.orderBy("opens_at", .descending).decodeAll(ConsultationRecord.self)
        }
    }

    public func find(id: Int64, councilID: Int64) async throws -> ConsultationRecord? {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM consultations WHERE id = \(bind: id) AND council_id = \(bind: councilID)")
                .decodeFirst(ConsultationRecord.self)
        }
    }

    /// A draft consultation; `source` names an imported conversation and its attribution.
    public func create(councilID: Int64, _ definition: ConsultationDefinition, source: String? = nil, at: Double) async throws -> Int64 {
        try await database.transaction { sql in
            try await Self.insert(councilID: councilID, definition, source: source, at: at, on: sql)
        }
    }

    static func insert(councilID: Int64, _ definition: ConsultationDefinition, source: String?, at: Double, on sql: any SQLDatabase) async throws -> Int64 {
        try await checkWork(definition.workID, councilID: councilID, on: sql)
        let id = try await sql.insert(into: "consultations")
            .columns("council_id", "work_id", "title_fr", "title_ar", "title_en", "description_fr", "description_ar", "description_en",
                     "languages", "modules", "participation", "moderation", "published", "opens_at", "closes_at", "source",
                     "statements_version", "created_at", "minimum_age", "residences", "council_list")
            .values(SQLBind(councilID), SQLBind(definition.workID), SQLBind(definition.title[.fr]), SQLBind(definition.title[.ar]),
                    SQLBind(definition.title[.en]), SQLBind(definition.description[.fr]), SQLBind(definition.description[.ar]),
                    SQLBind(definition.description[.en]), SQLBind(definition.languages.joined(separator: ",")), SQLBind(definition.modules),
                    SQLBind(definition.participation), SQLBind(definition.moderation), SQLBind(false), SQLBind(definition.opensAt),
                    SQLBind(definition.closesAt), SQLBind(source), SQLBind(Int64(0)), SQLBind(at), SQLBind(definition.minimumAge),
                    SQLBind(definition.residences.isEmpty ? nil : definition.residences.joined(separator: "\n")), SQLBind(definition.councilList))
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        try await sql.insert(into: "consultation_maps")
            .columns("consultation_id", "through_vote", "statements_version", "lease_until")
            .values(SQLBind(id), SQLBind(Int64(0)), SQLBind(Int64(-1)), SQLBind(0.0)).run()
        return id
    }

    /// Rewrites the definition unless the synthesis is published (`StoreError.stateChanged`).
    public func update(id: Int64, councilID: Int64, _ definition: ConsultationDefinition) async throws {
        try await database.transaction { sql in
            try await Self.claim(id: id, councilID: councilID, on: sql)
            try await Self.checkWork(definition.workID, councilID: councilID, on: sql)
            try await sql.update("consultations")
                .set("title_fr", to: definition.title[.fr]).set("title_ar", to: definition.title[.ar]).set("title_en", to: definition.title[.en])
                .set("description_fr", to: definition.description[.fr]).set("description_ar", to: definition.description[.ar])
                .set("description_en", to: definition.description[.en]).set("work_id", to: definition.workID)
                .set("languages", to: definition.languages.joined(separator: ",")).set("modules", to: definition.modules)
                .set("participation", to: definition.participation).set("moderation", to: definition.moderation)
                .set("opens_at", to: definition.opensAt).set("closes_at", to: definition.closesAt)
                .set("minimum_age", to: definition.minimumAge)
                .set("residences", to: definition.residences.isEmpty ? nil : definition.residences.joined(separator: "\n"))
                .set("council_list", to: definition.councilList)
                // The moderation mode decides which statements are shown: the map follows.
                .set(SQLIdentifier("statements_version"), to: SQLRaw("statements_version + 1"))
                .where("id", .equal, id).run()
        }
    }

    /// Publishes a draft (`StoreError.stateChanged` when it was published meanwhile).
    public func publish(id: Int64, councilID: Int64) async throws {
        try await database.transaction { sql in
            guard try await sql.update("consultations").set("published", to: true)
                .where("id", .equal, id).where("council_id", .equal, councilID).where("published", .equal, false)
                .returning("id").first() != nil
            else { throw try await Self.exists(id: id, councilID: councilID, on: sql) ? StoreError.stateChanged : StoreError.notFound }
        }
    }

    /// Takes the consultation's row lock for the transaction, unless its synthesis is published.
    static func claim(id: Int64, councilID: Int64, on sql: any SQLDatabase) async throws {
        guard try await sql.update("consultations").set("published", to: SQLColumn("published"))
            .where("id", .equal, id).where("council_id", .equal, councilID).where(SQLColumn("synthesis_published_at"), .is, SQLLiteral.null)
            .returning("id").first() != nil
        else { throw try await exists(id: id, councilID: councilID, on: sql) ? StoreError.stateChanged : StoreError.notFound }
    }

    static func exists(id: Int64, councilID: Int64, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw("SELECT id FROM consultations WHERE id = \(bind: id) AND council_id = \(bind: councilID)").first() != nil
    }

    /// A linked work item must be the council's own.
    static func checkWork(_ workID: Int64?, councilID: Int64, on sql: any SQLDatabase) async throws {
        guard let workID else { return }
        guard try await sql.raw("SELECT id FROM works WHERE id = \(bind: workID) AND council_id = \(bind: councilID)").first() != nil
        else { throw StoreError.notFound }
    }
}
