import ArgumentParser
import Foundation
import OpinionMap

/// `hemicycle opinion-map DIR`: the groups, representative and consensus statements of a Polis export.
struct OpinionMapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "opinion-map",
        abstract: "Map the opinion groups of a Polis export folder (votes.csv or participants-votes.csv, or votes.json).")

    @Argument(help: "Folder with comments.csv and votes.csv (or participants-votes.csv), or comments.json and votes.json.")
    var folder: String

    @Option(help: "Replay the votes in time order with an update every N votes, as the live conversation did.")
    var replay: Int?

    @Option(help: "Replay the votes in time order with an update every S seconds of the conversation's time.")
    var replaySeconds: Double?

    @Option(help: "Write the result as JSON to this file.")
    var json: String?

    @Option(help: "Write the map as SVG to this file.")
    var svg: String?

    func run() async throws {
        let start = ContinuousClock.now
        let conversation: PolisConversation
        do {
            conversation = try PolisConversation.read(folder: URL(fileURLWithPath: folder))
        } catch let error as InterchangeError {
            throw ValidationError("\(error)")
        }
        let loaded = ContinuousClock.now
        let map: OpinionMap
        let display = ProgressLine()
        let report: (Int, Int) -> Void = { done, total in display.show("replay", Double(done) / Double(max(total, 1))) }
        if replay != nil && replaySeconds != nil {
            throw ValidationError("--replay and --replay-seconds cannot be used together: choose one cadence")
        }
        if let replay {
            guard replay > 0 else { throw ValidationError("--replay needs a positive number of votes") }
            map = OpinionMapEngine.replay(statements: conversation.statements, votes: conversation.votes, every: replay,
                                          progress: report)
            display.finish()
        } else if let replaySeconds {
            guard replaySeconds > 0, replaySeconds.isFinite else { throw ValidationError("--replay-seconds needs a positive number of seconds") }
            map = OpinionMapEngine.replay(statements: conversation.statements, votes: conversation.votes,
                                          everyMilliseconds: max(1, Int64(replaySeconds * 1000)), progress: report)
            display.finish()
        } else {
            map = OpinionMapEngine.compute(statements: conversation.statements, votes: conversation.votes)
        }
        let computed = ContinuousClock.now
        print(OpinionMapReport.text(map, conversation: conversation))
        let timings = ["read_ms": milliseconds(loaded - start), "compute_ms": milliseconds(computed - loaded),
                       "total_ms": milliseconds(computed - start)]
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = try encoder.encode(OpinionMapReport.json(map, timings: timings))
            try data.write(to: URL(fileURLWithPath: json))
        }
        if let svg {
            try MapSVG.render(map, title: conversation.topic ?? folder).write(toFile: svg, atomically: true, encoding: .utf8)
        }
        print(String(format: "computed in %.1f ms (total %.1f ms)", timings["compute_ms"]!, timings["total_ms"]!))
    }

    func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }
}

/// Text and JSON renderings of a map for the command line.
enum OpinionMapReport {
    static func text(_ map: OpinionMap, conversation: PolisConversation) -> String {
        func statement(_ column: Int) -> String {
            let id = map.statements[column].id
            let text = conversation.texts[id].map { $0.count > 100 ? String($0.prefix(97)) + "..." : $0 } ?? ""
            return "#\(id) \(text)"
        }
        var lines = ["\(conversation.topic ?? "Conversation"): \(map.participants.count) participants, "
            + "\(map.statements.count) statements, \(map.inConversation.count) clustered, \(map.groups.count) groups"]
        for (index, group) in map.groups.enumerated() {
            lines.append("")
            lines.append("Group \(MapSVG.groupLabel(index)) (\(group.members.count) participants)")
            for rep in map.representative[index] {
                let share = Int((Double(rep.direction == .agree ? rep.tally.agree : rep.tally.disagree) / Double(max(rep.tally.seen, 1)) * 100).rounded())
                lines.append("  \(rep.direction == .agree ? "agree" : "disagree") \(share)%  \(statement(rep.column))")
            }
        }
        lines.append("")
        lines.append("Consensus: agree")
        lines += map.consensus.agree.map { "  \(statement($0))" }
        lines.append("Consensus: disagree")
        lines += map.consensus.disagree.map { "  \(statement($0))" }
        lines.append("Most divisive")
        lines += map.divisive.prefix(5).map { "  spread \(String(format: "%.2f", $0.spread))  \(statement($0.column))" }
        return lines.joined(separator: "\n")
    }

    /// The map as the command's JSON file has it.
    struct Document: Encodable {
        struct Group: Encodable {
            let id: Int
            let participants: [String]
            let representative: [Representative]
        }

        struct Representative: Encodable {
            let statement: Int
            let direction: String
            let agree: Int
            let disagree: Int
            let seen: Int
            let probability: Double
            let repness: Double
            let repnessTest: Double

            enum CodingKeys: String, CodingKey {
                case statement, direction, agree, disagree, seen, probability, repness
                case repnessTest = "repness_test"
            }
        }

        struct Consensus: Encodable {
            let agree: [Int]
            let disagree: [Int]
        }

        struct Divisive: Encodable {
            let statement: Int
            let spread: Double
        }

        struct Components: Encodable {
            let center: [Double]
            let components: [[Double]]
            let statements: [Int]
        }

        let groups: [Group]
        let consensus: Consensus
        let groupInformedConsensus: [String: Double]
        let divisive: [Divisive]
        let pca: Components
        let positions: [String: [Double]]
        let timings: [String: Double]

        enum CodingKeys: String, CodingKey {
            case groups, consensus, divisive, pca, positions, timings
            case groupInformedConsensus = "group_informed_consensus"
        }
    }

    static func json(_ map: OpinionMap, timings: [String: Double]) -> Document {
        Document(
            groups: map.groups.enumerated().map { index, group in
                Document.Group(id: index, participants: group.members.map { map.participants[$0] },
                               representative: map.representative[index].map {
                                   Document.Representative(statement: map.statements[$0.column].id, direction: $0.direction.rawValue,
                                                           agree: $0.tally.agree, disagree: $0.tally.disagree, seen: $0.tally.seen,
                                                           probability: $0.probability, repness: $0.ratio, repnessTest: $0.ratioTest)
                               })
            },
            consensus: Document.Consensus(agree: map.consensus.agree.map { map.statements[$0].id },
                                          disagree: map.consensus.disagree.map { map.statements[$0].id }),
            groupInformedConsensus: Dictionary(uniqueKeysWithValues: map.statements.indices.map {
                (String(map.statements[$0].id), map.groupInformedConsensus[$0])
            }),
            divisive: map.divisive.prefix(10).map { Document.Divisive(statement: map.statements[$0.column].id, spread: $0.spread) },
            pca: Document.Components(center: map.pca.center, components: map.pca.components, statements: map.statements.map(\.id)),
            positions: Dictionary(uniqueKeysWithValues: map.participants.enumerated().map { ($1, [map.positions[$0].x, map.positions[$0].y]) }),
            timings: timings)
    }
}
