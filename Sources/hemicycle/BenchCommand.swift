import ArgumentParser
import Foundation
import OpinionMap

/// `hemicycle bench ...`: speed figures printed beside their reference (see BENCHMARKS.md).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Print benchmark figures beside their references.",
        subcommands: [OpinionMapBench.self, OpinionMapAgreementBench.self, PolisReadBench.self, OpinionMapScaleBench.self, SortitionBench.self, CouncilVotesBench.self, PagesBench.self, VotesBench.self, ConsultationSizeBench.self,
                      ConventionBench.self])
}

struct OpinionMapBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "opinion-map",
        abstract: "Time full recomputes of the shared Polis conversations and of a synthetic one.")

    @Option(help: "Folder of Polis exports (default ../shared/data/polis).")
    var data = "../shared/data/polis"

    @Option(help: "Reference timings (name, participants, votes, seconds; tab-separated) from scripts/bench/opinion_map_reference.py.")
    var reference: String?

    @Option(help: "Runs per conversation (the median is printed).") var runs = 5

    @Option(help: "Synthetic participants.") var participants = 33_422
    @Option(help: "Synthetic statements.") var statements = 783
    @Option(help: "Synthetic votes.") var votes = 2_000_000
    @Flag(help: "Also print where the time of one full recompute of each conversation goes.") var split = false
    @Option(help: "Batches of 1,000 new votes timed on the synthetic conversation (the median is printed).") var batches = 5
    @Option(help: "Threads for the shared conversations (default: every core of this machine).")
    var threads = OpinionMapParameters().threads

    func run() async throws {
        let clock = ContinuousClock()
        // The shared conversations on every core of the machine (red-dwarf's numpy may use them too); the synthetic
        // conversation's full recompute on one core, as its target is set; its updates on one core and on every core.
        var allCores = OpinionMapParameters()
        allCores.threads = max(1, threads)
        var oneCore = OpinionMapParameters()
        oneCore.threads = 1
        let folders = ((try? FileManager.default.contentsOfDirectory(atPath: data)) ?? []).sorted()
        let references = try RedDwarfReference(path: reference)
        print("conversation | participants | votes | full recompute (ms, median of \(runs), \(allCores.threads) threads) "
              + "| red-dwarf 0.4.0 (ms) | ratio")
        for name in folders {
            let url = URL(fileURLWithPath: data).appendingPathComponent(name)
            guard let conversation = try? PolisConversation.read(folder: url), !conversation.votes.isEmpty else { continue }
            let times = (0..<max(1, runs)).map { _ in
                clock.measure {
                    _ = OpinionMapEngine.compute(statements: conversation.statements, votes: conversation.votes, parameters: allCores)
                }
            }.sorted()
            let elapsed = ms(times[times.count / 2])
            if split {
                let stages = StageClock()
                stages.mark("vote matrix")
                let matrix = VoteMatrix(statements: conversation.statements, votes: conversation.votes)
                _ = OpinionMapEngine.compute(matrix: matrix, parameters: allCores, progress: stages.record)
                print("  split: " + stages.durations().dropFirst().map { "\($0.stage) \(String(format: "%.2f", ms($0.duration)))" }
                    .joined(separator: ", ") + " ms")
            }
            let people = Set(conversation.votes.map(\.participant)).count
            let referenceMS = references.lines[name]?.seconds.map { $0 * 1000 }
            print("\(name) | \(people) | \(conversation.votes.count) | \(String(format: "%.1f", elapsed)) | "
                  + (referenceMS.map { String(format: "%.0f | %.0fx", $0, $0 / elapsed) } ?? "- | -"))
        }
        let synthetic = SyntheticConversation.make(participants: participants, statements: statements, votes: votes)
        print("synthetic: \(participants) participants x \(statements) statements, \(synthetic.votes.count) votes")
        var map: OpinionMap?
        var matrix: VoteMatrix?
        let building = clock.measure { matrix = VoteMatrix(statements: synthetic.statements, votes: synthetic.votes) }
        let mapping = clock.measure { _ = OpinionMapEngine.compute(matrix: matrix!, parameters: oneCore) }
        print("  of which: vote matrix \(String(format: "%.0f", ms(building))) ms, map \(String(format: "%.0f", ms(mapping))) ms")
        let full = clock.measure {
            map = OpinionMapEngine.compute(statements: synthetic.statements, votes: synthetic.votes, parameters: oneCore)
        }
        print("full recompute on one core: \(String(format: "%.0f", ms(full))) ms (target < 1000 ms; Polis: 29 s on 16 cores)")
        _ = map
        for threads in [1, OpinionMapParameters().threads] {
            timeUpdates(of: synthetic, threads: threads)
        }
    }

    /// Batches of 1,000 new votes each (200 participants voting 5 times, half of them newcomers), timed one by one.
    func timeUpdates(of synthetic: (statements: [Statement], votes: [VoteRecord]), threads: Int) {
        let clock = ContinuousClock()
        var parameters = OpinionMapParameters()
        parameters.threads = threads
        var updater = OpinionMapUpdater(statements: synthetic.statements, votes: synthetic.votes, parameters: parameters)
        var updates: [Duration] = []
        var splits: [[(stage: String, duration: Duration)]] = []
        for batch in 0..<max(1, batches) {
            let more = SyntheticConversation.make(participants: 200, statements: statements, votes: 1_000, seed: 7 + UInt64(batch))
                .votes.map { vote in
                    let number = Int(vote.participant)!
                    let participant = number % 2 == 0 ? String(number * 97 % participants) : String(participants + batch * 200 + number)
                    return VoteRecord(participant: participant, statement: vote.statement, vote: vote.vote,
                                      timestamp: vote.timestamp + 10_000_000 * Int64(batch + 1))
                }
            let split = StageClock()
            updates.append(clock.measure { updater.update(with: more, progress: split.record) })
            splits.append(split.durations())
        }
        let order = updates.indices.sorted { updates[$0] < updates[$1] }
        let median = order[order.count / 2]
        print("update after 1,000 new votes, \(threads) thread\(threads == 1 ? "" : "s") "
              + "(median of \(max(1, batches)) batches): \(String(format: "%.1f", ms(updates[median]))) ms "
              + "(target < 50 ms); all: \(order.map { String(format: "%.1f", ms(updates[$0])) }.joined(separator: ", ")) ms")
        for (label, index) in [("median", median), ("slowest", order.last!)] {
            print("  split of the \(label) update: "
                  + splits[index].map { "\($0.stage) \(String(format: "%.1f", ms($0.duration)))" }.joined(separator: ", ") + " ms")
        }
    }

    /// Times between the first reports of each stage (the first span, before any report, is the votes' own work).
    final class StageClock: @unchecked Sendable {
        private let clock = ContinuousClock()
        private let start: ContinuousClock.Instant
        private var marks: [(stage: String, at: ContinuousClock.Instant)] = []

        init() { start = clock.now }

        func mark(_ stage: String) { record(stage, 0) }

        func record(_ stage: String, _ fraction: Double) {
            if marks.last?.stage != stage, !marks.contains(where: { $0.stage == stage }) { marks.append((stage, clock.now)) }
        }

        func durations() -> [(stage: String, duration: Duration)] {
            let end = clock.now
            var result = [(stage: "votes", duration: (marks.first?.at ?? end) - start)]
            for (index, mark) in marks.enumerated() {
                result.append((mark.stage, (index + 1 < marks.count ? marks[index + 1].at : end) - mark.at))
            }
            return result
        }
    }

    func ms(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }
}
