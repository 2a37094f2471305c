import ArgumentParser
import Foundation
import LinearSolvers
import Sortition

/// `hemicycle bench sortition`: LEXIMIN on the public instances, timed, beside the published figures.
struct SortitionBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sortition",
        abstract: "Time LEXIMIN, the lottery rounding and LEGACY on the shared instances; print them beside the references.")

    @Option(help: "Folder of sortition instances (default ../shared/data/sortition).")
    var data = "../shared/data/sortition"

    @Option(help: "Runs per instance (the median is printed).")
    var runs = 9

    @Option(help: "A file of reference lines (instance, seconds, minimum) printed by scripts/bench/sortition_reference.py.")
    var reference: String?

    @Option(help: ArgumentHelp("Synthetic pools instead of the shared instances: \"paper\" (pools the size of the paper's ten real ones, n:k:categories), or a comma-separated list of n:k:categories or of those pools' names.", valueName: "pools"))
    var synthetic: String?

    @Flag(help: "On synthetic pools, also time LEXIMIN with every panel kept as a column of the master (no pruning), in turn.")
    var keepEveryColumn = false

    @Flag(help: "On synthetic pools, also time LEXIMIN by rounds over panels alone (without the relaxation first), in turn, and print how far the two results differ.")
    var compareRounds = false

    @Flag(help: "On synthetic pools, print LEXIMIN's progress (stage, panels, people reached or settled) to standard error, with the time since its start.")
    var progress = false

    @Option(help: "Seed of the synthetic pools.")
    var seed = "hemicycle"

    @Option(help: "Write each synthetic pool to this folder (categories.csv and respondents.csv, the replication format), for the reference script.")
    var write: String?

    func run() throws {
        if let synthetic { return try runSynthetic(synthetic) }
        let references = try reference.map(readReferences) ?? [:]
        print("solver: \(COINOR.version)")
        print("instance | n | k | profiles | LEXIMIN min | panels | LEXIMIN s (median of \(runs)) | rounding to 1000 tickets s | min after rounding | loss (tickets) | within one ticket | reference s | speed-up")
        var legacyLine: String?
        defer { if let legacyLine { print(legacyLine) } }
        for (folder, k) in [("example_small_20", 20), ("sa_fixture_150_22", 22), ("example_large_200", 200)] {
            let root = URL(fileURLWithPath: data).appendingPathComponent(folder)
            let instance: SortitionInstance
            if FileManager.default.fileExists(atPath: root.appendingPathComponent("features.csv").path) {
                instance = try InstanceReader(idColumn: "nationbuilder_id").read(
                    people: String(contentsOf: root.appendingPathComponent("candidates.csv"), encoding: .utf8), peopleFile: "candidates.csv",
                    quotas: String(contentsOf: root.appendingPathComponent("features.csv"), encoding: .utf8), quotasFile: "features.csv", panelSize: k)
            } else if FileManager.default.fileExists(atPath: root.appendingPathComponent("categories.csv").path) {
                instance = try InstanceReader().read(
                    people: String(contentsOf: root.appendingPathComponent("respondents.csv"), encoding: .utf8), peopleFile: "respondents.csv",
                    quotas: String(contentsOf: root.appendingPathComponent("categories.csv"), encoding: .utf8), quotasFile: "categories.csv", panelSize: k)
            } else {
                print("\(folder): not found under \(data), skipped")
                continue
            }
            var times: [Double] = []
            var distribution: PanelDistribution?
            for _ in 0..<max(1, runs) {
                let start = ContinuousClock.now
                distribution = try Leximin.distribution(for: instance)
                times.append(seconds(ContinuousClock.now - start))
            }
            let median = times.sorted()[times.count / 2]
            let start = ContinuousClock.now
            let lottery = try TransparentLottery.round(distribution!, tickets: 1000)
            let rounding = seconds(ContinuousClock.now - start)
            if folder == "example_small_20" {
                var generator = DrawGenerator(seed: "bench")
                let legacyStart = ContinuousClock.now
                let legacy = try Legacy.estimatedProbabilities(instance, draws: 10_000, generator: &generator)
                legacyLine = String(format: "LEGACY, 10,000 draws on example_small_20: %.2f s, smallest estimated probability %.4f (sortition-algorithms: 78.5 s in ../shared/reference/sortition.md)",
                                    seconds(ContinuousClock.now - legacyStart), legacy.min() ?? 0)
            }
            let ref = references[folder]
            let speedUp = ref.map { String(format: "%.0fx", $0.seconds / median) } ?? "-"
            print("\(folder) | \(instance.people.count) | \(k) | \(distribution!.profiles.count) | \(String(format: "%.6f", distribution!.minimumProbability)) | \(distribution!.panels.count) | \(String(format: "%.3f", median)) | \(String(format: "%.3f", rounding)) | \(String(format: "%.6f", lottery.distribution.minimumProbability)) | \(String(format: "%.2f", max(0, distribution!.minimumProbability - lottery.distribution.minimumProbability) * 1000)) | \(lottery.withinOneTicket ? "yes" : "no") | \(ref.map { String(format: "%.2f (min %.6f)", $0.seconds, $0.minimum) } ?? "-") | \(speedUp)")
        }
    }

    func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Lines `instance<TAB>sortition-algorithms LEXIMIN<TAB>10.10 s<TAB>min 0.090909<TAB>panels 451`.
    func readReferences(_ path: String) throws -> [String: (seconds: Double, minimum: Double)] {
        var result: [String: (seconds: Double, minimum: Double)] = [:]
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
            let fields = line.split(separator: "\t").map(String.init)
            guard fields.count >= 4, let seconds = Double(fields[2].replacingOccurrences(of: " s", with: "")),
                  let minimum = Double(fields[3].replacingOccurrences(of: "min ", with: "")) else { continue }
            result[fields[0]] = (seconds, minimum)
        }
        return result
    }
}
