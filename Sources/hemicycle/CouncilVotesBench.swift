import ArgumentParser
import Foundation
import HemicycleDomain
import Storage
import Web

/// `hemicycle bench council-votes`: a plenary sitting recorded through the store — every member votes on every
/// amendment, each ballot is closed and its tally recomputed from the stored votes and compared with the votes cast.
struct CouncilVotesBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "council-votes",
        abstract: "Record a plenary of N members voting on M amendments and tally every ballot (time per ballot).")

    @Option(help: "Members of the plenary.") var members = 250
    @Option(help: "Amendments put to the vote.") var amendments = 300
    @Option(name: .customLong("database-url"), help: "sqlite:PATH or postgres://... (default: a new SQLite file in a temporary folder).")
    var databaseURL: String?

    func run() async throws {
        var configuration = AppConfiguration()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hemicycle-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        configuration.database = try DatabaseURL(databaseURL ?? "sqlite:\(folder.appendingPathComponent("bench.sqlite").path)")
        let members = self.members, amendments = self.amendments
        let report = try await HemicycleServer.withDatabase(configuration, logger: makeLogger()) { database in
            try await Migrator(database: database, logger: makeLogger()).migrate()
            return try await PlenarySitting.record(database: database, members: members, amendments: amendments,
                                                   wallClock: SystemClock()).report
        }
        print(report)
    }
}
