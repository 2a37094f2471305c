import ArgumentParser
import Foundation
import OpinionMap

/// `hemicycle bench opinion-map-agreement`: per shared conversation, the group count and the adjusted Rand index
/// against the groups Polis gave each participant, for a full recompute and for replays.
struct OpinionMapAgreementBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "opinion-map-agreement",
        abstract: "Compare the opinion groups with Polis's own on the shared conversations.")

    @Option(help: "Folder of Polis exports (default ../shared/data/polis).")
    var data = "../shared/data/polis"

    @Option(help: "Also replay every conversation with an update every N votes (repeatable).")
    var replay: [Int] = []

    @Option(help: "Also replay every conversation with an update every S seconds of its time (repeatable).")
    var replaySeconds: [Double] = []

    @Option(help: "Also replay every conversation in the order participants arrived, with an update every N arrivals (repeatable).")
    var replayArrivals: [Int] = []

    @Option(help: "red-dwarf's groups (name, participants, votes, seconds, groups, Polis groups, ARI; tab-separated) from scripts/bench/opinion_map_reference.py.")
    var reference: String?

    @Option(help: "Votes a participant needs to be clustered (Polis today: 7).")
    var minimumVotes = 7

    func run() async throws {
        var parameters = OpinionMapParameters()
        parameters.minimumVotes = minimumVotes
        let folders = ((try? FileManager.default.contentsOfDirectory(atPath: data)) ?? []).sorted()
        let references = try RedDwarfReference(path: reference)
        let modes = (reference == nil ? [] : ["red-dwarf 0.4.0"]) + ["full"] + replay.map { "replay \($0)" } + replaySeconds.map { "replay \($0) s" }
            + replayArrivals.map { "arrivals \($0)" }
        print("conversation | participants | Polis groups | " + modes.map { "\($0): groups, ARI" }.joined(separator: " | "))
        var sameCount = [Int](repeating: 0, count: modes.count), close = sameCount
        var totalARI = [Double](repeating: 0, count: modes.count), measured = sameCount
        let offset = reference == nil ? 0 : 1
        var conversations = 0
        for name in folders {
            let url = URL(fileURLWithPath: data).appendingPathComponent(name)
            guard let conversation = try? PolisConversation.read(folder: url), !conversation.votes.isEmpty,
                  !conversation.polisGroups.isEmpty else { continue }
            conversations += 1
            var maps = [OpinionMapEngine.compute(statements: conversation.statements, votes: conversation.votes, parameters: parameters)]
            for every in replay where every > 0 {
                maps.append(OpinionMapEngine.replay(statements: conversation.statements, votes: conversation.votes, every: every,
                                                    parameters: parameters))
            }
            for seconds in replaySeconds where seconds > 0 {
                maps.append(OpinionMapEngine.replay(statements: conversation.statements, votes: conversation.votes,
                                                    everyMilliseconds: Int64(seconds * 1000), parameters: parameters))
            }
            for participants in replayArrivals where participants > 0 {
                maps.append(OpinionMapEngine.replay(statements: conversation.statements, votes: conversation.votes,
                                                    everyParticipants: participants, parameters: parameters))
            }
            var cells: [String] = []
            var theirs = 0
            if self.reference != nil {
                if let line = references.lines[name], let groups = line.groups, let ari = line.adjustedRandIndex {
                    cells.append("\(groups), \(String(format: "%.3f", ari))")
                    if groups == Set(conversation.polisGroups.values).count { sameCount[0] += 1 }
                    if ari >= 0.9 { close[0] += 1 }
                    totalARI[0] += ari
                    measured[0] += 1
                } else {
                    cells.append("-")
                }
            }
            for (index, map) in maps.enumerated() {
                let agreement = GroupAgreement(map, against: conversation.polisGroups)
                theirs = agreement.theirGroupCount
                if agreement.ourGroupCount == agreement.theirGroupCount { sameCount[index + offset] += 1 }
                if agreement.adjustedRandIndex >= 0.9 { close[index + offset] += 1 }
                totalARI[index + offset] += agreement.adjustedRandIndex
                measured[index + offset] += 1
                cells.append("\(agreement.ourGroupCount), \(String(format: "%.3f", agreement.adjustedRandIndex))")
            }
            print("\(name) | \(maps[0].participants.count) | \(theirs) | " + cells.joined(separator: " | "))
        }
        for (index, mode) in modes.enumerated() {
            print("\(mode): same group count on \(sameCount[index]) of \(conversations), ARI >= 0.9 on \(close[index]), "
                  + "mean ARI \(String(format: "%.3f", totalARI[index] / Double(max(measured[index], 1))))")
        }
    }
}
