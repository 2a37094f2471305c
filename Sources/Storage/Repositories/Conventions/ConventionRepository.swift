import Foundation
import HemicycleDomain
import SQLKit

/// Citizens' conventions, their criteria and quotas; every query is scoped to one council.
public struct ConventionRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// The council's conventions with one of `statuses`, newest first.
    public func all(councilID: Int64, statuses: [String]) async throws -> [ConventionRecord] {
        guard !statuses.isEmpty else { return [] }
        return try await database.read { sql in
            try await sql.select().column("*").from("conventions").where("council_id", .equal, councilID)
                .where("status", .in, statuses).orderBy("created_at", .descending).orderBy("id", .descending)
                .decodeAll(ConventionRecord.self)
        }
    }

    public func find(id: Int64, councilID: Int64) async throws -> ConventionRecord? {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM conventions WHERE id = \(bind: id) AND council_id = \(bind: councilID)")
                .decodeFirst(ConventionRecord.self)
        }
    }

    public func create(councilID: Int64, _ definition: ConventionDefinition, at: Double) async throws -> Int64 {
        try await database.transaction { sql in
            try await Self.checkWork(definition.workID, councilID: councilID, on: sql)
            return try await sql.insert(into: "conventions")
                .columns("council_id", "title_fr", "title_ar", "title_en", "mandate_fr", "mandate_ar", "mandate_en", "work_id",
                         "panel_size", "tolerance", "one_per_household", "status", "created_at")
                .values(SQLBind(councilID), SQLBind(definition.title[.fr]), SQLBind(definition.title[.ar]), SQLBind(definition.title[.en]),
                        SQLBind(definition.mandate[.fr]), SQLBind(definition.mandate[.ar]), SQLBind(definition.mandate[.en]),
                        SQLBind(definition.workID), SQLBind(definition.panelSize), SQLBind(definition.tolerance),
                        SQLBind(definition.onePerHousehold), SQLBind("preparing"), SQLBind(at))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        }
    }

    /// Rewrites the definition while the convention is in one of `statuses` (else `StoreError.stateChanged`); when the
    /// panel size or tolerance change, `quotas` (value id → min, max), derived from the criteria the caller read, are
    /// stored in the same transaction, only if the criteria are still those (`StoreError.stateChanged` otherwise).
    public func update(id: Int64, councilID: Int64, _ definition: ConventionDefinition, whileIn statuses: [String],
                       quotas: [Int64: (min: Int, max: Int)] = [:]) async throws {
        try await database.transaction { sql in
            try await Self.claim(id: id, councilID: councilID, statuses: statuses, on: sql)
            try await Self.checkWork(definition.workID, councilID: councilID, on: sql)
            if !quotas.isEmpty { try await Self.expect(conventionID: id, valueIDs: Set(quotas.keys), on: sql) }
            try await sql.update("conventions")
                .set("title_fr", to: definition.title[.fr]).set("title_ar", to: definition.title[.ar]).set("title_en", to: definition.title[.en])
                .set("mandate_fr", to: definition.mandate[.fr]).set("mandate_ar", to: definition.mandate[.ar])
                .set("mandate_en", to: definition.mandate[.en]).set("work_id", to: definition.workID)
                .set("panel_size", to: definition.panelSize).set("tolerance", to: definition.tolerance)
                .set("one_per_household", to: definition.onePerHousehold)
                .where("id", .equal, id).run()
            try await Self.writeQuotas(quotas, conventionID: id, on: sql)
        }
    }

    /// The criteria in order, each with its values in order.
    public func criteria(conventionID: Int64) async throws -> [StoredCriterion] {
        try await database.read { sql in
            let criteria = try await sql.raw("""
                SELECT id, key, name_fr, name_ar, name_en FROM convention_criteria WHERE convention_id = \(bind: conventionID)
                ORDER BY position, id
                """).all()
            let values = try await sql.raw("""
                SELECT v.* FROM convention_values v JOIN convention_criteria c ON c.id = v.criterion_id
                WHERE c.convention_id = \(bind: conventionID) ORDER BY v.criterion_id, v.position, v.id
                """).decodeAll(StoredCriterionValue.self)
            let byCriterion = Dictionary(grouping: values, by: \.criterionId)
            return try criteria.map { row in
                let id = try row.decode(column: "id", as: Int64.self)
                return StoredCriterion(
                    id: id, key: try row.decode(column: "key", as: String.self),
                    name: LocalizedText(fr: try row.decode(column: "name_fr", as: String?.self), ar: try row.decode(column: "name_ar", as: String?.self),
                                        en: try row.decode(column: "name_en", as: String?.self)),
                    values: byCriterion[id] ?? [])
            }
        }
    }

    /// Replaces every criterion, value and quota, only while the convention is in one of `statuses` and its pool is
    /// empty (volunteers answered the criteria they were given): otherwise `StoreError.stateChanged`.
    public func replaceCriteria(conventionID: Int64, councilID: Int64, _ criteria: [NewCriterion], whileIn statuses: [String]) async throws {
        try await database.transaction { sql in
            try await Self.claim(id: conventionID, councilID: councilID, statuses: statuses, on: sql)
            guard try await sql.raw("SELECT id FROM convention_volunteers WHERE convention_id = \(bind: conventionID) LIMIT 1").first() == nil
            else { throw StoreError.stateChanged }
            try await sql.delete(from: "convention_criteria").where("convention_id", .equal, conventionID).run()
            for (position, criterion) in criteria.enumerated() {
                let criterionID = try await sql.insert(into: "convention_criteria")
                    .columns("convention_id", "position", "key", "name_fr", "name_ar", "name_en")
                    .values(SQLBind(conventionID), SQLBind(position), SQLBind(criterion.key), SQLBind(criterion.name[.fr]),
                            SQLBind(criterion.name[.ar]), SQLBind(criterion.name[.en]))
                    .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
                var insert = sql.insert(into: "convention_values")
                    .columns("criterion_id", "position", "key", "name_fr", "name_ar", "name_en", "population_share", "quota_min", "quota_max")
                for (index, value) in criterion.values.enumerated() {
                    insert = insert.values(SQLBind(criterionID), SQLBind(index), SQLBind(value.key), SQLBind(value.name[.fr]),
                                           SQLBind(value.name[.ar]), SQLBind(value.name[.en]), SQLBind(value.populationShare),
                                           SQLBind(value.quotaMin), SQLBind(value.quotaMax))
                }
                if !criterion.values.isEmpty { try await insert.run() }
            }
        }
    }

    /// Stores quotas (value id → min, max) while the convention is in one of `statuses`, and only if they were
    /// checked against what is still there: the panel size and tolerance given, and the same values
    /// (`StoreError.stateChanged` otherwise).
    public func setQuotas(conventionID: Int64, councilID: Int64, _ quotas: [Int64: (min: Int, max: Int)], whileIn statuses: [String],
                          panelSize: Int, tolerance: Double) async throws {
        try await database.transaction { sql in
            try await Self.claim(id: conventionID, councilID: councilID, statuses: statuses, on: sql)
            guard let row = try await sql.raw("SELECT panel_size, tolerance FROM conventions WHERE id = \(bind: conventionID)").first(),
                  try row.decode(column: "panel_size", as: Int.self) == panelSize, try row.decode(column: "tolerance", as: Double.self) == tolerance
            else { throw StoreError.stateChanged }
            try await Self.expect(conventionID: conventionID, valueIDs: Set(quotas.keys), on: sql)
            try await Self.writeQuotas(quotas, conventionID: conventionID, on: sql)
        }
    }

    /// Opens registration: from preparing, and only once the convention has criteria.
    public func openRegistration(id: Int64, councilID: Int64) async throws {
        try await database.transaction { sql in
            guard try await sql.raw("""
                UPDATE conventions SET status = 'registration' WHERE id = \(bind: id) AND council_id = \(bind: councilID)
                AND status = 'preparing' AND EXISTS (SELECT 1 FROM convention_criteria WHERE convention_id = \(bind: id)) RETURNING id
                """).first() != nil else {
                throw try await Self.exists(id: id, councilID: councilID, on: sql) ? StoreError.stateChanged : StoreError.notFound
            }
        }
    }

    /// Moves the convention from `from` to `to`; `StoreError.stateChanged` when it is no longer in `from`.
    public func move(id: Int64, councilID: Int64, from: String, to: String) async throws {
        try await database.transaction { sql in
            guard try await sql.raw("""
                UPDATE conventions SET status = \(bind: to) WHERE id = \(bind: id) AND council_id = \(bind: councilID)
                AND status = \(bind: from) RETURNING id
                """).first() != nil else {
                throw try await Self.exists(id: id, councilID: councilID, on: sql) ? StoreError.stateChanged : StoreError.notFound
            }
        }
    }

    /// Volunteers in the pool.
    public func volunteerCount(conventionID: Int64) async throws -> Int {
        try await database.read { sql in
            try await sql.raw("SELECT COUNT(*) AS n FROM convention_volunteers WHERE convention_id = \(bind: conventionID)")
                .first(decodingColumn: "n", as: Int.self) ?? 0
        }
    }

    /// How many volunteers have each value (value id → count; values nobody has are absent).
    public func valueCounts(conventionID: Int64) async throws -> [Int64: Int] {
        try await database.read { sql in
            let rows = try await sql.raw("""
                SELECT vv.value_id, COUNT(*) AS n FROM convention_volunteer_values vv
                JOIN convention_volunteers p ON p.id = vv.volunteer_id
                WHERE p.convention_id = \(bind: conventionID) GROUP BY vv.value_id
                """).all()
            var counts: [Int64: Int] = [:]
            for row in rows { counts[try row.decode(column: "value_id", as: Int64.self)] = try row.decode(column: "n", as: Int.self) }
            return counts
        }
    }

    /// The volunteers, by reference, a page at a time.
    public func volunteers(conventionID: Int64, limit: Int, offset: Int) async throws -> [VolunteerRecord] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT id, reference, name, email, phone, birth_date, address, postcode, source, created_at FROM convention_volunteers
                WHERE convention_id = \(bind: conventionID) ORDER BY reference, id LIMIT \(bind: limit) OFFSET \(bind: offset)
                """).decodeAll(VolunteerRecord.self)
        }
    }

    /// Adds volunteers, all or none, while the convention is in one of `statuses`; a reference already in the pool
    /// is `StoreError.alreadyMember`. Each value id must belong to the convention (checked in the transaction).
    /// `check` runs in the transaction with the pool as it is there (before the new volunteers), so that the rule it
    /// applies (no one registered twice) holds against imports running side by side; it throws to refuse them all.
    public func addVolunteers(conventionID: Int64, councilID: Int64, _ volunteers: [NewVolunteer], source: String, at: Double,
                              whileIn statuses: [String],
                              check: @Sendable ([VolunteerRecord]) throws -> Void = { _ in }) async throws {
        try await database.transaction { sql in
            try await Self.claim(id: conventionID, councilID: councilID, statuses: statuses, on: sql)
            try check(try await sql.raw("""
                SELECT id, reference, name, email, phone, birth_date, address, postcode, source, created_at FROM convention_volunteers
                WHERE convention_id = \(bind: conventionID) ORDER BY id
                """).decodeAll(VolunteerRecord.self))
            let known = Set(try await sql.raw("""
                SELECT v.id FROM convention_values v JOIN convention_criteria c ON c.id = v.criterion_id
                WHERE c.convention_id = \(bind: conventionID)
                """).all(decodingColumn: "id", as: Int64.self))
            guard volunteers.allSatisfy({ $0.valueIDs.allSatisfy(known.contains) }) else { throw StoreError.stateChanged }
            let existing = Set(try await sql.raw("SELECT reference FROM convention_volunteers WHERE convention_id = \(bind: conventionID)")
                .all(decodingColumn: "reference", as: String.self))
            guard !volunteers.contains(where: { existing.contains($0.reference) }) else { throw StoreError.alreadyMember }
            let accounts = volunteers.compactMap(\.accountID)
            if !accounts.isEmpty {
                guard try await sql.select().column("id").from("convention_volunteers").where("convention_id", .equal, conventionID)
                    .where("account_id", .in, accounts).first() == nil
                else { throw StoreError.alreadyMember }
            }
            // Batches keep each statement's values well under both databases' limits.
            for batch in stride(from: 0, to: volunteers.count, by: 500).map({ volunteers[$0..<min($0 + 500, volunteers.count)] }) {
                var insert = sql.insert(into: "convention_volunteers")
                    .columns("convention_id", "reference", "name", "email", "phone", "birth_date", "address", "postcode", "source",
                             "account_id", "consented_at", "created_at")
                for volunteer in batch {
                    insert = insert.values(SQLBind(conventionID), SQLBind(volunteer.reference), SQLBind(volunteer.name), SQLBind(volunteer.email),
                                           SQLBind(volunteer.phone), SQLBind(volunteer.birthDate), SQLBind(volunteer.address),
                                           SQLBind(volunteer.postcode), SQLBind(source), SQLBind(volunteer.accountID), SQLBind(at), SQLBind(at))
                }
                let ids = try await insert.returning("id", "reference").all().map { row in
                    (try row.decode(column: "reference", as: String.self), try row.decode(column: "id", as: Int64.self))
                }
                let idOf = Dictionary(ids, uniquingKeysWith: { first, _ in first })
                var values = sql.insert(into: "convention_volunteer_values").columns("volunteer_id", "value_id")
                var any = false
                for volunteer in batch {
                    guard let id = idOf[volunteer.reference] else { throw StoreError.stateChanged }
                    for valueID in volunteer.valueIDs {
                        values = values.values(SQLBind(id), SQLBind(valueID))
                        any = true
                    }
                }
                if any { try await values.run() }
            }
        }
    }

    /// Removes a volunteer (by id, or the one an account registered) and their answers, while the convention is in one
    /// of `statuses`; whether there was one.
    @discardableResult
    public func removeVolunteer(conventionID: Int64, councilID: Int64, volunteerID: Int64? = nil, accountID: Int64? = nil,
                                whileIn statuses: [String]) async throws -> Bool {
        try await database.transaction { sql in
            try await Self.claim(id: conventionID, councilID: councilID, statuses: statuses, on: sql)
            let column = volunteerID != nil ? "id" : "account_id"
            guard let key = volunteerID ?? accountID else { return false }
            guard let row = try await sql.select().column("id").from("convention_volunteers").where("convention_id", .equal, conventionID)
                .where(SQLColumn(column), .equal, SQLBind(key)).first() else { return false }
            let id = try row.decode(column: "id", as: Int64.self)
            try await sql.delete(from: "convention_volunteer_values").where("volunteer_id", .equal, id).run()
            try await sql.delete(from: "convention_volunteers").where("id", .equal, id).run()
            return true
        }
    }

    /// Closes a convention whose report is published (reported → closed) and erases its volunteers: their contact
    /// details, their answers, the link from their account or their seat, and the messages that told the people drawn
    /// (they tie an address to a published reference). What the published report and draw hold stays: the
    /// pseudonymous references on the panel and in the published files, the votes' results. How many volunteers were
    /// erased.
    public func erasePersonalData(id: Int64, councilID: Int64) async throws -> Int {
        try await database.transaction { sql in
            try await Self.claim(id: id, councilID: councilID, statuses: ["reported"], on: sql)
            // The draw's messages link to this convention's draw page, and only there.
            try await sql.raw("""
                DELETE FROM outbox WHERE kind = 'convention_drawn' AND body LIKE \(bind: "%/conventions/\(id)/draw%")
                AND LOWER(recipient) IN (SELECT LOWER(v.email) FROM convention_volunteers v WHERE v.convention_id = \(bind: id) AND v.email IS NOT NULL)
                """).run()
            // In the order an account's erasure takes (answers, volunteer, seat), so the two never wait on each other.
            try await sql.raw("""
                DELETE FROM convention_volunteer_values WHERE volunteer_id IN (SELECT v.id FROM convention_volunteers v WHERE v.convention_id = \(bind: id))
                """).run()
            let erased = try await sql.raw("DELETE FROM convention_volunteers WHERE convention_id = \(bind: id) RETURNING id").all().count
            try await sql.raw("UPDATE convention_panel SET volunteer_id = NULL WHERE convention_id = \(bind: id) AND volunteer_id IS NOT NULL").run()
            // Statements no longer say which seat wrote them.
            try await sql.raw("UPDATE convention_statements SET panel_id = NULL WHERE convention_id = \(bind: id)").run()
            try await sql.raw("UPDATE conventions SET status = 'closed' WHERE id = \(bind: id)").run()
            return erased
        }
    }

    /// Whether the account has registered as a volunteer of the convention.
    public func isRegistered(conventionID: Int64, accountID: Int64) async throws -> Bool {
        try await database.read { sql in
            try await sql.raw("""
                SELECT id FROM convention_volunteers WHERE convention_id = \(bind: conventionID) AND account_id = \(bind: accountID)
                """).first() != nil
        }
    }

    /// Each volunteer's value ids (volunteer id → value ids), for the pool's report and the draw.
    public func volunteerValues(conventionID: Int64) async throws -> [Int64: [Int64]] {
        try await database.read { sql in
            let rows = try await sql.raw("""
                SELECT vv.volunteer_id, vv.value_id FROM convention_volunteer_values vv
                JOIN convention_volunteers p ON p.id = vv.volunteer_id WHERE p.convention_id = \(bind: conventionID)
                ORDER BY vv.volunteer_id, vv.value_id
                """).all()
            var values: [Int64: [Int64]] = [:]
            for row in rows {
                values[try row.decode(column: "volunteer_id", as: Int64.self), default: []].append(try row.decode(column: "value_id", as: Int64.self))
            }
            return values
        }
    }

    // MARK: - Inside transactions

    /// Locks the convention's row for this transaction if it is in one of `statuses`.
    static func claim(id: Int64, councilID: Int64, statuses: [String], on sql: any SQLDatabase) async throws {
        // A no-op write takes the row's lock (PostgreSQL) or the database's (SQLite): a concurrent move waits.
        guard try await sql.update("conventions").set("status", to: SQLColumn("status"))
            .where("id", .equal, id).where("council_id", .equal, councilID).where("status", .in, statuses)
            .returning("id").first() != nil
        else { throw try await exists(id: id, councilID: councilID, on: sql) ? StoreError.stateChanged : StoreError.notFound }
    }

    static func exists(id: Int64, councilID: Int64, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw("SELECT id FROM conventions WHERE id = \(bind: id) AND council_id = \(bind: councilID)").first() != nil
    }

    /// The convention's values must be exactly `valueIDs` (its criteria were not replaced meanwhile).
    static func expect(conventionID: Int64, valueIDs: Set<Int64>, on sql: any SQLDatabase) async throws {
        let current = Set(try await sql.raw("""
            SELECT v.id FROM convention_values v JOIN convention_criteria c ON c.id = v.criterion_id
            WHERE c.convention_id = \(bind: conventionID)
            """).all(decodingColumn: "id", as: Int64.self))
        guard current == valueIDs else { throw StoreError.stateChanged }
    }

    /// A linked work item must be the council's own.
    static func checkWork(_ workID: Int64?, councilID: Int64, on sql: any SQLDatabase) async throws {
        guard let workID else { return }
        guard try await sql.raw("SELECT id FROM works WHERE id = \(bind: workID) AND council_id = \(bind: councilID)").first() != nil
        else { throw StoreError.notFound }
    }

    static func writeQuotas(_ quotas: [Int64: (min: Int, max: Int)], conventionID: Int64, on sql: any SQLDatabase) async throws {
        for (valueID, quota) in quotas.sorted(by: { $0.key < $1.key }) {
            // Only the convention's own values change.
            try await sql.raw("""
                UPDATE convention_values SET quota_min = \(bind: quota.min), quota_max = \(bind: quota.max)
                WHERE id = \(bind: valueID) AND criterion_id IN (SELECT id FROM convention_criteria WHERE convention_id = \(bind: conventionID))
                """).run()
        }
    }
}
