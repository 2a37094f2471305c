import Foundation
import HemicycleDomain
import SQLKit

/// A convention's draws: requested by the secretariat (the pool closes), computed by the background worker, committed,
/// then picked in public with the seed. Every write re-checks the convention's and the draw's status in its transaction.
public struct ConventionDrawRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    static let summaryColumns = """
        id, convention_id, number, status, requested_at, seed_source, seed_not_before, attempts, started_at, heartbeat_at, progress_settled, progress_pool, progress_panels,
        error_key, error_detail, commitment, committed_at, seed, drawn_at, withdrawn
        """

    /// Closes the pool (registration → committed) and queues the first draw for the worker.
    public func request(conventionID: Int64, councilID: Int64, seed: SeedAnnouncement, at: Double) async throws -> Int64 {
        try await database.transaction { sql in
            guard try await sql.raw("""
                UPDATE conventions SET status = 'committed' WHERE id = \(bind: conventionID) AND council_id = \(bind: councilID)
                AND status = 'registration' RETURNING id
                """).first() != nil else {
                throw try await ConventionRepository.exists(id: conventionID, councilID: councilID, on: sql) ? StoreError.stateChanged : StoreError.notFound
            }
            let number = (try await sql.raw("SELECT MAX(number) AS n FROM convention_draws WHERE convention_id = \(bind: conventionID)")
                .first(decodingColumn: "n", as: Int?.self) ?? nil) ?? 0
            return try await sql.insert(into: "convention_draws")
                .columns("convention_id", "number", "status", "requested_at", "seed_source", "seed_not_before")
                .values(SQLBind(conventionID), SQLBind(number + 1), SQLBind("queued"), SQLBind(at), SQLBind(seed.source), SQLBind(seed.notBefore))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        }
    }

    /// The convention's draws, first first, without their files.
    public func draws(conventionID: Int64) async throws -> [ConventionDrawRecord] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT \(unsafeRaw: Self.summaryColumns) FROM convention_draws WHERE convention_id = \(bind: conventionID) ORDER BY number
                """).decodeAll(ConventionDrawRecord.self)
        }
    }

    public func files(drawID: Int64) async throws -> ConventionDrawFiles? {
        try await database.read { sql in
            try await sql.raw("""
                SELECT pool_csv, quotas_csv, lottery_csv, manifest, panel_csv, probabilities_csv FROM convention_draws WHERE id = \(bind: drawID)
                """).decodeFirst(ConventionDrawFiles.self)
        }
    }

    /// Takes the oldest queued draw, or a running one whose worker stopped beating before `staleBefore`.
    public func claimNext(at: Double, staleBefore: Double) async throws -> ClaimedDraw? {
        try await database.transaction { sql in
            let candidates = try await sql.raw("""
                SELECT d.id FROM convention_draws d WHERE d.status = 'queued' OR (d.status = 'running' AND d.heartbeat_at < \(bind: staleBefore))
                ORDER BY d.requested_at, d.id LIMIT 5
                """).all(decodingColumn: "id", as: Int64.self)
            for id in candidates {
                // The status is checked again in the update: two workers never take the same draw.
                guard let row = try await sql.raw("""
                    UPDATE convention_draws SET status = 'running', started_at = \(bind: at), heartbeat_at = \(bind: at), attempts = attempts + 1
                    WHERE id = \(bind: id) AND (status = 'queued' OR (status = 'running' AND heartbeat_at < \(bind: staleBefore)))
                    RETURNING id, convention_id, number, attempts
                    """).first() else { continue }
                let conventionID = try row.decode(column: "convention_id", as: Int64.self)
                let councilID = try await sql.raw("SELECT council_id FROM conventions WHERE id = \(bind: conventionID)")
                    .first(decodingColumn: "council_id", as: Int64.self) ?? 0
                return ClaimedDraw(id: id, conventionID: conventionID, councilID: councilID, number: try row.decode(column: "number", as: Int.self),
                                   attempts: try row.decode(column: "attempts", as: Int.self))
            }
            return nil
        }
    }

    /// Records the worker's progress and that it is alive; false when the draw is no longer running (taken again).
    @discardableResult
    public func beat(drawID: Int64, startedAt: Double, progress: DrawProgress, at: Double) async throws -> Bool {
        try await database.transaction { sql in
            try await sql.raw("""
                UPDATE convention_draws SET heartbeat_at = \(bind: at), progress_settled = \(bind: progress.settled),
                progress_pool = \(bind: progress.pool), progress_panels = \(bind: progress.panels)
                WHERE id = \(bind: drawID) AND status = 'running' AND started_at = \(bind: startedAt) RETURNING id
                """).first() != nil
        }
    }

    /// Puts a running draw back in the queue (its worker is shutting down cleanly: the attempt does not count).
    public func requeue(drawID: Int64, startedAt: Double) async throws {
        try await database.transaction { sql in
            try await sql.raw("""
                UPDATE convention_draws SET status = 'queued', started_at = NULL, heartbeat_at = NULL, attempts = attempts - 1
                WHERE id = \(bind: drawID) AND status = 'running' AND started_at = \(bind: startedAt)
                """).run()
        }
    }

    /// Stores the committed files; false when the draw was taken again by another worker meanwhile.
    @discardableResult
    /// A lottery ready only once its announced seed can be known is useless (the files would be chosen knowing the
    /// seed): the draw fails instead (`convention_draw_failed_late`), and a first draw reopens the pool.
    public func commit(drawID: Int64, startedAt: Double, pool: String, quotas: String, lottery: String, manifest: String, commitment: String,
                       at: Double) async throws -> Bool {
        let late = try await database.read { sql in
            try await sql.raw("SELECT seed_not_before FROM convention_draws WHERE id = \(bind: drawID)")
                .first(decodingColumn: "seed_not_before", as: Double.self)
        }
        if let late, at >= late {
            return try await fail(drawID: drawID, startedAt: startedAt, errorKey: "convention_draw_failed_late", detail: nil, at: at)
        }
        return try await database.transaction { sql in
            try await sql.raw("""
                UPDATE convention_draws SET status = 'committed', pool_csv = \(bind: pool), quotas_csv = \(bind: quotas),
                lottery_csv = \(bind: lottery), manifest = \(bind: manifest), commitment = \(bind: commitment), committed_at = \(bind: at),
                progress_settled = progress_pool
                WHERE id = \(bind: drawID) AND status = 'running' AND started_at = \(bind: startedAt) RETURNING id
                """).first() != nil
        }
    }

    /// Records why no lottery could be computed; a first draw's failure (not a replacement's) reopens the pool
    /// (committed → registration) so that the secretariat can change the quotas or the pool and ask again.
    @discardableResult
    public func fail(drawID: Int64, startedAt: Double, errorKey: String, detail: String?, at: Double) async throws -> Bool {
        try await database.transaction { sql in
            guard let row = try await sql.raw("""
                UPDATE convention_draws SET status = 'failed', error_key = \(bind: errorKey), error_detail = \(bind: detail), heartbeat_at = \(bind: at)
                WHERE id = \(bind: drawID) AND status = 'running' AND started_at = \(bind: startedAt) RETURNING convention_id, withdrawn
                """).first() else { return false }
            if try row.decode(column: "withdrawn", as: String?.self) == nil {
                let conventionID = try row.decode(column: "convention_id", as: Int64.self)
                try await sql.raw("UPDATE conventions SET status = 'registration' WHERE id = \(bind: conventionID) AND status = 'committed'").run()
            }
            return true
        }
    }

    /// The public pick: stores the seed and the drawn files, seats the people drawn (by reference) and moves the
    /// convention to drawn, all or nothing, only while the convention is committed and the draw committed.
    /// A replacement draw (`withdrawn` not empty) is picked while the convention is drawn or sitting; it records which
    /// seats it filled, and leaves the convention's status as it is.
    public func pick(drawID: Int64, conventionID: Int64, councilID: Int64, seed: String, manifest: String, panel: String,
                     probabilities: String, references: [String], withdrawn: [String] = [], mails: [QueuedMail] = [],
                     at: Double) async throws {
        try await database.transaction { sql in
            try await ConventionRepository.claim(id: conventionID, councilID: councilID,
                                                 statuses: withdrawn.isEmpty ? ["committed"] : ["drawn", "sitting"], on: sql)
            guard try await sql.raw("""
                UPDATE convention_draws SET status = 'drawn', seed = \(bind: seed), manifest = \(bind: manifest), panel_csv = \(bind: panel),
                probabilities_csv = \(bind: probabilities), drawn_at = \(bind: at)
                WHERE id = \(bind: drawID) AND convention_id = \(bind: conventionID) AND status = 'committed' RETURNING id
                """).first() != nil else { throw StoreError.stateChanged }
            let idOf = Dictionary(try await sql.raw("""
                SELECT id, reference FROM convention_volunteers WHERE convention_id = \(bind: conventionID)
                """).all().map { (try $0.decode(column: "reference", as: String.self), try $0.decode(column: "id", as: Int64.self)) },
                uniquingKeysWith: { first, _ in first })
            // Someone drawn who has since erased their account keeps their seat's reference, without contact details.
            for batch in stride(from: 0, to: references.count, by: 500).map({ references[$0..<min($0 + 500, references.count)] }) {
                var insert = sql.insert(into: "convention_panel").columns("convention_id", "draw_id", "volunteer_id", "reference")
                for reference in batch {
                    insert = insert.values(SQLBind(conventionID), SQLBind(drawID), SQLBind(idOf[reference]), SQLBind(reference))
                }
                try await insert.run()
            }
            // The people drawn are told with the pick, or not at all.
            for batch in stride(from: 0, to: mails.count, by: 500).map({ mails[$0..<min($0 + 500, mails.count)] }) {
                var insert = sql.insert(into: "outbox").columns("recipient", "subject", "body", "kind", "created_at")
                for mail in batch {
                    insert = insert.values(SQLBind(mail.recipient), SQLBind(mail.subject), SQLBind(mail.body), SQLBind(mail.kind), SQLBind(at))
                }
                try await insert.run()
            }
            if withdrawn.isEmpty {
                try await sql.raw("UPDATE conventions SET status = 'drawn' WHERE id = \(bind: conventionID)").run()
            } else {
                try await sql.update("convention_panel").set("replaced_in_draw", to: drawID).where("convention_id", .equal, conventionID)
                    .where("reference", .in, withdrawn).where("refused_at", .isNot, SQLLiteral.null).run()
            }
        }
    }

    /// Records that a person drawn declined their seat, while the convention is drawn or sitting, and withdraws their
    /// ballots on the votes still open; false when they are not on the panel or already declined.
    public func recordRefusal(conventionID: Int64, councilID: Int64, reference: String, at: Double) async throws -> Bool {
        try await database.transaction { sql in
            try await ConventionRepository.claim(id: conventionID, councilID: councilID, statuses: ["drawn", "sitting"], on: sql)
            guard let seat = try await sql.raw("""
                UPDATE convention_panel SET refused_at = \(bind: at)
                WHERE convention_id = \(bind: conventionID) AND reference = \(bind: reference) AND refused_at IS NULL RETURNING id
                """).first(decodingColumn: "id", as: Int64.self) else { return false }
            // Their ballots on votes still open leave with them (their replacement may vote); closed votes keep theirs.
            try await sql.raw("""
                DELETE FROM convention_ballots WHERE panel_id = \(bind: seat) AND proposal_id IN
                (SELECT p.id FROM convention_proposals p WHERE p.convention_id = \(bind: conventionID) AND p.status = 'open')
                """).run()
            return true
        }
    }

    /// Abandons the convention's draw under way (queued, running or committed: the announced event was cancelled, or
    /// the lottery is not wanted), while the convention is in `statuses`; a first draw reopens the pool. A worker still
    /// computing it finds it gone and its result is refused. `StoreError.stateChanged` when no draw is under way.
    public func abandon(conventionID: Int64, councilID: Int64, whileIn statuses: [String], at: Double) async throws {
        try await database.transaction { sql in
            try await ConventionRepository.claim(id: conventionID, councilID: councilID, statuses: statuses, on: sql)
            guard let row = try await sql.raw("""
                UPDATE convention_draws SET status = 'abandoned', heartbeat_at = \(bind: at)
                WHERE convention_id = \(bind: conventionID)
                AND (status IN ('queued', 'running') OR (status = 'committed' AND seed_not_before > \(bind: at))) RETURNING withdrawn
                """).first() else { throw StoreError.stateChanged }
            if try row.decode(column: "withdrawn", as: String?.self) == nil {
                try await sql.raw("UPDATE conventions SET status = 'registration' WHERE id = \(bind: conventionID) AND status = 'committed'").run()
            }
        }
    }

    /// Queues a replacement draw for the seats of the people who declined and were not replaced yet, while the
    /// convention is drawn or sitting and no other draw is under way (`StoreError.stateChanged` otherwise, or when
    /// nobody is waiting for a replacement).
    public func requestReplacement(conventionID: Int64, councilID: Int64, seed: SeedAnnouncement, at: Double) async throws -> Int64 {
        try await database.transaction { sql in
            try await ConventionRepository.claim(id: conventionID, councilID: councilID, statuses: ["drawn", "sitting"], on: sql)
            guard try await sql.raw("""
                SELECT id FROM convention_draws WHERE convention_id = \(bind: conventionID) AND status IN ('queued', 'running', 'committed')
                """).first() == nil else { throw StoreError.stateChanged }
            let withdrawn = try await sql.raw("""
                SELECT reference FROM convention_panel WHERE convention_id = \(bind: conventionID) AND refused_at IS NOT NULL
                AND replaced_in_draw IS NULL ORDER BY reference
                """).all(decodingColumn: "reference", as: String.self)
            guard !withdrawn.isEmpty else { throw StoreError.stateChanged }
            let number = (try await sql.raw("SELECT MAX(number) AS n FROM convention_draws WHERE convention_id = \(bind: conventionID)")
                .first(decodingColumn: "n", as: Int?.self) ?? nil) ?? 0
            let json = String(decoding: try JSONEncoder().encode(withdrawn), as: UTF8.self)
            return try await sql.insert(into: "convention_draws")
                .columns("convention_id", "number", "status", "requested_at", "withdrawn", "seed_source", "seed_not_before")
                .values(SQLBind(conventionID), SQLBind(number + 1), SQLBind("queued"), SQLBind(at), SQLBind(json), SQLBind(seed.source),
                        SQLBind(seed.notBefore))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        }
    }

    /// The people on the panel, in reference order.
    public func panel(conventionID: Int64) async throws -> [PanelMemberRecord] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT id, draw_id, volunteer_id, reference, refused_at, replaced_in_draw FROM convention_panel WHERE convention_id = \(bind: conventionID)
                ORDER BY reference
                """).decodeAll(PanelMemberRecord.self)
        }
    }

    /// How to reach volunteers (by reference): their e-mail (when they gave one) and the language of the account they
    /// registered with (nil for an import).
    public func contacts(conventionID: Int64, references: [String]) async throws -> [(reference: String, email: String, language: String?)] {
        guard !references.isEmpty else { return [] }
        return try await database.read { sql in
            try await sql.select().column(SQLColumn("reference", table: "v")).column(SQLColumn("email", table: "v"))
                .column(SQLColumn("preferred_language", table: "a"))
                .from(SQLAlias(SQLIdentifier("convention_volunteers"), as: SQLIdentifier("v")))
                .join(SQLAlias(SQLIdentifier("accounts"), as: SQLIdentifier("a")), method: SQLJoinMethod.left,
                      on: SQLColumn("id", table: "a"), .equal, SQLColumn("account_id", table: "v"))
                .where(SQLColumn("convention_id", table: "v"), .equal, SQLBind(conventionID))
                .where(SQLColumn("reference", table: "v"), .in, SQLBind.group(references))
                .where(SQLColumn("email", table: "v"), .isNot, SQLLiteral.null)
                .orderBy(SQLColumn("reference", table: "v"))
                .all().map { row in
                    (try row.decode(column: "reference", as: String.self), try row.decode(column: "email", as: String.self),
                     try row.decode(column: "preferred_language", as: String?.self))
                }
        }
    }

    /// The pool as the draw reads it: every volunteer with their values, in reference order.
    public func pool(conventionID: Int64) async throws -> [DrawVolunteer] {
        try await database.read { sql in
            let rows = try await sql.raw("""
                SELECT id, reference, address, postcode FROM convention_volunteers WHERE convention_id = \(bind: conventionID) ORDER BY reference, id
                """).all()
            let values = try await sql.raw("""
                SELECT vv.volunteer_id, vv.value_id FROM convention_volunteer_values vv
                JOIN convention_volunteers p ON p.id = vv.volunteer_id WHERE p.convention_id = \(bind: conventionID)
                """).all()
            var valuesOf: [Int64: [Int64]] = [:]
            for row in values {
                valuesOf[try row.decode(column: "volunteer_id", as: Int64.self), default: []].append(try row.decode(column: "value_id", as: Int64.self))
            }
            return try rows.map { row in
                let id = try row.decode(column: "id", as: Int64.self)
                return DrawVolunteer(id: id, reference: try row.decode(column: "reference", as: String.self), valueIDs: valuesOf[id] ?? [],
                                     address: try row.decode(column: "address", as: String?.self),
                                     postcode: try row.decode(column: "postcode", as: String?.self))
            }
        }
    }
}
