import Foundation
import HemicycleDomain
import SQLKit

/// The narrative of an activity report, as stored.
public struct ActivityReportRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let councilId: Int64
    public let year: Int
    public let forewordFr: String?
    public let forewordAr: String?
    public let forewordEn: String?
    public let outlookFr: String?
    public let outlookAr: String?
    public let outlookEn: String?
    /// `draft` or `published`.
    public let status: String
    public let factsJson: String?
    public let updatedAt: Double
    public let publishedAt: Double?

    public var foreword: LocalizedText { LocalizedText(fr: forewordFr, ar: forewordAr, en: forewordEn) }
    public var outlook: LocalizedText { LocalizedText(fr: outlookFr, ar: outlookAr, en: outlookEn) }

    enum CodingKeys: String, CodingKey {
        case id, year, status
        case councilId = "council_id", forewordFr = "foreword_fr", forewordAr = "foreword_ar", forewordEn = "foreword_en", outlookFr = "outlook_fr"
        case outlookAr = "outlook_ar", outlookEn = "outlook_en", factsJson = "facts_json", updatedAt = "updated_at", publishedAt = "published_at"
    }
}

/// The public facts of a council's year the activity report counts.
public struct ActivityFacts: Sendable, Codable {
    public struct AdoptedWork: Sendable, Hashable, Codable {
        public let id: Int64
        public let kind: String
        public let commissionID: Int64?
        public let referralSource: String
    }

    public struct Vote: Sendable, Hashable, Codable {
        public let groupID: Int64?
        public let choice: String
    }

    public struct Attendance: Sendable, Hashable, Codable {
        public let groupID: Int64?
        public let status: String
    }

    public struct Participation: Sendable, Hashable, Codable {
        public let id: Int64
        public let title: LocalizedText
        public let people: Int64
    }

    /// The year's budget once voted: its currency and, in cents, its credits, what is committed and what is paid.
    public struct Budget: Sendable, Hashable, Codable {
        public let currency: String
        public let allocation: Int64
        public let committed: Int64
        public let paid: Int64

        public init(currency: String, allocation: Int64, committed: Int64, paid: Int64) {
            self.currency = currency
            self.allocation = allocation
            self.committed = committed
            self.paid = paid
        }
    }

    public var budget: Budget?
    /// Works adopted in plenary during the year.
    public var adopted: [AdoptedWork] = []
    /// Final votes on whole texts in plenary, closed during the year, on works now published: each member's choice,
    /// with their group at the ballot.
    public var votes: [Vote] = []
    /// Those ballots' results: adopted or not.
    public var ballots: [Bool] = []
    /// Attendance at the plenary sittings held during the year.
    public var attendance: [Attendance] = []
    public var plenarySittings: Int64 = 0
    /// Consultations opened during the year, with their participants.
    public var consultations: [Participation] = []
    /// Petitions opened during the year (not hidden), and their signatures.
    public var petitions: Int64 = 0
    public var signatures: Int64 = 0
    /// Citizens' conventions opened during the year, with the members drawn who took their seat.
    public var conventions: [Participation] = []
    /// Agreements the council signed during the year (signed by now), missions that started (by now), contributions
    /// sent to partners on works now published.
    public var agreementsSigned: Int64 = 0
    public var missions: Int64 = 0
    public var contributionsSent: Int64 = 0
}

/// The activity reports' narratives, and the facts of a year.
public struct ActivityReportRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public func find(councilID: Int64, year: Int) async throws -> ActivityReportRecord? {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM activity_reports WHERE council_id = \(bind: councilID) AND year = \(bind: year)")
                .decodeFirst(ActivityReportRecord.self)
        }
    }

    public func all(councilID: Int64) async throws -> [ActivityReportRecord] {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM activity_reports WHERE council_id = \(bind: councilID) ORDER BY year DESC").decodeAll(ActivityReportRecord.self)
        }
    }

    /// Writes the narrative of the year's report, creating it as a draft; refused once published (`check`).
    public func save(councilID: Int64, year: Int, foreword: LocalizedText, outlook: LocalizedText, at: Double,
                     check: @Sendable (String?) -> String?) async throws {
        try await database.transaction { sql in
            // The year's row first, if it is not there (two first saves at once find it made), then claimed.
            try await sql.raw("""
                INSERT INTO activity_reports (council_id, year, status, updated_at) VALUES (\(bind: councilID), \(bind: year), 'draft', \(bind: at))
                ON CONFLICT (council_id, year) DO NOTHING
                """).run()
            let existing = try await sql.raw("""
                UPDATE activity_reports SET updated_at = updated_at WHERE council_id = \(bind: councilID) AND year = \(bind: year) RETURNING status
                """).first().map { try $0.decode(column: "status", as: String.self) }
            if let key = check(existing) { throw ActivityReportRefused(key: key) }
            try await sql.update("activity_reports")
                .set("foreword_fr", to: SQLBind(foreword[.fr])).set("foreword_ar", to: SQLBind(foreword[.ar])).set("foreword_en", to: SQLBind(foreword[.en]))
                .set("outlook_fr", to: SQLBind(outlook[.fr])).set("outlook_ar", to: SQLBind(outlook[.ar])).set("outlook_en", to: SQLBind(outlook[.en]))
                .set("updated_at", to: at).where("council_id", .equal, councilID).where("year", .equal, year).run()
        }
    }

    /// Publishes the year's report with its figures as they stand (`facts`, kept as JSON), once `check` accepts its
    /// status (nil when no narrative was saved).
    public func publish(councilID: Int64, year: Int, facts: ActivityFacts, at: Double, check: @Sendable (String?) -> String?) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let snapshot = String(decoding: try encoder.encode(facts), as: UTF8.self)
        try await database.transaction { sql in
            let existing = try await sql.raw("""
                UPDATE activity_reports SET updated_at = updated_at WHERE council_id = \(bind: councilID) AND year = \(bind: year) RETURNING status
                """).first().map { try $0.decode(column: "status", as: String.self) }
            if let key = check(existing) { throw ActivityReportRefused(key: key) }
            try await sql.update("activity_reports").set("status", to: "published").set("facts_json", to: snapshot).set("published_at", to: at)
                .set("updated_at", to: at)
                .where("council_id", .equal, councilID).where("year", .equal, year).run()
        }
    }

    /// The facts of the council's year, from `from` (included) to `to` (excluded): times in seconds, the year's bounds
    /// in the council's time zone; `year` for the facts recorded as days.
    /// Sittings and missions count once they have begun (`now`), agreements once signed (`today`, the council's day).
    public func facts(councilID: Int64, year: Int, from: Double, to: Double, now: Double, today: String) async throws -> ActivityFacts {
        let until = min(to, now)
        return try await database.read { sql in
            var facts = ActivityFacts()
            facts.adopted = try await sql.raw("""
                SELECT DISTINCT w.id, w.kind, w.commission_id, w.referral_source FROM works w JOIN work_events e ON e.work_id = w.id
                WHERE w.council_id = \(bind: councilID) AND e.status = 'adopted' AND e.at >= \(bind: from) AND e.at < \(bind: to) ORDER BY w.id
                """).all().map {
                ActivityFacts.AdoptedWork(id: try $0.decode(column: "id", as: Int64.self), kind: try $0.decode(column: "kind", as: String.self),
                                          commissionID: try $0.decode(column: "commission_id", as: Int64?.self),
                                          referralSource: try $0.decode(column: "referral_source", as: String.self))
            }
            // Final votes on whole texts in plenary, on works now published: what their pages already show.
            facts.votes = try await sql.raw("""
                SELECT v.group_id, bv.choice FROM ballots b JOIN works w ON w.id = b.work_id
                JOIN ballot_votes bv ON bv.ballot_id = b.id
                JOIN ballot_voters v ON v.ballot_id = b.id AND v.membership_id = bv.membership_id
                WHERE w.council_id = \(bind: councilID) AND w.status = 'published' AND b.body = 'plenary' AND b.amendment_id IS NULL
                AND b.closed_at >= \(bind: from) AND b.closed_at < \(bind: to)
                """).all().map {
                ActivityFacts.Vote(groupID: try $0.decode(column: "group_id", as: Int64?.self), choice: try $0.decode(column: "choice", as: String.self))
            }
            facts.ballots = try await sql.raw("""
                SELECT b.adopted FROM ballots b JOIN works w ON w.id = b.work_id
                WHERE w.council_id = \(bind: councilID) AND w.status = 'published' AND b.body = 'plenary' AND b.amendment_id IS NULL
                AND b.closed_at >= \(bind: from) AND b.closed_at < \(bind: to) AND b.adopted IS NOT NULL
                """).all().map { try $0.decode(column: "adopted", as: Bool.self) }
            facts.attendance = try await sql.raw("""
                SELECT m.group_id, a.status FROM sitting_attendance a JOIN sittings s ON s.id = a.sitting_id JOIN memberships m ON m.id = a.membership_id
                WHERE s.council_id = \(bind: councilID) AND s.body = 'plenary' AND s.status <> 'cancelled'
                AND s.starts_at >= \(bind: from) AND s.starts_at < \(bind: to)
                """).all().map {
                ActivityFacts.Attendance(groupID: try $0.decode(column: "group_id", as: Int64?.self), status: try $0.decode(column: "status", as: String.self))
            }
            facts.plenarySittings = try await sql.raw("""
                SELECT COUNT(*) AS n FROM sittings WHERE council_id = \(bind: councilID) AND body = 'plenary' AND status <> 'cancelled'
                AND starts_at >= \(bind: from) AND starts_at < \(bind: until)
                """).first(decodingColumn: "n", as: Int64.self) ?? 0
            facts.consultations = try await sql.raw("""
                SELECT c.id, c.title_fr, c.title_ar, c.title_en,
                (SELECT COUNT(*) FROM consultation_participants p WHERE p.consultation_id = c.id) AS people
                FROM consultations c WHERE c.council_id = \(bind: councilID) AND c.published = \(bind: true)
                AND c.opens_at >= \(bind: from) AND c.opens_at < \(bind: to) ORDER BY c.opens_at, c.id
                """).all().map(Self.participation)
            if let row = try await sql.raw("""
                SELECT COUNT(*) AS n, COALESCE(SUM(signatures), 0) AS signatures FROM petitions WHERE council_id = \(bind: councilID)
                AND status <> 'hidden' AND created_at >= \(bind: from) AND created_at < \(bind: to)
                """).first() {
                facts.petitions = try row.decode(column: "n", as: Int64.self)
                facts.signatures = try row.decode(column: "signatures", as: Int64.self)
            }
            facts.conventions = try await sql.raw("""
                SELECT c.id, c.title_fr, c.title_ar, c.title_en,
                (SELECT COUNT(*) FROM convention_panel p WHERE p.convention_id = c.id AND p.refused_at IS NULL) AS people
                FROM conventions c WHERE c.council_id = \(bind: councilID) AND c.status <> 'preparing'
                AND c.created_at >= \(bind: from) AND c.created_at < \(bind: to) ORDER BY c.created_at, c.id
                """).all().map(Self.participation)
            facts.agreementsSigned = try await sql.raw("""
                SELECT COUNT(*) AS n FROM agreements a JOIN agreement_parties p ON p.agreement_id = a.id
                WHERE p.council_id = \(bind: councilID) AND a.signed_on >= \(bind: "\(year)-01-01") AND a.signed_on <= \(bind: "\(year)-12-31")
                AND a.signed_on <= \(bind: today)
                """).first(decodingColumn: "n", as: Int64.self) ?? 0
            facts.missions = try await sql.raw("""
                SELECT COUNT(*) AS n FROM missions WHERE council_id = \(bind: councilID) AND starts_at >= \(bind: from) AND starts_at < \(bind: until)
                """).first(decodingColumn: "n", as: Int64.self) ?? 0
            facts.contributionsSent = try await sql.raw("""
                SELECT COUNT(*) AS n FROM partner_contributions c JOIN works w ON w.id = c.work_id AND w.status = 'published'
                WHERE c.council_id = \(bind: councilID) AND c.sent_at >= \(bind: from) AND c.sent_at < \(bind: to)
                """).first(decodingColumn: "n", as: Int64.self) ?? 0
            return facts
        }
    }
}

extension ActivityReportRepository {
    static func participation(_ row: any SQLRow) throws -> ActivityFacts.Participation {
        ActivityFacts.Participation(
            id: try row.decode(column: "id", as: Int64.self),
            title: LocalizedText(fr: try row.decode(column: "title_fr", as: String?.self), ar: try row.decode(column: "title_ar", as: String?.self),
                                 en: try row.decode(column: "title_en", as: String?.self)),
            people: try row.decode(column: "people", as: Int64.self))
    }
}

/// A change to the report refused by its rule (a localisation key).
public struct ActivityReportRefused: Error, Equatable {
    public let key: String
}
