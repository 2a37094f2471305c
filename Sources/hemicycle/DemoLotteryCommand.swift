import ArgumentParser
import Foundation
import Sortition
import Web

/// `hemicycle draw demo-lottery --out DIR`: computes the committed LEXIMIN lottery of the demo's drawn convention (its
/// pool and quotas are generated, the same on every machine) and writes the lottery and its draw.json, which the demo
/// keeps in `Sources/Web/Resources/demo`. Run again after the demo's generator or the engine changes.
struct DemoLotteryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-lottery",
        abstract: "Compute the committed lottery of the demo's drawn convention (minutes) and write it for the demo to keep.")

    @Option(help: "Where to write the lottery and its draw.json.") var out: String

    func run() throws {
        let start = Date()
        var last = Date()
        let committed = try DemoDrawnConvention.commit { progress in
            guard Date().timeIntervalSince(last) >= 10 else { return }
            last = Date()
            FileHandle.standardError.write(Data("\(Int(last.timeIntervalSince(start))) s: \(progress.fixedPeople) of \(progress.poolSize) chances settled, \(progress.panels) panels\n".utf8))
        }
        let folder = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try committed.lottery.write(to: folder.appendingPathComponent(DemoDrawnConvention.files[0]), atomically: true, encoding: .utf8)
        try committed.manifest.json().write(to: folder.appendingPathComponent(DemoDrawnConvention.files[1]), atomically: true, encoding: .utf8)
        print("Committed in \(Int(Date().timeIntervalSince(start))) s: \(committed.manifest.tickets ?? 0) tickets, smallest chance "
              + "\(committed.manifest.minimumProbability) (LEXIMIN \(committed.manifest.optimalMinimumProbability ?? 0)), commitment \(committed.manifest.commitment).")
    }
}
