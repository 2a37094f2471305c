import Foundation
import HTTPTypes
import Testing
@testable import Web

/// The API's JSON writer against Foundation's `JSONEncoder` with the options the API used before: the same bytes.
@Suite struct APIJSONEncoderTests {
    struct Inner: Encodable, Sendable {
        let name: String
        let count: Int?
        let tags: [String]
    }

    struct Sample: Encodable, Sendable {
        let aZ: Int
        let ab: String
        let a10: Int64
        let a9: Bool
        let B: [Int?]
        let é: String
        let text: String
        let when: Date
        let maybe: Date?
        let missing: String?
        let numbers: [Double]
        let nested: Inner
        let rows: [Inner]
        let empty: [Inner]
        let map: [String: Int]
    }

    func foundation(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    func ours(_ value: some Encodable) throws -> String {
        String(decoding: try APIJSONEncoder.encode(value), as: UTF8.self)
    }

    @Test func theBytesAreFoundations() throws {
        let texts = ["", "a/b \"q\" \\ back", "\u{0}\u{1}\u{8}\u{c}\n\r\t\u{1f}\u{7f}", "رأي المجلس", "e\u{301} 👩‍👩‍👧 \u{2028}", "plain"]
        let dates = [0, 1_796_029_200.75, 951_782_400, 4_102_444_799, -86_401, 1_709_164_800].map(Date.init(timeIntervalSince1970:))
        for (index, text) in texts.enumerated() {
            let sample = Sample(
                aZ: index, ab: text, a10: Int64.max - Int64(index), a9: index % 2 == 0, B: [1, nil, -3], é: text, text: text,
                when: dates[index], maybe: index % 2 == 0 ? dates[(index + 1) % dates.count] : nil, missing: nil,
                numbers: [1, 0.1, 1e15, 1e16, 123_456_789.125, -0.0, 2.5e-7, 1e300, Double(index)],
                nested: Inner(name: text, count: index == 0 ? nil : index, tags: [text, "x"]),
                rows: [Inner(name: "a", count: 1, tags: []), Inner(name: text, count: nil, tags: [text])], empty: [],
                map: ["zeta": 1, "Alpha": 2, "alpha": 3, "é": 4, "10": 5, "9": 6])
            #expect(try ours(sample) == foundation(sample))
        }
    }

    struct Widths: Encodable {
        let a: Int8, b: Int16, c: Int32, d: UInt, e: UInt8, f: UInt16, g: UInt32, h: UInt64, i: Float, j: [UInt8], k: Data
    }

    @Test func everyNumberWidthAndBytes() throws {
        let widths = Widths(a: -8, b: 16, c: -32, d: 64, e: 255, f: 16, g: 32, h: .max, i: 0.1, j: [1, 2], k: Data([0, 255]))
        #expect(try ours(widths) == foundation(widths))
        #expect(throws: EncodingError.self) { try APIJSONEncoder.encode([Double.nan]) }
        #expect(throws: EncodingError.self) { try APIJSONEncoder.encode(["x": Double.infinity]) }
    }

    struct Twice: Encodable {
        enum Keys: String, CodingKey { case b, a }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(1, forKey: .b)
            try container.encode("first", forKey: .a)
            try container.encode("second", forKey: .a)
        }
    }

    @Test func aKeyGivenTwiceKeepsItsLastValue() throws {
        #expect(try ours(Twice()) == foundation(Twice()))
        #expect(try ours(Twice()) == #"{"a":"second","b":1}"#)
    }

    @Test func theAPIsOwnValuesToo() throws {
        let error = APIError(status: .notFound, reason: "L'avis « introuvable »")
        #expect(try ours(error) == foundation(error))
        let timeline = [TimelineDTO(status: "published", at: Date(timeIntervalSince1970: 1_796_029_200), note: nil),
                        TimelineDTO(status: "adopted", at: Date(timeIntervalSince1970: 1_795_000_000.5), note: "Vote « unanime »")]
        #expect(try ours(timeline) == foundation(timeline))
        #expect(try ours([1, 2, 3]) == foundation([1, 2, 3]) && ours("top") == foundation("top") && ours(Optional<Int>.none) == foundation(Optional<Int>.none))
    }
}
