import HemicycleDomain
import SQLKit

/// A state-of-the-nation indicator, as stored.
public struct IndicatorRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let councilId: Int64
    public let code: String
    public let nameFr: String?
    public let nameAr: String?
    public let nameEn: String?
    public let definitionFr: String?
    public let definitionAr: String?
    public let definitionEn: String?
    public let source: String
    public let unit: String
    public let createdAt: Double
    public let updatedAt: Double

    public var name: LocalizedText { LocalizedText(fr: nameFr, ar: nameAr, en: nameEn) }
    public var definition: LocalizedText { LocalizedText(fr: definitionFr, ar: definitionAr, en: definitionEn) }

    enum CodingKeys: String, CodingKey {
        case id, code, source, unit
        case councilId = "council_id", nameFr = "name_fr", nameAr = "name_ar", nameEn = "name_en", definitionFr = "definition_fr"
        case definitionAr = "definition_ar", definitionEn = "definition_en", createdAt = "created_at", updatedAt = "updated_at"
    }
}

/// One year's value of an indicator, in thousandths.
public struct IndicatorValueRecord: Sendable, Hashable, Decodable {
    public let indicatorId: Int64
    public let year: Int
    public let valueMilli: Int64
    public let illustrative: Bool

    enum CodingKeys: String, CodingKey {
        case year, illustrative
        case indicatorId = "indicator_id", valueMilli = "value_milli"
    }
}

/// An indicator as the secretariat defines it.
public struct IndicatorFields: Sendable {
    public var code: String
    public var name: LocalizedText
    public var definition: LocalizedText
    public var source: String
    public var unit: String

    public init(code: String, name: LocalizedText, definition: LocalizedText, source: String, unit: String) {
        self.code = code
        self.name = name
        self.definition = definition
        self.source = source
        self.unit = unit
    }
}

/// Why a change to the indicators was not made.
public enum IndicatorChangeRefused: Error, Equatable {
    case notFound
    case refused(String)
}

/// A council's indicators, their yearly values, and the annual reports they are annexed to.
public struct IndicatorRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public func all(councilID: Int64) async throws -> [IndicatorRecord] {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM indicators WHERE council_id = \(bind: councilID) ORDER BY code, id").decodeAll(IndicatorRecord.self)
        }
    }

    public func find(id: Int64, councilID: Int64) async throws -> IndicatorRecord? {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM indicators WHERE id = \(bind: id) AND council_id = \(bind: councilID)").decodeFirst(IndicatorRecord.self)
        }
    }

    /// The values of the council's indicators, by indicator, in order of year.
    public func values(councilID: Int64) async throws -> [Int64: [IndicatorValueRecord]] {
        try await database.read { sql in
            Dictionary(grouping: try await sql.raw("""
                SELECT v.* FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id WHERE i.council_id = \(bind: councilID)
                ORDER BY v.indicator_id, v.year
                """).decodeAll(IndicatorValueRecord.self), by: \.indicatorId)
        }
    }

    /// Adds an indicator; refused (`indicator_error_code_taken`) when the council has its code already.
    public func create(councilID: Int64, _ fields: IndicatorFields, at: Double) async throws -> Int64 {
        try await database.transaction { sql in
            guard let id = try await sql.raw("""
                INSERT INTO indicators (council_id, code, name_fr, name_ar, name_en, definition_fr, definition_ar, definition_en, source, unit,
                created_at, updated_at) VALUES (\(bind: councilID), \(bind: fields.code), \(bind: fields.name[.fr]), \(bind: fields.name[.ar]),
                \(bind: fields.name[.en]), \(bind: fields.definition[.fr]), \(bind: fields.definition[.ar]), \(bind: fields.definition[.en]),
                \(bind: fields.source), \(bind: fields.unit), \(bind: at), \(bind: at))
                ON CONFLICT (council_id, code) DO NOTHING RETURNING id
                """).first(decodingColumn: "id", as: Int64.self) else { throw IndicatorChangeRefused.refused("indicator_error_code_taken") }
            return id
        }
    }

    /// Records `points` (year, thousandths) for the council's indicator, replacing the values of those years, removing
    /// those of the `missing` years and keeping the others; all or none.
    public func record(indicatorID: Int64, councilID: Int64, _ points: [(year: Int, milli: Int64)], missing: [Int] = [], illustrative: Bool,
                       at: Double) async throws {
        try await database.transaction { sql in
            guard try await sql.raw("""
                UPDATE indicators SET updated_at = \(bind: at) WHERE id = \(bind: indicatorID) AND council_id = \(bind: councilID) RETURNING id
                """).first() != nil else { throw IndicatorChangeRefused.notFound }
            for year in missing {
                try await sql.delete(from: "indicator_values").where("indicator_id", .equal, indicatorID).where("year", .equal, year).run()
            }
            for point in points {
                try await sql.delete(from: "indicator_values").where("indicator_id", .equal, indicatorID).where("year", .equal, point.year).run()
                try await sql.insert(into: "indicator_values").columns("indicator_id", "year", "value_milli", "illustrative", "updated_at")
                    .values(SQLBind(indicatorID), SQLBind(point.year), SQLBind(point.milli), SQLBind(illustrative), SQLBind(at)).run()
            }
        }
    }

    public func removeValue(indicatorID: Int64, councilID: Int64, year: Int, at: Double) async throws {
        try await database.transaction { sql in
            guard try await sql.raw("""
                UPDATE indicators SET updated_at = \(bind: at) WHERE id = \(bind: indicatorID) AND council_id = \(bind: councilID) RETURNING id
                """).first() != nil else { throw IndicatorChangeRefused.notFound }
            guard try await sql.raw("""
                DELETE FROM indicator_values WHERE indicator_id = \(bind: indicatorID) AND year = \(bind: year) RETURNING year
                """).first() != nil else { throw IndicatorChangeRefused.notFound }
        }
    }

    /// The indicators annexed to a work, in order.
    public func annexed(workID: Int64) async throws -> [IndicatorRecord] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT i.* FROM indicators i JOIN work_indicators w ON w.indicator_id = i.id WHERE w.work_id = \(bind: workID) ORDER BY w.position, i.code
                """).decodeAll(IndicatorRecord.self)
        }
    }

    /// Annexes the council's indicator to the council's work (last), or takes it away; both must be the council's.
    public func annex(workID: Int64, indicatorID: Int64, councilID: Int64, _ annexed: Bool) async throws {
        try await database.transaction { sql in
            guard try await sql.raw("SELECT id FROM works WHERE id = \(bind: workID) AND council_id = \(bind: councilID)").first() != nil,
                  try await sql.raw("SELECT id FROM indicators WHERE id = \(bind: indicatorID) AND council_id = \(bind: councilID)").first() != nil
            else { throw IndicatorChangeRefused.notFound }
            if annexed {
                // Twice at once: the second finds it annexed.
                try await sql.raw("""
                    INSERT INTO work_indicators (work_id, indicator_id, position)
                    VALUES (\(bind: workID), \(bind: indicatorID), (SELECT COALESCE(MAX(position), 0) + 1 FROM work_indicators WHERE work_id = \(bind: workID)))
                    ON CONFLICT (work_id, indicator_id) DO NOTHING
                    """).run()
            } else {
                try await sql.delete(from: "work_indicators").where("work_id", .equal, workID).where("indicator_id", .equal, indicatorID).run()
            }
        }
    }
}
