import ArgumentParser
import Foundation
import OpinionMap

/// `hemicycle bench polis-read`: how fast Polis exports are read, on the shared conversations and on synthetic exports
/// written in both of Polis's shapes (the long `votes.csv` and the wide `participants-votes.csv`).
struct PolisReadBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "polis-read",
        abstract: "Time reading Polis export folders (MB/s), the shared ones and synthetic ones of a chosen size.")

    @Option(help: "Folder of Polis exports (default ../shared/data/polis).")
    var data = "../shared/data/polis"

    @Option(help: "Reads per folder (the median is printed).") var runs = 11

    @Option(help: "Synthetic participants.") var participants = 2_031
    @Option(help: "Synthetic statements.") var statements = 896
    @Option(help: "Synthetic votes.") var votes = 225_524

    func run() async throws {
        print("export | files read (bytes) | votes | read (ms, median of \(runs)) | MB/s")
        let folders = ((try? FileManager.default.contentsOfDirectory(atPath: data)) ?? []).sorted()
        for name in folders {
            let url = URL(fileURLWithPath: data).appendingPathComponent(name)
            guard (try? url.resourceValues(forKeys: [.isDirectoryKey]))?.isDirectory == true else { continue }
            try time(url, name: name)
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("polis-read-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let synthetic = SyntheticConversation.make(participants: participants, statements: statements, votes: votes)
        let wide = folder.appendingPathComponent("wide"), long = folder.appendingPathComponent("long")
        try write(synthetic, wide: wide, long: long)
        try time(wide, name: "synthetic \(participants) x \(statements), participants-votes.csv")
        try time(long, name: "synthetic \(participants) x \(statements), votes.csv")
    }

    /// Reads `folder` `runs` times and prints the median.
    func time(_ folder: URL, name: String) throws {
        let read = PolisConversation.readFiles(in: folder)
        let bytes = read.reduce(0) { total, file in
            total + ((try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(file).path)[.size] as? Int) ?? 0)
        }
        guard bytes > 0, (try? PolisConversation.read(folder: folder)) != nil else { return }
        let clock = ContinuousClock()
        var conversation: PolisConversation?
        let times = try (0..<max(1, runs)).map { _ in
            var fresh: PolisConversation?
            let time = try clock.measure { fresh = try PolisConversation.read(folder: folder) }
            // The previous reading is let go outside the measure.
            conversation = fresh
            return time
        }.sorted()
        let median = times[times.count / 2]
        let milliseconds = Double(median.components.seconds) * 1000 + Double(median.components.attoseconds) / 1e15
        print("\(name) | \(read.joined(separator: " + ")) (\(bytes)) | \(conversation?.votes.count ?? 0) | "
              + String(format: "%.2f | %.0f", milliseconds, Double(bytes) / 1e6 / (milliseconds / 1000)))
    }

    /// The synthetic votes as Polis exports them: one folder with `participants-votes.csv` only, one with `votes.csv`.
    func write(_ synthetic: (statements: [Statement], votes: [VoteRecord]), wide: URL, long: URL) throws {
        for folder in [wide, long] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        var comments = "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"
        for statement in synthetic.statements {
            comments += "1,x,\(statement.id),0,0,0,1,\"Statement \(statement.id), \"\"quoted\"\", in full\"\n"
        }
        var longText = "timestamp,datetime,comment-id,voter-id,vote\n"
        var rows: [Int: [Int: Int8]] = [:]
        for vote in synthetic.votes {
            longText += "\(vote.timestamp),Mon Aug 08 2022 10:00:00 GMT+0000,\(vote.statement),\(vote.participant),\(vote.vote.rawValue)\n"
            rows[Int(vote.participant)!, default: [:]][vote.statement] = vote.vote.rawValue
        }
        let ids = synthetic.statements.map(\.id)
        var wideText = "participant,group-id,n-comments,n-votes,n-agree,n-disagree," + ids.map(String.init).joined(separator: ",") + "\n"
        for (participant, votes) in rows.sorted(by: { $0.key < $1.key }) {
            wideText += "\(participant),\(participant % 2),0,\(votes.count),0,0,"
                + ids.map { votes[$0].map { String($0) } ?? "" }.joined(separator: ",") + "\n"
        }
        try comments.write(to: wide.appendingPathComponent("comments.csv"), atomically: true, encoding: .utf8)
        try comments.write(to: long.appendingPathComponent("comments.csv"), atomically: true, encoding: .utf8)
        try wideText.write(to: wide.appendingPathComponent("participants-votes.csv"), atomically: true, encoding: .utf8)
        try longText.write(to: long.appendingPathComponent("votes.csv"), atomically: true, encoding: .utf8)
    }
}
