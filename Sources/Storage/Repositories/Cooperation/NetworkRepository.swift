import HemicycleDomain
import SQLKit

/// A network of councils.
public struct NetworkRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let slug: String
    public let nameFr: String?
    public let nameAr: String?
    public let nameEn: String?
    public let descriptionFr: String?
    public let descriptionAr: String?
    public let descriptionEn: String?
    public let website: String?
    public let founded: Int?

    public var name: LocalizedText { LocalizedText(fr: nameFr, ar: nameAr, en: nameEn) }
    public var description: LocalizedText { LocalizedText(fr: descriptionFr, ar: descriptionAr, en: descriptionEn) }

    enum CodingKeys: String, CodingKey {
        case id, slug, website, founded
        case nameFr = "name_fr", nameAr = "name_ar", nameEn = "name_en"
        case descriptionFr = "description_fr", descriptionAr = "description_ar", descriptionEn = "description_en"
    }
}

/// A member of a network's directory: a council hosted here (`councilId`), or another, named.
public struct NetworkMemberRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let networkId: Int64
    public let councilId: Int64?
    public let name: String
    /// ISO 3166-1 alpha-2.
    public let country: String
    /// ISO 639-1 codes, comma-separated.
    public let languages: String
    public let website: String?
    /// The public address of its own Hemicycle, if it runs one.
    public let hemicycleURL: String?

    public var languageCodes: [String] { languages.split(separator: ",").map(String.init) }

    enum CodingKeys: String, CodingKey {
        case id, name, country, languages, website
        case networkId = "network_id", councilId = "council_id", hemicycleURL = "hemicycle_url"
    }
}

public struct NetworkFields: Sendable {
    public var slug: String
    public var name: LocalizedText
    public var description: LocalizedText
    public var website: String?
    public var founded: Int?

    public init(slug: String, name: LocalizedText, description: LocalizedText, website: String?, founded: Int?) {
        self.slug = slug
        self.name = name
        self.description = description
        self.website = website
        self.founded = founded
    }
}

public struct NetworkMemberFields: Sendable {
    public var councilID: Int64?
    public var name: String
    public var country: String
    public var languages: [String]
    public var website: String?
    public var hemicycleURL: String?

    public init(councilID: Int64?, name: String, country: String, languages: [String], website: String?, hemicycleURL: String?) {
        self.councilID = councilID
        self.name = name
        self.country = country
        self.languages = languages
        self.website = website
        self.hemicycleURL = hemicycleURL
    }
}

/// The networks of councils and their directories, kept by the instance's administrators.
public struct NetworkRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public func all() async throws -> [NetworkRecord] {
        try await database.read { sql in try await sql.raw("SELECT * FROM networks ORDER BY slug").decodeAll(NetworkRecord.self) }
    }

    public func find(slug: String) async throws -> NetworkRecord? {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM networks WHERE slug = \(bind: slug)").decodeFirst(NetworkRecord.self)
        }
    }

    /// How many members each network lists, in one query.
    public func memberCounts() async throws -> [Int64: Int] {
        try await database.read { sql in
            var counts: [Int64: Int] = [:]
            for row in try await sql.raw("SELECT network_id, COUNT(*) AS n FROM network_members GROUP BY network_id").all() {
                counts[try row.decode(column: "network_id", as: Int64.self)] = try row.decode(column: "n", as: Int.self)
            }
            return counts
        }
    }

    public func members(networkID: Int64) async throws -> [NetworkMemberRecord] {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM network_members WHERE network_id = \(bind: networkID) ORDER BY id").decodeAll(NetworkMemberRecord.self)
        }
    }

    /// The networks a council hosted here belongs to.
    public func networks(councilID: Int64) async throws -> [NetworkRecord] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT n.* FROM networks n WHERE n.id IN (SELECT network_id FROM network_members WHERE council_id = \(bind: councilID)) ORDER BY n.slug
                """).decodeAll(NetworkRecord.self)
        }
    }

    /// `StoreError.duplicateName` when another network has the slug (also one added at the same moment: the unique
    /// index decides).
    public func create(_ fields: NetworkFields) async throws -> Int64 {
        try await database.transaction { sql in
            guard let id = try await sql.raw("""
                INSERT INTO networks (slug, name_fr, name_ar, name_en, description_fr, description_ar, description_en, website, founded)
                VALUES (\(bind: fields.slug), \(bind: fields.name[.fr]), \(bind: fields.name[.ar]), \(bind: fields.name[.en]),
                        \(bind: fields.description[.fr]), \(bind: fields.description[.ar]), \(bind: fields.description[.en]), \(bind: fields.website),
                        \(bind: fields.founded))
                ON CONFLICT (slug) DO NOTHING RETURNING id
                """).first(decodingColumn: "id", as: Int64.self)
            else { throw StoreError.duplicateName }
            return id
        }
    }

    /// Corrects a network (its slug stays: addresses to it stay valid).
    public func update(id: Int64, _ fields: NetworkFields) async throws {
        try await database.transaction { sql in
            guard try await sql.raw("""
                UPDATE networks SET name_fr = \(bind: fields.name[.fr]), name_ar = \(bind: fields.name[.ar]), name_en = \(bind: fields.name[.en]),
                description_fr = \(bind: fields.description[.fr]), description_ar = \(bind: fields.description[.ar]),
                description_en = \(bind: fields.description[.en]), website = \(bind: fields.website), founded = \(bind: fields.founded)
                WHERE id = \(bind: id) RETURNING id
                """).first() != nil else { throw StoreError.notFound }
        }
    }

    public func delete(id: Int64) async throws {
        try await database.transaction { sql in
            guard try await sql.raw("DELETE FROM networks WHERE id = \(bind: id) RETURNING id").first() != nil else { throw StoreError.notFound }
        }
    }

    /// Adds a member; `StoreError.notFound` when the council named is not hosted here, `.alreadyMember` when it is
    /// listed already.
    public func addMember(networkID: Int64, _ fields: NetworkMemberFields) async throws -> Int64 {
        try await database.transaction { sql in
            if let council = fields.councilID {
                guard try await sql.raw("SELECT id FROM councils WHERE id = \(bind: council)").first() != nil else { throw StoreError.notFound }
            }
            // A council hosted here is listed once (the unique index decides, also between two administrators at once).
            guard let id = try await sql.raw("""
                INSERT INTO network_members (network_id, council_id, name, country, languages, website, hemicycle_url)
                VALUES (\(bind: networkID), \(bind: fields.councilID), \(bind: fields.name), \(bind: fields.country),
                        \(bind: fields.languages.joined(separator: ",")), \(bind: fields.website), \(bind: fields.hemicycleURL))
                ON CONFLICT (council_id, network_id) DO NOTHING RETURNING id
                """).first(decodingColumn: "id", as: Int64.self)
            else { throw StoreError.alreadyMember }
            return id
        }
    }

    public func removeMember(id: Int64, networkID: Int64) async throws {
        try await database.transaction { sql in
            guard try await sql.raw("DELETE FROM network_members WHERE id = \(bind: id) AND network_id = \(bind: networkID) RETURNING id").first() != nil
            else { throw StoreError.notFound }
        }
    }
}
