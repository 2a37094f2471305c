import Foundation
@testable import OpinionMap
import Testing

/// The 17 real conversations of `../shared/data/polis`, against the groups Polis gave each participant.
@Suite(.enabled(if: SharedData.isAvailable))
struct ConversationTests {
    static var folders: [URL] {
        let root = SharedData.root.appendingPathComponent("polis")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.sorted().map { root.appendingPathComponent($0) }
            .filter { FileManager.default.fileExists(atPath: $0.appendingPathComponent("participants-votes.csv").path) }
    }

    static func score(_ map: OpinionMap, against polis: [String: Int]) -> (ours: Int, theirs: Int, ari: Double) {
        let ours = Dictionary(uniqueKeysWithValues: map.participants.enumerated().compactMap { row, id in map.groupOfRow[row].map { (id, $0) } })
        let common = Set(ours.keys).intersection(polis.keys).sorted()
        return (map.groups.count, Set(polis.values).count,
                common.isEmpty ? 0 : adjustedRandIndex(common.map { ours[$0]! }, common.map { polis[$0]! }))
    }

    /// One full recompute per conversation. Of the 17 shared conversations, 13 carry votes and Polis's
    /// groups (the 4 others have comments only). Today: the same group count on 8 and ARI >= 0.9 on 4;
    /// the target is red-dwarf's 12/17 and 5 or better, so these floors only catch regressions.
    @Test func reportGroupCountsAndAgreementWithPolis() throws {
        var sameCount = 0, closeGroups = 0
        for folder in Self.folders {
            let conversation = try PolisConversation.read(folder: folder)
            let map = OpinionMapEngine.compute(statements: conversation.statements, votes: conversation.votes)
            let result = Self.score(map, against: conversation.polisGroups)
            if result.ours == result.theirs { sameCount += 1 }
            if result.ari >= 0.9 { closeGroups += 1 }
            print("\(folder.lastPathComponent): \(map.participants.count) participants, groups \(result.ours) vs Polis \(result.theirs), ARI \(String(format: "%.3f", result.ari))")
        }
        print("same group count on \(sameCount) of \(Self.folders.count); ARI >= 0.9 on \(closeGroups)")
        #expect(Self.folders.count == 13)
        #expect(sameCount >= 8)
        #expect(closeGroups >= 4)
    }

    /// Replayed with an update per second of the conversation's time, the path-dependent parts (sticky inclusion,
    /// warm-started clusters, k smoothing) come out as they did live: on these two conversations a single full
    /// recompute finds another number of groups than Polis showed (2 instead of 3, and 3 instead of 2), the replay
    /// finds Polis's.
    @Test(arguments: ["london.youth.policing", "brexit-consensus"])
    func aReplayFindsPolissGroupCount(name: String) throws {
        let folder = SharedData.root.appendingPathComponent("polis").appendingPathComponent(name)
        let conversation = try PolisConversation.read(folder: folder)
        let full = GroupAgreement(OpinionMapEngine.compute(statements: conversation.statements, votes: conversation.votes),
                                  against: conversation.polisGroups)
        let replayed = GroupAgreement(OpinionMapEngine.replay(statements: conversation.statements, votes: conversation.votes,
                                                              everyMilliseconds: 1_000), against: conversation.polisGroups)
        print("\(name): full recompute \(full.ourGroupCount) groups, replay \(replayed.ourGroupCount), Polis \(replayed.theirGroupCount); "
              + "ARI \(String(format: "%.3f", full.adjustedRandIndex)) and \(String(format: "%.3f", replayed.adjustedRandIndex))")
        #expect(full.ourGroupCount != full.theirGroupCount)
        #expect(replayed.ourGroupCount == replayed.theirGroupCount)
    }
}
