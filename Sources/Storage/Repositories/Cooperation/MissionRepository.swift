import HemicycleDomain
import SQLKit

/// A mission between councils, as stored.
public struct MissionRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let councilId: Int64
    public let titleFr: String?
    public let titleAr: String?
    public let titleEn: String?
    public let destination: String
    public let partnerCouncilId: Int64?
    /// The agreement the mission serves, one the council is party to.
    public let agreementId: Int64?
    public let startsAt: Double
    public let endsAt: Double
    public let met: String
    public let purpose: String
    public let outcomes: String
    public let createdAt: Double
    public let updatedAt: Double

    public var title: LocalizedText { LocalizedText(fr: titleFr, ar: titleAr, en: titleEn) }

    enum CodingKeys: String, CodingKey {
        case id
        case councilId = "council_id"
        case titleFr = "title_fr", titleAr = "title_ar", titleEn = "title_en"
        case destination
        case partnerCouncilId = "partner_council_id", agreementId = "agreement_id"
        case startsAt = "starts_at", endsAt = "ends_at"
        case met, purpose, outcomes
        case createdAt = "created_at", updatedAt = "updated_at"
    }
}

/// A mission as written by the secretariat.
public struct MissionFields: Sendable {
    public var title: LocalizedText
    public var destination: String
    public var partnerCouncilID: Int64?
    public var agreementID: Int64?
    public var startsAt: Double
    public var endsAt: Double
    public var met: String
    public var purpose: String
    public var outcomes: String
    /// The seats of those who travelled: the council's current seats in the assembly.
    public var members: [Int64]

    public init(title: LocalizedText, destination: String, partnerCouncilID: Int64?, startsAt: Double, endsAt: Double, met: String, purpose: String,
                outcomes: String, members: [Int64], agreementID: Int64? = nil) {
        self.title = title
        self.agreementID = agreementID
        self.destination = destination
        self.partnerCouncilID = partnerCouncilID
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.met = met
        self.purpose = purpose
        self.outcomes = outcomes
        self.members = members
    }
}

/// A council's missions and who travelled. Those named are the council's own sitting members, or were when they
/// travelled (checked in the transaction that writes them); the partner is another council hosted here.
public struct MissionRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// The council's missions, the latest first.
    public func all(councilID: Int64) async throws -> [MissionRecord] {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM missions WHERE council_id = \(bind: councilID) ORDER BY starts_at DESC, id DESC")
                .decodeAll(MissionRecord.self)
        }
    }

    public func find(id: Int64, councilID: Int64) async throws -> MissionRecord? {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM missions WHERE id = \(bind: id) AND council_id = \(bind: councilID)").decodeFirst(MissionRecord.self)
        }
    }

    /// The seats of those who travelled on the mission.
    /// The missions, of any party, that served the agreement, the latest first.
    public func all(agreementID: Int64) async throws -> [MissionRecord] {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM missions WHERE agreement_id = \(bind: agreementID) ORDER BY starts_at DESC, id DESC")
                .decodeAll(MissionRecord.self)
        }
    }

    public func members(missionID: Int64) async throws -> [Int64] {
        try await database.read { sql in
            try await sql.raw("SELECT membership_id FROM mission_members WHERE mission_id = \(bind: missionID) ORDER BY membership_id").all()
                .map { try $0.decode(column: "membership_id", as: Int64.self) }
        }
    }

    /// Who travelled on each of the council's missions, in one query.
    public func members(councilID: Int64) async throws -> [Int64: [Int64]] {
        try await database.read { sql in
            var members: [Int64: [Int64]] = [:]
            for row in try await sql.raw("""
                SELECT t.mission_id, t.membership_id FROM mission_members t JOIN missions m ON m.id = t.mission_id
                WHERE m.council_id = \(bind: councilID) ORDER BY t.mission_id, t.membership_id
                """).all() {
                members[try row.decode(column: "mission_id", as: Int64.self), default: []].append(try row.decode(column: "membership_id", as: Int64.self))
            }
            return members
        }
    }

    /// How many travelled on each of the council's missions, in one query.
    public func travellerCounts(councilID: Int64) async throws -> [Int64: Int] {
        try await database.read { sql in
            var counts: [Int64: Int] = [:]
            for row in try await sql.raw("""
                SELECT t.mission_id, COUNT(*) AS n FROM mission_members t JOIN missions m ON m.id = t.mission_id
                WHERE m.council_id = \(bind: councilID) GROUP BY t.mission_id
                """).all() {
                counts[try row.decode(column: "mission_id", as: Int64.self)] = try row.decode(column: "n", as: Int.self)
            }
            return counts
        }
    }

    /// The missions a seat travelled on, the latest first.
    public func missions(membershipID: Int64, councilID: Int64) async throws -> [MissionRecord] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT m.* FROM missions m JOIN mission_members t ON t.mission_id = m.id
                WHERE t.membership_id = \(bind: membershipID) AND m.council_id = \(bind: councilID) ORDER BY m.starts_at DESC, m.id DESC
                """).decodeAll(MissionRecord.self)
        }
    }

    /// Records a mission; `StoreError.notFound` when a seat named is not one of the council's sitting members, or the
    /// partner is the council itself or no council; `.stateChanged` when the agreement is not one between the council
    /// (and the partner).
    public func create(councilID: Int64, _ fields: MissionFields, at: Double) async throws -> Int64 {
        try await database.transaction { sql in
            try await Self.check(councilID: councilID, fields, on: sql)
            let id = try await sql.insert(into: "missions")
                .columns("council_id", "title_fr", "title_ar", "title_en", "destination", "partner_council_id", "agreement_id", "starts_at", "ends_at",
                         "met", "purpose", "outcomes", "created_at", "updated_at")
                .values(SQLBind(councilID), SQLBind(fields.title[.fr]), SQLBind(fields.title[.ar]), SQLBind(fields.title[.en]),
                        SQLBind(fields.destination), SQLBind(fields.partnerCouncilID), SQLBind(fields.agreementID), SQLBind(fields.startsAt),
                        SQLBind(fields.endsAt),
                        SQLBind(fields.met), SQLBind(fields.purpose), SQLBind(fields.outcomes), SQLBind(at), SQLBind(at))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
            try await Self.setMembers(missionID: id, fields.members, on: sql)
            return id
        }
    }

    /// Corrects a mission (who travelled included).
    public func update(id: Int64, councilID: Int64, _ fields: MissionFields, at: Double) async throws {
        try await database.transaction { sql in
            try await Self.check(councilID: councilID, fields, missionID: id, on: sql)
            guard try await sql.raw("""
                UPDATE missions SET title_fr = \(bind: fields.title[.fr]), title_ar = \(bind: fields.title[.ar]), title_en = \(bind: fields.title[.en]),
                destination = \(bind: fields.destination), partner_council_id = \(bind: fields.partnerCouncilID),
                agreement_id = \(bind: fields.agreementID), starts_at = \(bind: fields.startsAt),
                ends_at = \(bind: fields.endsAt), met = \(bind: fields.met), purpose = \(bind: fields.purpose), outcomes = \(bind: fields.outcomes),
                updated_at = \(bind: at) WHERE id = \(bind: id) AND council_id = \(bind: councilID) RETURNING id
                """).first() != nil else { throw StoreError.notFound }
            try await sql.delete(from: "mission_members").where("mission_id", .equal, id).run()
            try await Self.setMembers(missionID: id, fields.members, on: sql)
        }
    }

    public func delete(id: Int64, councilID: Int64) async throws {
        try await database.transaction { sql in
            guard try await sql.raw("DELETE FROM missions WHERE id = \(bind: id) AND council_id = \(bind: councilID) RETURNING id").first() != nil
            else { throw StoreError.notFound }
        }
    }

    /// Those named are the council's current sitting members, or already on the mission (a seat that has ended since
    /// stays on the missions it travelled on).
    static func check(councilID: Int64, _ fields: MissionFields, missionID: Int64? = nil, on sql: any SQLDatabase) async throws {
        let wanted = Set(fields.members)
        guard !wanted.isEmpty else { throw StoreError.notFound }
        let seated = try await sql.raw("""
            SELECT id FROM memberships WHERE council_id = \(bind: councilID) AND id IN (\(binds: Array(wanted)))
            AND ((ended_at IS NULL AND role IN ('member', 'bureau', 'president'))
                 OR id IN (SELECT membership_id FROM mission_members WHERE mission_id = \(bind: missionID ?? -1)))
            """).all().count
        guard seated == wanted.count else { throw StoreError.notFound }
        if let partner = fields.partnerCouncilID {
            guard partner != councilID, try await sql.raw("SELECT id FROM councils WHERE id = \(bind: partner)").first() != nil
            else { throw StoreError.notFound }
        }
        // The agreement is one the council is party to (with the partner too, when the mission names one).
        if let agreement = fields.agreementID {
            let parties = try await sql.raw("SELECT council_id FROM agreement_parties WHERE agreement_id = \(bind: agreement)").all()
                .map { try $0.decode(column: "council_id", as: Int64.self) }
            guard parties.contains(councilID), fields.partnerCouncilID.map(parties.contains) ?? true else { throw StoreError.stateChanged }
        }
    }

    static func setMembers(missionID: Int64, _ members: [Int64], on sql: any SQLDatabase) async throws {
        let insert = sql.insert(into: "mission_members").columns("mission_id", "membership_id")
        for member in Set(members).sorted() { insert.values(SQLBind(missionID), SQLBind(member)) }
        try await insert.run()
    }
}
