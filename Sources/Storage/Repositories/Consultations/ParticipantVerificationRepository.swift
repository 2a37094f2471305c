import HemicycleDomain
import SQLKit

/// The council's list of people who may take part where a consultation asks it (digests of their addresses), and what
/// people declared on their honour for the council's consultations (birth date, residence).
public struct ParticipantVerificationRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// What is known of an address (its digest) for the council: its declaration, and whether it is on the list.
    public func standing(councilID: Int64, emailDigest: String) async throws -> (birthDate: String?, residence: String?, onList: Bool) {
        try await database.read { sql in
            let declared = try await sql.raw("""
                SELECT birth_date, residence FROM participant_declarations WHERE council_id = \(bind: councilID) AND email_digest = \(bind: emailDigest)
                """).first()
            let listed = try await sql.raw("""
                SELECT 1 AS listed FROM council_participant_lists WHERE council_id = \(bind: councilID) AND email_digest = \(bind: emailDigest)
                """).first() != nil
            return (try declared?.decode(column: "birth_date", as: String?.self), try declared?.decode(column: "residence", as: String?.self), listed)
        }
    }

    /// Records a declaration. What was declared stays: a later declaration only adds what was missing, so that a
    /// refusal cannot be turned by declaring another age or place.
    public func declare(councilID: Int64, emailDigest: String, birthDate: String?, residence: String?, at: Double) async throws {
        try await database.transaction { sql in
            try await sql.raw("""
                INSERT INTO participant_declarations (council_id, email_digest, birth_date, residence, declared_at)
                VALUES (\(bind: councilID), \(bind: emailDigest), \(bind: birthDate), \(bind: residence), \(bind: at))
                ON CONFLICT (council_id, email_digest) DO UPDATE SET
                birth_date = COALESCE(participant_declarations.birth_date, excluded.birth_date),
                residence = COALESCE(participant_declarations.residence, excluded.residence)
                """).run()
        }
    }

    /// Replaces the council's list with these digests, in one transaction.
    public func replaceList(councilID: Int64, digests: Set<String>, at: Double) async throws {
        try await database.transaction { sql in
            try await sql.delete(from: "council_participant_lists").where("council_id", .equal, councilID).run()
            let sorted = digests.sorted()
            for start in stride(from: 0, to: sorted.count, by: 500) {
                let insert = sql.insert(into: "council_participant_lists").columns("council_id", "email_digest", "added_at")
                for digest in sorted[start..<min(start + 500, sorted.count)] { insert.values(SQLBind(councilID), SQLBind(digest), SQLBind(at)) }
                try await insert.run()
            }
        }
    }

    /// How many addresses the list holds, and when it was last replaced.
    public func list(councilID: Int64) async throws -> (count: Int, addedAt: Double?) {
        try await database.read { sql in
            let row = try await sql.raw("""
                SELECT COUNT(*) AS n, MAX(added_at) AS added FROM council_participant_lists WHERE council_id = \(bind: councilID)
                """).first()
            return (try row?.decode(column: "n", as: Int.self) ?? 0, try row?.decode(column: "added", as: Double?.self))
        }
    }
}
