import ArgumentParser
import CSVFormat
import Foundation
import Sortition

/// `hemicycle draw ...`: stratified draws for citizens' conventions, and their verification.
struct DrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draw",
        abstract: "Draw a panel by lot under quotas (LEXIMIN or LEGACY), verify a draw, or draw replacements.",
        subcommands: [DrawPanel.self, DrawVerify.self, DrawReplace.self, DemoLotteryCommand.self],
        defaultSubcommand: DrawPanel.self)
}

/// Options shared by a first draw and a replacement draw.
struct DrawOptions: ParsableArguments {
    @Option(help: "leximin (maximally fair, the default) or legacy (the old greedy method, for comparison).")
    var algorithm: DrawManifest.Algorithm = .leximin

    @Option(help: "The public seed (for example a lottery result revealed after the commitment was published). Without it a random seed is drawn.")
    var seed: String?

    @Option(help: "Number of tickets of the uniform lottery the LEXIMIN distribution is rounded to.")
    var tickets = TransparentLottery.defaultTickets

    @Option(help: "Simulated LEGACY draws behind its estimated probabilities.")
    var legacyDraws = 10_000

    @Option(help: "Folder to write the draw's files to (created if needed).")
    var out: String

    func publicSeed() -> String {
        if let seed { return seed }
        var generator = SystemRandomNumberGenerator()
        let random = (0..<4).map { _ in String(format: "%08x", UInt32.random(in: .min ... .max, using: &generator)) }.joined()
        FileHandle.standardError.write(Data("No --seed given: using the random seed \(random). For a draw anyone can check in advance, publish the commitment first and then use a public seed.\n".utf8))
        return random
    }

    func perform(_ request: DrawRequest) throws -> DrawResult {
        let start = ContinuousClock.now
        let result: DrawResult
        do {
            result = try Draw.run(request) { progress in
                let line = "\rLEXIMIN (\(progress.stage.rawValue)): \(progress.fixedPeople)/\(progress.poolSize) probabilities settled or reached, \(progress.panels) panels, level \(String(format: "%.4f", progress.level))   "
                FileHandle.standardError.write(Data(line.utf8))
            }
        } catch {
            FileHandle.standardError.write(Data("\n".utf8))
            throw CommandFailure(error.description)
        }
        if request.algorithm == .leximin { FileHandle.standardError.write(Data("\n".utf8)) }
        let elapsed = ContinuousClock.now - start
        let folder = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in result.files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        print(DrawSummary.text(result, instance: request.instance, elapsed: elapsed))
        print("Files written to \(out): \(result.files.keys.sorted().joined(separator: ", ")).")
        print("Commitment (SHA-256 of the published files): \(result.manifest.commitment)")
        return result
    }
}

struct DrawPanel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "panel",
        abstract: "Draw a panel: hemicycle draw PEOPLE.csv QUOTAS.csv --k N [--algorithm leximin|legacy] [--seed S] --out DIR")

    @Argument(help: "The pool: respondents.csv (one column per category) or candidates.csv (with an id column).")
    var people: String

    @Argument(help: "The quotas: categories.csv (category,feature,min,max) or features.csv (feature,value,min,max[,min_flex,max_flex]).")
    var quotas: String

    @Option(name: .customLong("k"), help: "Panel size.")
    var panelSize: Int

    @Option(help: "The id column of the people file (default: a column named id or ending in _id; otherwise ids p0, p1... by row).")
    var idColumn: String?

    @Option(help: "Comma-separated address columns: at most one person per household.")
    var householdColumns: String?

    @OptionGroup var options: DrawOptions

    func run() throws {
        let reader = InstanceReader(idColumn: idColumn,
                                    householdColumns: householdColumns.map { $0.split(separator: ",").map(String.init) } ?? [])
        let instance: SortitionInstance
        do {
            instance = try reader.read(people: readText(people), peopleFile: people, quotas: readText(quotas), quotasFile: quotas,
                                       panelSize: panelSize)
        } catch let error as InterchangeError {
            throw CommandFailure(error.description)
        }
        _ = try options.perform(DrawRequest(instance: instance, algorithm: options.algorithm, seed: options.publicSeed(),
                                            tickets: options.tickets, legacyEstimateDraws: options.legacyDraws))
    }
}

struct DrawVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Re-derive a draw from its published files and say whether the panel matches.")

    @Argument(help: "Folder written by hemicycle draw (pool.csv, quotas.csv, lottery.csv, draw.json, panel.csv, probabilities.csv).")
    var folder: String

    func run() throws {
        let report = DrawVerifier.verify(files: try readFolder(folder))
        for check in report.checks { print("\(check.passed ? "✓" : "✗") \(check.name): \(check.detail)") }
        if report.passed {
            print("The draw is verified: the published files and seed give this panel.")
        } else {
            print("The draw does NOT verify.")
            throw ExitCode(1)
        }
    }
}

struct DrawReplace: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replace",
        abstract: "Draw replacements for people who withdrew, keeping the quotas, from the rest of the pool of a draw folder.")

    @Argument(help: "Folder of the original draw.")
    var folder: String

    @Option(help: "Comma-separated ids of the people who withdrew.")
    var withdrawn: String

    @OptionGroup var options: DrawOptions

    func run() throws {
        let files = try readFolder(folder)
        guard let pool = files[ProofFiles.pool], let quotas = files[ProofFiles.quotas], let panel = files[ProofFiles.panel],
              let manifestText = files[ProofFiles.manifest] else {
            throw CommandFailure("\(folder) is not a draw folder (pool.csv, quotas.csv, panel.csv and draw.json are needed).")
        }
        do {
            let manifest = try DrawManifest.read(manifestText)
            let original = try ProofFiles.instance(pool: pool, quotas: quotas, panelSize: manifest.panelSize)
            let seated = try CSVTable(text: panel, file: ProofFiles.panel).rows.map { $0.fields[0] }
            let replacement = try Replacement.instance(original: original, panel: seated,
                                                       withdrawn: withdrawn.split(separator: ",").map { String($0).trimmingSpaces })
            print("Replacing \(replacement.record.withdrawn.count) of \(seated.count): \(replacement.instance.people.count) volunteers left in the pool.")
            _ = try options.perform(DrawRequest(instance: replacement.instance, algorithm: options.algorithm, seed: options.publicSeed(),
                                                tickets: options.tickets, legacyEstimateDraws: options.legacyDraws,
                                                replacement: replacement.record))
        } catch let error as InterchangeError {
            throw CommandFailure(error.description)
        } catch let error as SortitionError {
            throw CommandFailure(error.description)
        }
    }
}

extension DrawManifest.Algorithm: ExpressibleByArgument {}

/// A failure explained in one message (ArgumentParser prints it after "Error:", without the usage text, and
/// exits with status 1).
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

private func readText(_ path: String) throws -> String {
    do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
        throw CommandFailure("Cannot read \(path): \(error.localizedDescription)")
    }
}

private func readFolder(_ path: String) throws -> [String: String] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
        throw CommandFailure("Cannot read the folder \(path).")
    }
    var files: [String: String] = [:]
    for name in names where name.hasSuffix(".csv") || name.hasSuffix(".json") {
        files[name] = try readText((path as NSString).appendingPathComponent(name))
    }
    return files
}
