import HemicycleDomain
import SQLKit

/// Agreements between councils hosted here, their signatories, themes and action plans. A council reads and keeps
/// only the agreements it is a party to; what it shares under one is its own work, shared with another party.
public struct AgreementRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// The instance's themes of cooperation, in their order.
    public func themes() async throws -> [CooperationTheme] {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM cooperation_themes ORDER BY position, id").decodeAll(CooperationTheme.self)
        }
    }

    /// The agreements the council is a party to, the latest signed first (those under negotiation before them).
    public func all(councilID: Int64) async throws -> [AgreementRecord] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT a.* FROM agreements a JOIN agreement_parties p ON p.agreement_id = a.id
                WHERE p.council_id = \(bind: councilID)
                ORDER BY CASE WHEN a.signed_on IS NULL THEN 0 ELSE 1 END, a.signed_on DESC, a.id DESC
                """).decodeAll(AgreementRecord.self)
        }
    }

    /// The agreement, when the council is a party to it.
    public func find(id: Int64, partyID: Int64) async throws -> AgreementRecord? {
        try await database.read { sql in
            try await sql.raw("""
                SELECT a.* FROM agreements a JOIN agreement_parties p ON p.agreement_id = a.id
                WHERE a.id = \(bind: id) AND p.council_id = \(bind: partyID)
                """).decodeFirst(AgreementRecord.self)
        }
    }

    /// The parties of each of the council's agreements, in one query.
    public func parties(councilID: Int64) async throws -> [Int64: [Int64]] {
        try await database.read { sql in
            var parties: [Int64: [Int64]] = [:]
            for row in try await sql.raw("""
                SELECT p.agreement_id, p.council_id FROM agreement_parties p
                WHERE p.agreement_id IN (SELECT agreement_id FROM agreement_parties WHERE council_id = \(bind: councilID))
                ORDER BY p.agreement_id, p.council_id
                """).all() {
                parties[try row.decode(column: "agreement_id", as: Int64.self), default: []].append(try row.decode(column: "council_id", as: Int64.self))
            }
            return parties
        }
    }

    public func parties(agreementID: Int64) async throws -> [Int64] {
        try await database.read { sql in
            try await sql.raw("SELECT council_id FROM agreement_parties WHERE agreement_id = \(bind: agreementID) ORDER BY council_id").all()
                .map { try $0.decode(column: "council_id", as: Int64.self) }
        }
    }

    /// The signatories of each of the council's agreements, in one query.
    public func signatories(councilID: Int64) async throws -> [Int64: [AgreementSignatory]] {
        try await database.read { sql in
            var signatories: [Int64: [AgreementSignatory]] = [:]
            for row in try await sql.raw("""
                SELECT agreement_id, council_id, position, name FROM agreement_signatories
                WHERE agreement_id IN (SELECT agreement_id FROM agreement_parties WHERE council_id = \(bind: councilID))
                ORDER BY agreement_id, council_id, position
                """).all() {
                signatories[try row.decode(column: "agreement_id", as: Int64.self), default: []].append(try row.decodeModel(AgreementSignatory.self))
            }
            return signatories
        }
    }

    /// The themes of each of the council's agreements, in the instance's order, in one query.
    public func themes(councilID: Int64) async throws -> [Int64: [CooperationTheme]] {
        try await database.read { sql in
            var themes: [Int64: [CooperationTheme]] = [:]
            for row in try await sql.raw("""
                SELECT a.agreement_id, t.* FROM cooperation_themes t JOIN agreement_themes a ON a.theme_id = t.id
                WHERE a.agreement_id IN (SELECT agreement_id FROM agreement_parties WHERE council_id = \(bind: councilID))
                ORDER BY a.agreement_id, t.position, t.id
                """).all() {
                themes[try row.decode(column: "agreement_id", as: Int64.self), default: []].append(try row.decodeModel(CooperationTheme.self))
            }
            return themes
        }
    }

    public func signatories(agreementID: Int64) async throws -> [AgreementSignatory] {
        try await database.read { sql in
            try await sql.raw("SELECT council_id, position, name FROM agreement_signatories WHERE agreement_id = \(bind: agreementID) ORDER BY council_id, position")
                .decodeAll(AgreementSignatory.self)
        }
    }

    /// The agreement's themes, in the instance's order.
    public func themes(agreementID: Int64) async throws -> [CooperationTheme] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT t.* FROM cooperation_themes t JOIN agreement_themes a ON a.theme_id = t.id
                WHERE a.agreement_id = \(bind: agreementID) ORDER BY t.position, t.id
                """).decodeAll(CooperationTheme.self)
        }
    }

    /// Records an agreement; `StoreError.notFound` when a party, a signatory's council or a theme is unknown, or the
    /// recording council is not among the parties.
    public func create(councilID: Int64, _ fields: AgreementFields, at: Double) async throws -> Int64 {
        try await database.transaction { sql in
            try await Self.check(recorder: councilID, fields, on: sql)
            let id = try await sql.insert(into: "agreements")
                .columns("council_id", "title_fr", "title_ar", "title_en", "text_fr", "text_ar", "text_en", "place", "signed_on", "in_force_from",
                         "ends_on", "terminated_on", "created_at", "updated_at")
                .values(SQLBind(councilID), SQLBind(fields.title[.fr]), SQLBind(fields.title[.ar]), SQLBind(fields.title[.en]),
                        SQLBind(fields.text[.fr] ?? ""), SQLBind(fields.text[.ar] ?? ""), SQLBind(fields.text[.en] ?? ""), SQLBind(fields.place),
                        SQLBind(fields.signedOn), SQLBind(fields.inForceFrom), SQLBind(fields.endsOn), SQLBind(fields.terminatedOn),
                        SQLBind(at), SQLBind(at))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
            try await Self.setLinks(agreementID: id, fields, on: sql)
            return id
        }
    }

    /// Corrects an agreement the council is a party to. A council that leaves the parties loses what it shared under
    /// it and what was shared with it; the actions it carried go with it.
    public func update(id: Int64, partyID: Int64, _ fields: AgreementFields, at: Double) async throws {
        try await database.transaction { sql in
            guard let recorder = try await sql.raw("""
                SELECT a.council_id FROM agreements a JOIN agreement_parties p ON p.agreement_id = a.id
                WHERE a.id = \(bind: id) AND p.council_id = \(bind: partyID)
                """).first(decodingColumn: "council_id", as: Int64.self) else { throw StoreError.notFound }
            try await Self.check(recorder: recorder, fields, on: sql)
            // The council that corrects it stays a party: it cannot write itself out of an agreement.
            guard fields.parties.contains(partyID) else { throw StoreError.notFound }
            try await sql.raw("""
                UPDATE agreements SET title_fr = \(bind: fields.title[.fr]), title_ar = \(bind: fields.title[.ar]), title_en = \(bind: fields.title[.en]),
                text_fr = \(bind: fields.text[.fr] ?? ""), text_ar = \(bind: fields.text[.ar] ?? ""), text_en = \(bind: fields.text[.en] ?? ""),
                place = \(bind: fields.place), signed_on = \(bind: fields.signedOn), in_force_from = \(bind: fields.inForceFrom),
                ends_on = \(bind: fields.endsOn), terminated_on = \(bind: fields.terminatedOn), updated_at = \(bind: at) WHERE id = \(bind: id)
                """).run()
            for table in ["agreement_parties", "agreement_signatories", "agreement_themes"] {
                try await sql.delete(from: table).where("agreement_id", .equal, id).run()
            }
            try await Self.setLinks(agreementID: id, fields, on: sql)
            let parties = Array(Set(fields.parties))
            try await sql.raw("""
                DELETE FROM agreement_shares WHERE agreement_id = \(bind: id)
                AND (granting_council_id NOT IN (\(binds: parties)) OR grantee_council_id NOT IN (\(binds: parties)))
                """).run()
            try await sql.raw("DELETE FROM agreement_actions WHERE agreement_id = \(bind: id) AND owner_council_id NOT IN (\(binds: parties))").run()
        }
    }

    /// Removes an agreement, with its plan and what was shared under it: only the council that recorded it, and not
    /// while a contribution was written under it (`StoreError.stateChanged`): what a partner sent stays on the work.
    public func delete(id: Int64, recorderID: Int64) async throws {
        try await database.transaction { sql in
            guard try await sql.raw("SELECT id FROM partner_contributions WHERE agreement_id = \(bind: id)").first() == nil
            else { throw StoreError.stateChanged }
            guard try await sql.raw("DELETE FROM agreements WHERE id = \(bind: id) AND council_id = \(bind: recorderID) RETURNING id").first() != nil
            else { throw StoreError.notFound }
        }
    }

    static func check(recorder: Int64, _ fields: AgreementFields, on sql: any SQLDatabase) async throws {
        let parties = Set(fields.parties)
        guard parties.count >= 2, parties.contains(recorder),
              try await sql.raw("SELECT id FROM councils WHERE id IN (\(binds: Array(parties)))").all().count == parties.count,
              Set(fields.signatories.keys).isSubset(of: parties)
        else { throw StoreError.notFound }
        let themes = Set(fields.themes)
        if !themes.isEmpty {
            guard try await sql.raw("SELECT id FROM cooperation_themes WHERE id IN (\(binds: Array(themes)))").all().count == themes.count
            else { throw StoreError.notFound }
        }
    }

    static func setLinks(agreementID: Int64, _ fields: AgreementFields, on sql: any SQLDatabase) async throws {
        let parties = sql.insert(into: "agreement_parties").columns("agreement_id", "council_id")
        for party in Set(fields.parties).sorted() { parties.values(SQLBind(agreementID), SQLBind(party)) }
        try await parties.run()
        let signatories = fields.signatories.filter { !$0.value.isEmpty }
        if !signatories.isEmpty {
            let insert = sql.insert(into: "agreement_signatories").columns("agreement_id", "council_id", "position", "name")
            for (council, names) in signatories.sorted(by: { $0.key < $1.key }) {
                for (position, name) in names.enumerated() { insert.values(SQLBind(agreementID), SQLBind(council), SQLBind(position), SQLBind(name)) }
            }
            try await insert.run()
        }
        if !fields.themes.isEmpty {
            let insert = sql.insert(into: "agreement_themes").columns("agreement_id", "theme_id")
            for theme in Set(fields.themes).sorted() { insert.values(SQLBind(agreementID), SQLBind(theme)) }
            try await insert.run()
        }
    }
}

extension AgreementRepository {
    /// How many agreements name each theme.
    public func themeUses() async throws -> [Int64: Int] {
        try await database.read { sql in
            var uses: [Int64: Int] = [:]
            for row in try await sql.raw("SELECT theme_id, COUNT(*) AS n FROM agreement_themes GROUP BY theme_id").all() {
                uses[try row.decode(column: "theme_id", as: Int64.self)] = try row.decode(column: "n", as: Int.self)
            }
            return uses
        }
    }

    /// Adds a theme at the end of the list; `StoreError.duplicateName` when the identifier is taken (also by an
    /// administrator adding it at the same moment: the unique index decides).
    public func addTheme(slug: String, name: LocalizedText) async throws -> Int64 {
        try await database.transaction { sql in
            let position = try await sql.raw("SELECT COALESCE(MAX(position), -1) + 1 AS p FROM cooperation_themes").first(decodingColumn: "p", as: Int.self) ?? 0
            guard let id = try await sql.raw("""
                INSERT INTO cooperation_themes (slug, name_fr, name_ar, name_en, position)
                VALUES (\(bind: slug), \(bind: name[.fr]), \(bind: name[.ar]), \(bind: name[.en]), \(bind: position))
                ON CONFLICT (slug) DO NOTHING RETURNING id
                """).first(decodingColumn: "id", as: Int64.self)
            else { throw StoreError.duplicateName }
            return id
        }
    }

    public func renameTheme(id: Int64, name: LocalizedText) async throws {
        try await database.transaction { sql in
            guard try await sql.raw("""
                UPDATE cooperation_themes SET name_fr = \(bind: name[.fr]), name_ar = \(bind: name[.ar]), name_en = \(bind: name[.en])
                WHERE id = \(bind: id) RETURNING id
                """).first() != nil else { throw StoreError.notFound }
        }
    }

    /// Removes a theme no agreement names; `StoreError.stateChanged` when one does.
    public func removeTheme(id: Int64) async throws {
        try await database.transaction { sql in
            guard try await sql.raw("SELECT theme_id FROM agreement_themes WHERE theme_id = \(bind: id)").first() == nil else { throw StoreError.stateChanged }
            guard try await sql.raw("DELETE FROM cooperation_themes WHERE id = \(bind: id) RETURNING id").first() != nil else { throw StoreError.notFound }
        }
    }
}
