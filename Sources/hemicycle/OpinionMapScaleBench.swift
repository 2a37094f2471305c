import ArgumentParser
import Foundation
import OpinionMap
#if canImport(Glibc)
import Glibc
#endif

/// `hemicycle bench opinion-map-scale`: a full recompute of a synthetic conversation of a million participants, with
/// progress on the terminal, its time and the peak memory of the process.
struct OpinionMapScaleBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "opinion-map-scale",
        abstract: "Time a full recompute of a very large synthetic conversation and report its peak memory.")

    @Option(help: "Synthetic participants.") var participants = 1_000_000
    @Option(help: "Synthetic statements.") var statements = 5_000
    @Option(help: "Synthetic votes.") var votes = 50_000_000
    @Option(help: "Threads for the map (default: every core of this machine).") var threads = OpinionMapParameters().threads

    func run() async throws {
        let clock = ContinuousClock()
        let display = ProgressLine()
        let start = clock.now
        var builder = VoteMatrixBuilder(statements: (0..<statements).map { Statement(id: $0) }, expectedVotes: votes)
        let perPerson = max(1, min(statements, votes / max(participants, 1)))
        let total = participants * perPerson
        SyntheticConversation.generate(participants: participants, statements: statements, votes: votes) { person, statement, vote, time in
            builder.append(participant: person, statement: statement, vote: vote, timestamp: time)
            if builder.voteCount % 500_000 == 0 { display.show("votes in", Double(builder.voteCount) / Double(total)) }
        }
        display.show("vote matrix", 0)
        let matrix = builder.build()
        builder = VoteMatrixBuilder(statements: [])   // release the votes as given
        let built = clock.now
        var parameters = OpinionMapParameters()
        parameters.threads = max(1, threads)
        let map = OpinionMapEngine.compute(matrix: matrix, parameters: parameters) { stage, fraction in display.show(stage, fraction) }
        let done = clock.now
        display.finish()
        print("synthetic: \(matrix.participantCount) participants x \(matrix.statementCount) statements, \(matrix.voteCount) votes")
        let threadsUsed = parameters.threads == 1 ? "1 thread" : "\(parameters.threads) threads"
        print(String(format: "votes into the matrix %.1f s, map %.1f s (\(threadsUsed)), full recompute %.1f s (target < 60 s)",
                     seconds(built - start), seconds(done - built), seconds(done - start)))
        print(String(format: "peak memory %.2f GB (target < 4 GB)", Double(peakResidentKilobytes()) / 1_048_576))
        print("groups: \(map.groups.count) (\(map.groups.map { String($0.members.count) }.joined(separator: ", ")) participants), "
              + "\(map.inConversation.count) clustered")
    }

    func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    func peakResidentKilobytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss)
    }
}
