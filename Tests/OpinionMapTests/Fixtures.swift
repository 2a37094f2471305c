import Foundation
import OpinionMap
import TestRequirements
import Testing

/// `../shared/data`, beside the repository; tests that need it skip with a message when it is absent.
enum SharedData {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data")

    static var isPresent: Bool { FileManager.default.fileExists(atPath: root.appendingPathComponent("polis-math-fixtures").path) }

    /// Under CI the tests always run (and fail when the data is missing); elsewhere they are skipped without it.
    static var isAvailable: Bool { Requirement.runs(when: isPresent, root.path) }
}

/// A real Polis conversation with the math Polis computed for it.
struct PolisFixture {
    let name: String
    let statements: [Statement]
    let votes: [VoteRecord]
    let math: [String: Any]

    static let names = ["below-100-ptpts", "25ptpt-3gp-no-strict-with-meta", "50ptpt-3gp-strict-no-meta"]

    init(_ name: String) throws {
        self.name = name
        let folder = SharedData.root.appendingPathComponent("polis-math-fixtures/\(name)")
        func load(_ file: String) throws -> Any {
            try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(file)))
        }
        let comments = try load("comments.json") as? [[String: Any]] ?? []
        statements = comments.map {
            Statement(id: ($0["tid"] ?? $0["statement_id"]) as? Int ?? 0, isModeratedOut: (($0["mod"] ?? $0["moderated"]) as? Int) == -1, isMeta: ($0["is_meta"] as? Bool) == true)
        }
        let rawVotes = try load("votes.json") as? [[String: Any]] ?? []
        votes = rawVotes.map { vote in
            let modified = vote["modified"]
            let timestamp = (modified as? String).flatMap { Int64($0) } ?? (modified as? Double).map { Int64($0) } ?? 0
            return VoteRecord(participant: String((vote["pid"] ?? vote["participant_id"]) as? Int ?? 0),
                              statement: (vote["tid"] ?? vote["statement_id"]) as? Int ?? 0,
                              vote: Vote(rawValue: Int8(vote["vote"] as? Int ?? 0)) ?? .pass, timestamp: timestamp)
        }
        math = try load("math-pca2.json") as? [String: Any] ?? [:]
    }

    var tids: [Int] { math["tids"] as? [Int] ?? [] }
    var components: [[Double]] { (math["pca"] as? [String: Any])?["comps"] as? [[Double]] ?? [] }
    var inConversation: Set<String> { Set((math["in-conv"] as? [Int] ?? []).map(String.init)) }

    /// Polis's group of every clustered participant.
    var groups: [String: Int] {
        let base = math["base-clusters"] as? [String: Any] ?? [:]
        let ids = base["id"] as? [Int] ?? []
        let members = base["members"] as? [[Int]] ?? []
        var baseMembers: [Int: [Int]] = [:]
        for (id, list) in zip(ids, members) { baseMembers[id] = list }
        var result: [String: Int] = [:]
        for group in math["group-clusters"] as? [[String: Any]] ?? [] {
            let id = group["id"] as? Int ?? 0
            for baseID in group["members"] as? [Int] ?? [] {
                for pid in baseMembers[baseID] ?? [] { result[String(pid)] = id }
            }
        }
        return result
    }

    /// Polis's representative statements of each group (group id → [(statement id, "agree" or "disagree")]), in order.
    var representative: [Int: [(statement: Int, direction: String)]] {
        let repness = math["repness"] as? [String: Any] ?? [:]
        var result: [Int: [(statement: Int, direction: String)]] = [:]
        for (key, value) in repness {
            guard let group = Int(key) else { continue }
            result[group] = (value as? [[String: Any]] ?? []).compactMap { entry in
                guard let tid = entry["tid"] as? Int, let direction = entry["repful-for"] as? String else { return nil }
                return (tid, direction)
            }
        }
        return result
    }

    var consensus: (agree: [Int], disagree: [Int]) {
        let c = math["consensus"] as? [String: Any] ?? [:]
        return ((c["agree"] as? [[String: Any]] ?? []).compactMap { $0["tid"] as? Int },
                (c["disagree"] as? [[String: Any]] ?? []).compactMap { $0["tid"] as? Int })
    }
}

/// Adjusted Rand index of two labelings of the same items.
func adjustedRandIndex(_ a: [Int], _ b: [Int]) -> Double { GroupAgreement.adjustedRandIndex(a, b) }
