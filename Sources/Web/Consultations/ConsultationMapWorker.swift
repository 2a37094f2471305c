import Consultations
import Foundation
import HemicycleDomain
import Logging
import NIOPosix
import OpinionMap
import ServiceLifecycle
import Storage
import Synchronization

/// Keeps every published consultation's opinion map up to date, in the background, never on a request: every
/// second it looks for consultations with new votes or changed statements, takes each for itself (a lease, so that
/// several workers, in the web servers or in `hemicycle worker` processes, never compute one twice), reads only
/// the votes cast since its last map and updates the engine's incremental updater kept in memory, then stores the
/// map the pages show. A consultation it no longer holds is forgotten.
public struct ConsultationMapWorker: Service {
    let maps: ConsultationMapRepository
    let consultations: ConsultationStatementRepository
    let clock: any WallClock
    let logger: Logger
    let interval: Duration
    /// Seconds a worker holds a consultation after its last claim.
    let lease: Double
    let name: String
    let ready: ReadySignal
    private let updaters = KeptUpdaters()

    /// The updaters kept between computations, by consultation.
    final class KeptUpdaters: Sendable {
        private let kept = Mutex<[Int64: Kept]>([:])
        func withLock<T>(_ body: (inout [Int64: Kept]) -> T) -> T { kept.withLock { body(&$0) } }
    }

    struct Kept: Sendable {
        var updater: OpinionMapUpdater
        var throughVote: Int64
        var statements: [Statement]
    }

    public init(database: any Database, clock: any WallClock, logger: Logger, ready: ReadySignal = ReadySignal(isOpen: true),
                interval: Duration = .seconds(1), lease: Double = 30, name: String = UUID().uuidString) {
        maps = ConsultationMapRepository(database: database)
        consultations = ConsultationStatementRepository(database: database)
        self.clock = clock
        self.logger = logger
        self.interval = interval
        self.lease = lease
        self.name = name
        self.ready = ready
    }

    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            try await ready.wait()
            while !Task.isCancelled {
                do {
                    try await processAll()
                } catch is CancellationError {
                    break
                } catch {
                    logger.error("An opinion map could not be computed", metadata: ["error": "\(error)"])
                }
                try await Task.sleep(for: interval)
            }
        }
        // Another worker takes the consultations at once rather than after the lease.
        try? await maps.release(worker: name)
    }

    /// Brings every consultation this worker may take up to date; the consultations it computed.
    @discardableResult
    public func processAll() async throws -> [Int64] {
        var computed: [Int64] = []
        for state in try await maps.states() {
            let now = clock.now().timeIntervalSince1970
            let held = updaters.withLock { $0[state.consultationID] != nil }
            // A consultation held is claimed again before its lease ends, even when nothing changed.
            guard state.isBehind || held else { continue }
            guard try await maps.claim(consultationID: state.consultationID, worker: name, now: now, until: now + lease) else {
                _ = updaters.withLock { $0.removeValue(forKey: state.consultationID) }
                continue
            }
            guard state.isBehind else { continue }
            try await compute(state)
            computed.append(state.consultationID)
        }
        return computed
    }

    func compute(_ state: ConsultationMapState) async throws {
        let id = state.consultationID
        let records = try await consultations.statements(consultationID: id)
        let mode = try await moderation(id)
        let statements = records.map {
            Statement(id: $0.number, isModeratedOut: !(StatementModeration(rawValue: $0.moderation) ?? .rejected).isShown(under: mode))
        }
        let kept = updaters.withLock { $0.removeValue(forKey: id) }
        let after = kept?.throughVote ?? 0
        let log = try await consultations.voteLog(consultationID: id, after: after)
        let through = log.last?.id ?? after
        let votes = log.map {
            VoteRecord(participant: String($0.participantID), statement: $0.statementNumber, vote: Vote(rawValue: Int8($0.vote)) ?? .pass,
                       timestamp: Int64(($0.votedAt * 1_000).rounded()))
        }
        var parameters = OpinionMapParameters()
        parameters.threads = 1
        let shown = statements.filter { !$0.isModeratedOut }.count
        let result: (kept: Kept?, snapshot: MapSnapshot) = try await NIOThreadPool.singleton.runIfActive { [kept, parameters] in
            var kept = kept
            if var current = kept {
                current.updater.update(with: votes, statements: current.statements == statements ? nil : statements)
                current.throughVote = through
                current.statements = statements
                kept = current
            } else if !votes.isEmpty {
                kept = Kept(updater: OpinionMapUpdater(statements: statements, votes: votes, parameters: parameters), throughVote: through,
                            statements: statements)
            }
            guard let map = kept?.updater.map else { return (kept, MapSnapshot.make(nil, participants: 0, votes: 0)) }
            let participants = map.participants.count
            let counted = kept?.updater.voteCount ?? 0
            let drawable = shown >= 2 && participants >= MapSnapshot.minimumVoters
            return (kept, MapSnapshot.make(drawable ? map : nil, participants: participants, votes: counted))
        }
        let stored = try await maps.store(consultationID: id, snapshot: try result.snapshot.json(), throughVote: through,
                                          statementsVersion: state.statementsVersion, worker: name, at: clock.now().timeIntervalSince1970)
        if stored, let kept = result.kept { updaters.withLock { $0[id] = kept } }
    }

    func moderation(_ consultationID: Int64) async throws -> ModerationMode {
        try await maps.moderation(consultationID: consultationID).flatMap(ModerationMode.init(rawValue:)) ?? .beforePublication
    }
}
