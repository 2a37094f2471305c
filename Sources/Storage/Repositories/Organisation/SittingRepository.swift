import HemicycleDomain
import SQLKit

/// A council's sittings, their agendas, attendance and proxies.
public struct SittingRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// The council's sittings from `from` (a time) on, or all of them, in order of time; of one commission only, with
    /// `commissionID`.
    public func all(councilID: Int64, from: Double? = nil, commissionID: Int64? = nil, body: String? = nil) async throws -> [SittingRecord] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT * FROM sittings WHERE council_id = \(bind: councilID)
                AND (\(bind: from == nil) OR ends_at >= \(bind: from ?? 0))
                AND (\(bind: commissionID ?? -1) = -1 OR commission_id = \(bind: commissionID ?? -1))
                AND (\(bind: body ?? "") = '' OR body = \(bind: body ?? ""))
                ORDER BY starts_at, id
                """).decodeAll(SittingRecord.self)
        }
    }

    /// The sitting of `body` (of commission `commissionID` for a commission) under way at `at`, the latest started if
    /// two overlap; none when it is cancelled.
    public func underWay(councilID: Int64, body: String, commissionID: Int64?, at: Double) async throws -> SittingRecord? {
        try await database.read { sql in
            try await sql.raw("""
                SELECT * FROM sittings WHERE council_id = \(bind: councilID) AND body = \(bind: body) AND status <> 'cancelled'
                AND starts_at <= \(bind: at) AND ends_at > \(bind: at)
                AND (\(bind: commissionID ?? -1) = -1 OR commission_id = \(bind: commissionID ?? -1))
                ORDER BY starts_at DESC, id DESC LIMIT 1
                """).decodeFirst(SittingRecord.self)
        }
    }

    /// Several sittings by number, of one council.
    public func find(ids: [Int64], councilID: Int64) async throws -> [SittingRecord] {
        guard !ids.isEmpty else { return [] }
        return try await database.read { sql in
            let list = SQLGroupExpression(SQLList(ids.map { SQLBind($0) }))
            return try await sql.raw("SELECT * FROM sittings WHERE id IN \(list) AND council_id = \(bind: councilID) ORDER BY id").decodeAll(SittingRecord.self)
        }
    }

    public func find(id: Int64, councilID: Int64) async throws -> SittingRecord? {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM sittings WHERE id = \(bind: id) AND council_id = \(bind: councilID)").decodeFirst(SittingRecord.self)
        }
    }

    public func create(councilID: Int64, _ fields: SittingFields, at: Double) async throws -> Int64 {
        try await database.withSQL { sql in
            try await sql.insert(into: "sittings")
                .columns("council_id", "body", "commission_id", "starts_at", "ends_at", "place", "remote_url", "status", "sequence", "created_at",
                         "updated_at")
                .values(SQLBind(councilID), SQLBind(fields.body), SQLBind(fields.commissionID), SQLBind(fields.startsAt), SQLBind(fields.endsAt),
                        SQLBind(fields.place), SQLBind(fields.remoteURL), SQLBind("planned"), SQLBind(0), SQLBind(at), SQLBind(at))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        }
    }

    /// Runs `change` on the sitting locked against other changes (its row updated first, so PostgreSQL holds it until
    /// the transaction ends; SQLite has one writer), after `check` has accepted its present state.
    func changing<T: Sendable>(id: Int64, councilID: Int64, bump: Bool, at: Double,
                               check: @Sendable (SittingRecord) -> String?, _ change: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await database.transaction { sql in
            // What calendars show changes the sequence and the time of the last change; attendance and proxies change
            // neither (the row is only claimed).
            let claim: SQLQueryString = bump
                ? "UPDATE sittings SET sequence = sequence + 1, updated_at = \(bind: at) WHERE id = \(bind: id) AND council_id = \(bind: councilID) RETURNING *"
                : "UPDATE sittings SET sequence = sequence WHERE id = \(bind: id) AND council_id = \(bind: councilID) RETURNING *"
            guard let sitting = try await sql.raw(claim).decodeFirst(SittingRecord.self) else { throw SittingChangeRefused.notFound }
            if let key = check(sitting) { throw SittingChangeRefused.refused(key) }
            return try await change(sql)
        }
    }

    /// Corrects the sitting's body, times and place; `mails` (made from the sitting as it then stands) are queued in
    /// the same transaction, as `kind`.
    public func update(id: Int64, councilID: Int64, _ fields: SittingFields, at: Double, check: @Sendable @escaping (SittingRecord) -> String?,
                       kind: String = "sitting_update", mails: @Sendable @escaping (SittingRecord) -> [SittingMail] = { _ in [] }) async throws {
        try await changing(id: id, councilID: councilID, bump: true, at: at, check: check) { sql in
            try await sql.update("sittings").set("body", to: fields.body).set("commission_id", to: SQLBind(fields.commissionID))
                .set("starts_at", to: fields.startsAt).set("ends_at", to: fields.endsAt).set("place", to: fields.place)
                .set("remote_url", to: SQLBind(fields.remoteURL)).where("id", .equal, id).run()
            guard let sitting = try await sql.raw("SELECT * FROM sittings WHERE id = \(bind: id)").decodeFirst(SittingRecord.self) else { return }
            for mail in mails(sitting) {
                try await OutboxRepository.enqueue(recipient: mail.recipient, subject: mail.subject, body: mail.body, kind: kind, listUnsubscribe: nil,
                                                   calendar: mail.calendar, at: at, on: sql)
            }
        }
    }

    /// Moves the sitting to `status` (`convened`, `cancelled`).
    public func setStatus(id: Int64, councilID: Int64, _ status: String, at: Double, check: @Sendable @escaping (SittingRecord) -> String?) async throws {
        try await changing(id: id, councilID: councilID, bump: true, at: at, check: check) { sql in
            try await sql.update("sittings").set("status", to: status).where("id", .equal, id).run()
        }
    }

    /// Records that something shown with the sitting (a document) changed, without a new sequence for calendars.
    public func touch(id: Int64, councilID: Int64, at: Double) async throws {
        try await database.withSQL { sql in
            try await sql.update("sittings").set("updated_at", to: at).where("id", .equal, id).where("council_id", .equal, councilID).run()
        }
    }

    public func delete(id: Int64, councilID: Int64) async throws {
        try await database.withSQL { sql in
            try await sql.delete(from: "sittings").where("id", .equal, id).where("council_id", .equal, councilID).run()
        }
    }
}

/// A member called to a sitting, as their convocation needs them.
public struct SittingInvitee: Sendable, Hashable {
    public let seatID: Int64
    public let name: String
    public let email: String
    public let language: String?
}

/// A convocation (or its cancellation) to one member: the mail and its calendar invitation.
public struct SittingMail: Sendable {
    public let recipient: String
    public let subject: String
    public let body: String
    public let calendar: String

    public init(recipient: String, subject: String, body: String, calendar: String) {
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.calendar = calendar
    }
}

extension SittingRepository {
    /// The seats among `seatIDs` whose account's address is verified (a convocation is mailed to no one else).
    public func invitees(seatIDs: [Int64], councilID: Int64) async throws -> [SittingInvitee] {
        guard !seatIDs.isEmpty else { return [] }
        return try await database.read { sql in
            let ids = SQLGroupExpression(SQLList(seatIDs.map { SQLBind($0) }))
            return try await sql.raw("""
                SELECT m.id, COALESCE(m.public_name, a.display_name) AS name, a.email, a.preferred_language FROM memberships m
                JOIN accounts a ON a.id = m.account_id
                WHERE m.id IN \(ids) AND m.council_id = \(bind: councilID) AND m.ended_at IS NULL
                AND a.email_verified_at IS NOT NULL AND a.deleted_at IS NULL ORDER BY m.id
                """).all().map { row in
                SittingInvitee(seatID: try row.decode(column: "id", as: Int64.self), name: try row.decode(column: "name", as: String.self),
                               email: try row.decode(column: "email", as: String.self),
                               language: try row.decode(column: "preferred_language", as: String?.self))
            }
        }
    }

    /// Moves the sitting to `status` and queues `mails` (`kind`) in the same transaction, once `check` accepts it: the
    /// convocations go out only if the sitting is convened, and all of them. `mails` is made from the sitting as it
    /// then stands (its sequence raised).
    public func setStatus(id: Int64, councilID: Int64, _ status: String, at: Double, kind: String,
                          check: @Sendable @escaping (SittingRecord) -> String?,
                          mails: @Sendable @escaping (SittingRecord) -> [SittingMail]) async throws {
        try await changing(id: id, councilID: councilID, bump: true, at: at, check: check) { sql in
            try await sql.update("sittings").set("status", to: status).where("id", .equal, id).run()
            guard let sitting = try await sql.raw("SELECT * FROM sittings WHERE id = \(bind: id)").decodeFirst(SittingRecord.self) else { return }
            for mail in mails(sitting) {
                try await OutboxRepository.enqueue(recipient: mail.recipient, subject: mail.subject, body: mail.body, kind: kind, listUnsubscribe: nil,
                                                   calendar: mail.calendar, at: at, on: sql)
            }
        }
    }
}
