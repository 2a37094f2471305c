import Foundation
import OpinionMap
import Storage
import Synchronization

/// What the pages show of a consultation's opinion map, as the worker stores it: the drawing (dots without who is
/// which), the groups with their representative statements, consensus and divisive statements, and each statement's
/// priority for choosing what a participant sees next. Statements are named by their number.
struct MapSnapshot: Codable, Sendable {
    struct Leaning: Codable, Sendable {
        let statement: Int
        let agrees: Bool
        let count: Int
        let seen: Int
    }

    struct Group: Codable, Sendable {
        let size: Int
        let leanings: [Leaning]
    }

    /// Participants who voted, and votes counted (the latest of each on each statement).
    let participants: Int
    let votes: Int
    /// Nil below the smallest conversation a map can be shown for.
    let picture: MapSVG.Picture?
    let groups: [Group]
    let consensusAgree: [Int]
    let consensusDisagree: [Int]
    let divisive: [Int]
    /// Priority by statement number.
    let priorities: [String: Double]
    /// The group of each participant clustered, by participant number (for the Polis export's `group-id`).
    let groupOf: [String: Int]
    /// Agree, disagree and pass of each statement, by statement number: the pages read them here rather than count
    /// millions of votes on a request.
    let tallies: [String: [Int]]

    /// Below this many participants, a map or a group's figures would tell how one person voted.
    static let minimumVoters = 7
    static let minimumGroupSize = 3

    /// The snapshot of a map, or of a conversation too small for one (`map` nil).
    static func make(_ map: OpinionMap?, participants: Int, votes: Int, tallies: [Int: StatementTally] = [:]) -> MapSnapshot {
        let counted = Dictionary(uniqueKeysWithValues: tallies.map { (String($0.key), [$0.value.agree, $0.value.disagree, $0.value.seen - $0.value.agree - $0.value.disagree]) })
        guard let map, participants >= minimumVoters else {
            return MapSnapshot(participants: participants, votes: votes, picture: nil, groups: [], consensusAgree: [], consensusDisagree: [],
                               divisive: [], priorities: [:], groupOf: [:], tallies: counted)
        }
        let number = { (column: Int) in map.statements[column].id }
        let groups = map.groups.enumerated().map { index, group in
            let leanings = (map.representative.indices.contains(index) ? map.representative[index] : []).compactMap { statement -> Leaning? in
                let agrees = statement.direction == .agree
                let count = agrees ? statement.tally.agree : statement.tally.disagree
                guard statement.tally.seen > 0, 2 * count > statement.tally.seen else { return nil }
                return Leaning(statement: number(statement.column), agrees: agrees, count: count, seen: statement.tally.seen)
            }
            return Group(size: group.members.count, leanings: Array(leanings.prefix(5)))
        }
        var priorities: [String: Double] = [:]
        for (column, priority) in map.priorities.enumerated() where map.statements.indices.contains(column) {
            priorities[String(number(column))] = priority.isFinite ? priority : nil
        }
        return MapSnapshot(
            participants: participants, votes: votes, picture: MapSVG.picture(map), groups: groups,
            consensusAgree: map.consensus.agree.prefix(5).map(number), consensusDisagree: map.consensus.disagree.prefix(5).map(number),
            divisive: map.divisive.prefix(5).map { number($0.column) }, priorities: priorities,
            groupOf: Dictionary(map.participants.indices.compactMap { row in map.groupOfRow[row].map { (map.participants[row], $0) } },
                                uniquingKeysWith: { first, _ in first }),
            tallies: counted)
    }

    /// A degenerate map may hold a coordinate that is not a number: written as text rather than refused.
    static let floats = (positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: Self.floats.positiveInfinity,
                                                                      negativeInfinity: Self.floats.negativeInfinity, nan: Self.floats.nan)
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    static func decode(_ json: String) throws -> MapSnapshot {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: floats.positiveInfinity,
                                                                        negativeInfinity: floats.negativeInfinity, nan: floats.nan)
        return try decoder.decode(MapSnapshot.self, from: Data(json.utf8))
    }

    /// A statement's agree, disagree and pass, zero when the map has none.
    func tally(_ number: Int) -> (agree: Int, disagree: Int, pass: Int) {
        guard let counts = tallies[String(number)], counts.count == 3 else { return (0, 0, 0) }
        return (counts[0], counts[1], counts[2])
    }
}

/// Decoded snapshots kept by consultation while they are the latest computed (a map page reads the time first), and
/// their drawings, written once per snapshot and title.
final class MapSnapshotCache: Sendable {
    private let entries = Mutex<[Int64: (computedAt: Double, snapshot: MapSnapshot)]>([:])
    private let drawings = Mutex<[String: String]>([:])

    /// The SVG of a snapshot's picture with `title`, drawn once.
    func svg(consultationID: Int64, computedAt: Double, picture: MapSVG.Picture, title: String, id: String) -> String {
        let key = "\(consultationID) \(computedAt) \(id) \(title)"
        if let kept = drawings.withLock({ $0[key] }) { return kept }
        let drawn = MapSVG.render(picture, title: title, id: id)
        drawings.withLock { drawings in
            // Only the latest snapshot's drawings are kept, a few languages each.
            let prefix = "\(consultationID) "
            drawings = drawings.filter { !$0.key.hasPrefix(prefix) || $0.key.hasPrefix("\(consultationID) \(computedAt) ") }
            drawings[key] = drawn
        }
        return drawn
    }

    private let lists = Mutex<[String: [ConsultationMapPage.Listed]]>([:])

    /// The statements' lines of a map page (each with its tally, in the reader's language), written once per map,
    /// statements' version and language: a national consultation lists hundreds.
    func listed(consultationID: Int64, computedAt: Double, version: Int64, language: String,
                make: () -> [ConsultationMapPage.Listed]) -> [ConsultationMapPage.Listed] {
        let key = "\(consultationID) \(computedAt) \(version) \(language)"
        if let kept = lists.withLock({ $0[key] }) { return kept }
        let made = make()
        lists.withLock { lists in
            let prefix = "\(consultationID) "
            lists = lists.filter { !$0.key.hasPrefix(prefix) || $0.key.hasPrefix("\(consultationID) \(computedAt) \(version) ") }
            lists[key] = made
        }
        return made
    }

    init() {}

    func snapshot(consultationID: Int64, maps: ConsultationMapRepository) async throws -> (snapshot: MapSnapshot, computedAt: Double)? {
        let (computedAt, _) = try await maps.computedAt(consultationID: consultationID)
        guard let computedAt else { return nil }
        if let kept = entries.withLock({ $0[consultationID] }), kept.computedAt == computedAt { return (kept.snapshot, computedAt) }
        guard let stored = try await maps.snapshot(consultationID: consultationID) else { return nil }
        let snapshot = try MapSnapshot.decode(stored.json)
        entries.withLock { $0[consultationID] = (stored.computedAt, snapshot) }
        return (snapshot, stored.computedAt)
    }
}
