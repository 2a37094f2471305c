import Foundation
import HemicycleDomain
import SQLKit

/// A petition to a council.
public struct PetitionRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let councilId: Int64
    public let accountId: Int64?
    public let title: String
    public let body: String
    public let status: String
    public let hiddenReason: String?
    public let signatures: Int
    public let threshold: Int
    public let workId: Int64?
    public let createdAt: Double
    public let closesAt: Double

    enum CodingKeys: String, CodingKey {
        case id
        case councilId = "council_id"
        case accountId = "account_id"
        case title, body, status
        case hiddenReason = "hidden_reason"
        case signatures, threshold
        case workId = "work_id"
        case createdAt = "created_at"
        case closesAt = "closes_at"
    }
}

/// What a signature did: the count after it, whether it was new, and the referral it made when it reached the
/// threshold.
public struct SignatureOutcome: Sendable, Hashable {
    public let signatures: Int
    public let isNew: Bool
    public let referredWorkID: Int64?
}

/// Petitions to a council and their signatures; a signature that reaches the threshold turns the petition into a
/// referral of the council's work, in the same transaction.
public struct PetitionRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// The council's threshold and window (days) for petitions.
    public func rule(councilID: Int64) async throws -> (threshold: Int, days: Int) {
        try await database.read { sql in
            let row = try await sql.raw("SELECT petition_threshold, petition_days FROM councils WHERE id = \(bind: councilID)").first()
            return (try row?.decode(column: "petition_threshold", as: Int.self) ?? 150_000, try row?.decode(column: "petition_days", as: Int.self) ?? 365)
        }
    }

    public func setRule(councilID: Int64, threshold: Int, days: Int) async throws {
        try await database.transaction { sql in
            try await sql.update("councils").set("petition_threshold", to: threshold).set("petition_days", to: days).where("id", .equal, councilID).run()
        }
    }

    /// The council's petitions with one of `statuses`, the most signed first.
    public func all(councilID: Int64, statuses: [String]) async throws -> [PetitionRecord] {
        guard !statuses.isEmpty else { return [] }
        return try await database.read { sql in
            try await sql.select().column("*").from("petitions").where("council_id", .equal, councilID).where("status", .in, statuses)
                .orderBy("signatures", .descending).orderBy("id", .descending).decodeAll(PetitionRecord.self)
        }
    }

    public func find(id: Int64, councilID: Int64) async throws -> PetitionRecord? {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM petitions WHERE id = \(bind: id) AND council_id = \(bind: councilID)").decodeFirst(PetitionRecord.self)
        }
    }

    public func hasSigned(petitionID: Int64, accountID: Int64) async throws -> Bool {
        try await database.read { sql in
            try await sql.raw("SELECT petition_id FROM petition_signatures WHERE petition_id = \(bind: petitionID) AND account_id = \(bind: accountID)")
                .first() != nil
        }
    }

    /// A petition, open for the council's window from `at`, its goal the council's threshold now.
    public func create(councilID: Int64, accountID: Int64, title: String, body: String, at: Double) async throws -> Int64 {
        try await database.transaction { sql in
            guard let row = try await sql.raw("SELECT petition_threshold, petition_days FROM councils WHERE id = \(bind: councilID)").first()
            else { throw StoreError.notFound }
            let threshold = try row.decode(column: "petition_threshold", as: Int.self), days = try row.decode(column: "petition_days", as: Int.self)
            return try await sql.insert(into: "petitions")
                .columns("council_id", "account_id", "title", "body", "status", "signatures", "threshold", "created_at", "closes_at")
                .values(SQLBind(councilID), SQLBind(accountID), SQLBind(title), SQLBind(body), SQLBind("open"), SQLBind(0), SQLBind(threshold),
                        SQLBind(at), SQLBind(at + Double(days) * 86_400))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        }
    }

    /// A signature, once per account and once per address (the keys), while the petition is open; the count follows in the same
    /// transaction, which holds the petition's row: the signature that reaches the threshold records the referral
    /// (`referral`, given the petition's link) once. `StoreError.stateChanged` when the petition is no longer open.
    public func sign(petitionID: Int64, councilID: Int64, accountID: Int64, emailDigest: String, at: Double,
                     referral: @Sendable (PetitionRecord) -> NewWork) async throws -> SignatureOutcome {
        try await database.transaction { sql in
            guard try await sql.update("petitions").set("status", to: SQLColumn("status"))
                .where("id", .equal, petitionID).where("council_id", .equal, councilID).where("status", .equal, "open")
                .where("closes_at", .greaterThan, at).returning("id").first() != nil
            else {
                let exists = try await sql.raw("SELECT id FROM petitions WHERE id = \(bind: petitionID) AND council_id = \(bind: councilID)").first() != nil
                throw exists ? StoreError.stateChanged : StoreError.notFound
            }
            let inserted = try await sql.raw("""
                INSERT INTO petition_signatures (petition_id, account_id, email_digest, created_at)
                VALUES (\(bind: petitionID), \(bind: accountID), \(bind: emailDigest), \(bind: at))
                ON CONFLICT DO NOTHING RETURNING petition_id
                """).first() != nil
            if inserted {
                try await sql.update("petitions").set(SQLIdentifier("signatures"), to: SQLRaw("signatures + 1")).where("id", .equal, petitionID).run()
            }
            guard let petition = try await sql.raw("SELECT * FROM petitions WHERE id = \(bind: petitionID)").decodeFirst(PetitionRecord.self)
            else { throw StoreError.notFound }
            guard inserted, petition.signatures >= petition.threshold, petition.workId == nil else {
                return SignatureOutcome(signatures: petition.signatures, isNew: inserted, referredWorkID: nil)
            }
            let work = try await WorkRepository.insert(councilID: councilID, referral(petition), accountID: nil, at: at, on: sql)
            try await sql.update("petitions").set("status", to: "referred").set("work_id", to: work).where("id", .equal, petitionID).run()
            return SignatureOutcome(signatures: petition.signatures, isNew: true, referredWorkID: work)
        }
    }

    /// Hides a petition (the secretariat), open, closed or referred, with the reason kept.
    public func hide(petitionID: Int64, councilID: Int64, reason: String, by accountID: Int64, at: Double) async throws {
        try await database.transaction { sql in
            guard try await sql.update("petitions").set("status", to: "hidden").set("hidden_reason", to: reason)
                .where("id", .equal, petitionID).where("council_id", .equal, councilID).where("status", .notEqual, "hidden")
                .returning("id").first() != nil else { throw StoreError.stateChanged }
            try await ModerationDecisionRepository.record(councilID: councilID, subject: .petition, subjectID: petitionID, decision: .hidden,
                                                          reason: reason, accountID: accountID, at: at, on: sql)
        }
    }
}
