import Foundation

/// `draw.json`: what was drawn, how, and from which seed — everything `hemicycle draw verify` needs beside the
/// CSV files.
public struct DrawManifest: Codable, Sendable, Equatable {
    public static let currentProcedure = "hemicycle-draw/1"

    public enum Algorithm: String, Codable, Sendable, CaseIterable {
        case leximin, legacy
    }

    /// For a replacement draw: who stayed on the panel and who withdrew (ids of the original pool).
    public struct Replacement: Codable, Sendable, Equatable {
        public var kept: [String]
        public var withdrawn: [String]
    }

    public var procedure = currentProcedure
    public var algorithm: Algorithm
    public var panelSize: Int
    public var poolSize: Int
    public var seed: String
    /// Announced with the commitment, before the seed can be known: the public event the seed is read from, and the
    /// time (ISO 8601) before which it cannot be entered. Absent from draws made in one step.
    public var seedSource: String?
    public var seedNotBefore: String?
    public var generator = DrawGenerator.specification
    /// SHA-256 of `pool.csv`, `quotas.csv` and (LEXIMIN) `lottery.csv`, concatenated in that order: publish it
    /// before the seed is known, so nobody can choose the files knowing the seed.
    public var commitment: String
    /// Number of lottery tickets (LEXIMIN).
    public var tickets: Int?
    /// The ticket drawn (LEXIMIN).
    public var ticket: Int?
    /// The smallest selection probability of the lottery actually drawn from (estimated for LEGACY).
    public var minimumProbability: Double
    /// The smallest probability of the optimal LEXIMIN distribution, before rounding to tickets.
    public var optimalMinimumProbability: Double?
    /// The largest change of a probability caused by rounding to tickets.
    public var largestRoundingDeviation: Double?
    /// Whether the lottery keeps every probability within one ticket of LEXIMIN's and the smallest at
    /// ⌊tickets × optimal smallest⌋ tickets or more (absent in files written before it was recorded).
    public var roundingWithinOneTicket: Bool?
    /// Number of simulated LEGACY draws behind the estimated probabilities.
    public var legacyEstimateDraws: Int?
    public var replacement: Replacement?

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    public func json() -> String {
        // Encoding plain strings, numbers and arrays cannot fail.
        String(decoding: try! Self.encoder().encode(self), as: UTF8.self) + "\n"
    }

    public static func read(_ text: String) throws -> DrawManifest {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(DrawManifest.self, from: Data(text.utf8))
    }
}
