import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// A text in the three languages, absent versions omitted.
struct LocalizedDTO: Codable, Sendable {
    var fr: String?
    var ar: String?
    var en: String?

    init(_ text: LocalizedText) {
        fr = text[.fr]
        ar = text[.ar]
        en = text[.en]
    }

    /// The texts as they can be stored (`Validate.storable`).
    var text: LocalizedText { LocalizedText(fr: fr.map(Validate.storable), ar: ar.map(Validate.storable), en: en.map(Validate.storable)) }

    private enum CodingKeys: String, CodingKey, CaseIterable { case fr, ar, en }

    /// As strict as the document: only `fr`, `ar` and `en`, each a string (no other key, no null).
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        for key in container.allKeys where CodingKeys(rawValue: key.stringValue) == nil {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "unknown language \(key.stringValue)")
        }
        func value(_ key: CodingKeys) throws -> String? {
            let key = AnyKey(stringValue: key.rawValue)
            return container.contains(key) ? try container.decode(String.self, forKey: key) : nil
        }
        fr = try value(.fr)
        ar = try value(.ar)
        en = try value(.en)
    }
}

/// Any JSON object key.
struct AnyKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

struct CouncilDTO: Codable, Sendable {
    let slug: String
    let name: LocalizedDTO
    let description: LocalizedDTO
    let country: String
    let defaultLanguage: String
    let languages: [String]
    let networks: [String]
    let website: String?

    init(_ council: Council) {
        slug = council.slug
        name = LocalizedDTO(council.name)
        description = LocalizedDTO(council.description)
        country = council.country
        defaultLanguage = council.defaultLanguage
        languages = council.publishedLanguages.map(\.rawValue)
        networks = council.networkList
        website = council.website
    }
}

struct GroupDTO: Codable, Sendable {
    let id: Int64
    let acronym: String?
    let name: LocalizedDTO
    let description: LocalizedDTO
    let memberCount: Int
}

struct CommissionDTO: Codable, Sendable {
    let id: Int64
    let name: LocalizedDTO
    let description: LocalizedDTO
    let memberIds: [Int64]
}

struct MemberDTO: Codable, Sendable {
    let id: Int64
    let name: String
    let role: String
    let groupId: Int64?
    let commissionIds: [Int64]
    /// Only for the council's staff and administrators.
    let email: String?
}

struct NewGroupDTO: Decodable, Sendable {
    let name: LocalizedDTO
    let acronym: String?
    let description: LocalizedDTO?

    private enum CodingKeys: String, CodingKey { case name, acronym, description }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(LocalizedDTO.self, forKey: .name)
        acronym = try container.decodeAbsentOrValue(String.self, forKey: .acronym).map(Validate.storable)
        description = try container.decodeAbsentOrValue(LocalizedDTO.self, forKey: .description)
    }
}

struct NewCommissionDTO: Decodable, Sendable {
    let name: LocalizedDTO
    let description: LocalizedDTO?

    private enum CodingKeys: String, CodingKey { case name, description }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(LocalizedDTO.self, forKey: .name)
        description = try container.decodeAbsentOrValue(LocalizedDTO.self, forKey: .description)
    }
}

extension KeyedDecodingContainer {
    /// An optional member as the document has it: absent, or a value of its type, never `null`.
    func decodeAbsentOrValue<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard contains(key) else { return nil }
        return try decode(T.self, forKey: key)
    }
}

/// A JSON response with keys in a stable order.
struct JSONBody<Value: Encodable & Sendable>: ResponseGenerator {
    let value: Value
    var status: HTTPResponse.Status = .ok

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(bytes: try APIJSONEncoder.encode(value))))
    }
}
