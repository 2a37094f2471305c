import ArgumentParser
import Foundation
import LinearSolvers
import Sortition

extension SortitionBench {
    /// The ten real pools of Flanigan et al. (Nature 2021) by size (`../shared/data/sortition/paper_results.md`),
    /// smallest first, and the size the issue on conventions sets a target for (150 from 2,000 on six categories).
    static let paperPools: [(name: String, people: Int, panel: Int, categories: Int)] = [
        ("mass", 70, 24, 5), ("sf_c", 161, 44, 7), ("hd", 239, 30, 7), ("sf_b", 250, 20, 6), ("sf_a", 312, 35, 6),
        ("obf", 321, 30, 8), ("nexus", 342, 170, 5), ("sf_d", 404, 40, 6), ("cca", 825, 75, 4), ("sf_e", 1727, 110, 7),
        ("convention_2000", 2000, 150, 6),
    ]

    func runSynthetic(_ spec: String) throws {
        let pools: [(name: String, people: Int, panel: Int, categories: Int)]
        if spec == "paper" {
            pools = Self.paperPools
        } else {
            pools = try spec.split(separator: ",").map { item in
                if let pool = Self.paperPools.first(where: { $0.name == item }) { return pool }
                let parts = item.split(separator: ":").compactMap { Int($0) }
                guard parts.count == 3 else { throw ValidationError("Expected n:k:categories, found \(item).") }
                return ("synthetic_\(parts[0])_\(parts[1])_\(parts[2])", parts[0], parts[1], parts[2])
            }
        }
        let references = try reference.map(readReferences) ?? [:]
        print("synthetic pools, seed \(seed)")
        print("pool | n | k | categories | profiles | LEXIMIN min | panels | LEXIMIN s | rounding s | lottery min | lottery loss (tickets) | largest change (tickets) | within one ticket | reference s | speed-up")
        for pool in pools {
            let instance = try SyntheticPool.make(people: pool.people, panelSize: pool.panel, categories: pool.categories, seed: "\(seed)-\(pool.name)")
            if let write {
                let folder = URL(fileURLWithPath: write).appendingPathComponent(pool.name)
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                let files = SyntheticPool.replicationFiles(instance)
                try files.categories.write(to: folder.appendingPathComponent("categories.csv"), atomically: true, encoding: .utf8)
                try files.respondents.write(to: folder.appendingPathComponent("respondents.csv"), atomically: true, encoding: .utf8)
            }
            var times: [Double] = [], unpruned: [Double] = []
            var distribution: PanelDistribution?
            for _ in 0..<max(1, runs) {
                let start = ContinuousClock.now
                let report: ((LeximinProgress) -> Void)? = progress ? { step in
                    let time = String(format: "%8.2f", seconds(ContinuousClock.now - start))
                    let line = "\(time) s  \(step.stage.rawValue): \(step.panels) panels, \(step.fixedPeople) of \(step.poolSize) people reached or settled\n"
                    FileHandle.standardError.write(Data(line.utf8))
                } : nil
                distribution = try Leximin.distribution(for: instance, progress: report)
                times.append(seconds(ContinuousClock.now - start))
                if keepEveryColumn {
                    let start = ContinuousClock.now
                    let kept = try Leximin.distribution(for: instance, backend: COINOR(), columnsPerRow: nil, progress: nil)
                    unpruned.append(seconds(ContinuousClock.now - start))
                    let difference = zip(kept.probabilities, distribution!.probabilities).map { abs($0 - $1) }.max() ?? 0
                    let minimum = abs(kept.minimumProbability - distribution!.minimumProbability)
                    print("\(pool.name): every panel kept as a column: \(String(format: "%.2f", unpruned.last!)) s, pruned: \(String(format: "%.2f", times.last!)) s; difference of the minimum \(String(format: "%.1e", minimum)), largest difference of a probability \(String(format: "%.1e", difference))")
                }
                if compareRounds {
                    let start = ContinuousClock.now
                    let rounds = try Leximin.distribution(for: instance, relaxationFirst: false)
                    let elapsed = seconds(ContinuousClock.now - start)
                    let difference = zip(rounds.probabilities, distribution!.probabilities).map { abs($0 - $1) }.max() ?? 0
                    print("\(pool.name): rounds over panels alone \(String(format: "%.2f", elapsed)) s, minimum \(String(format: "%.7f", rounds.minimumProbability)); relaxation first \(String(format: "%.2f", times.last!)) s, minimum \(String(format: "%.7f", distribution!.minimumProbability)); largest difference of a probability \(String(format: "%.1e", difference))")
                }
            }
            let median = times.sorted()[times.count / 2]
            // Said before the lottery's rounding, which takes minutes of its own on the largest pools.
            print("\(pool.name): LEXIMIN \(String(format: "%.2f", median)) s, minimum \(String(format: "%.6f", distribution!.minimumProbability)), \(distribution!.panels.count) panels; rounding to 1,000 tickets")
            let start = ContinuousClock.now
            let lottery = try TransparentLottery.round(distribution!, tickets: 1000)
            let rounding = seconds(ContinuousClock.now - start)
            let optimum = distribution!.minimumProbability
            let loss = max(0, optimum - lottery.distribution.minimumProbability) * 1000
            let ref = references[pool.name]
            print([pool.name, "\(pool.people)", "\(pool.panel)", "\(pool.categories)", "\(distribution!.profiles.count)",
                   String(format: "%.6f", optimum), "\(distribution!.panels.count)", String(format: "%.2f", median),
                   String(format: "%.3f", rounding), String(format: "%.6f", lottery.distribution.minimumProbability),
                   String(format: "%.2f", loss), String(format: "%.2f", lottery.largestDeviation * 1000), lottery.withinOneTicket ? "yes" : "no",
                   ref.map { String(format: "%.2f (min %.6f)", $0.seconds, $0.minimum) } ?? "-",
                   ref.map { String(format: "%.0fx", $0.seconds / median) } ?? "-"].joined(separator: " | "))
        }
    }
}
