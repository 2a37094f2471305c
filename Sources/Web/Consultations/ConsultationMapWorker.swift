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
/// map the pages show. A consultation it no longer holds, or closed and up to date, is forgotten.
///
/// Log identifiers are handed out when a vote is written but become visible when its transaction commits, which on
/// PostgreSQL need not be in order: a vote may appear below the last identifier read. A vote's transaction lasts
/// milliseconds, so the worker keeps the identifiers it applied among the votes cast in the last `lookBack` seconds,
/// counts the log's votes of that time every pass, and reads them again when the count shows one it has not applied
/// (applying a vote twice changes nothing). At its start it computes every open consultation once, so a vote
/// committed late while no worker held it is read too.
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
    /// Seconds of votes looked at again every pass.
    static let lookBack = 60.0
    /// A consultation closed this long ago with its map up to date is let go.
    static let closedGrace = 60.0

    struct Kept: Sendable {
        var updater: OpinionMapUpdater
        var throughVote: Int64
        var statements: [Statement]
        /// Identifiers applied among the votes of the last `lookBack` seconds, with the time of each.
        var tail: [Int64: Double]
    }

    /// The updaters kept between computations, by consultation.
    final class KeptUpdaters: Sendable {
        private let kept = Mutex<[Int64: Kept]>([:])
        func withLock<T>(_ body: (inout [Int64: Kept]) -> T) -> T { kept.withLock { body(&$0) } }
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
        await Repeating.run(every: interval, after: ready, logger: logger, failure: "The consultations' maps could not be read") {
            try await processAll()
        }
        // Another worker takes the consultations at once rather than after the lease.
        try? await maps.release(worker: name)
    }

    /// Brings every consultation this worker may take up to date; the consultations whose map it stored. A
    /// consultation that fails is logged and left for the next pass; the others go on.
    @discardableResult
    public func processAll() async throws -> [Int64] {
        var computed: [Int64] = []
        for state in try await maps.states() {
            do {
                if try await process(state) { computed.append(state.consultationID) }
            } catch is CancellationError {
                throw CancellationError()
            } catch where Task.isCancelled {
                // Shutting down: the database's client answers a cancelled query with an error of its own.
                throw CancellationError()
            } catch {
                logger.error("A consultation's map could not be computed", metadata: ["consultation": "\(state.consultationID)", "error": "\(error)"])
            }
        }
        return computed
    }

    func process(_ state: ConsultationMapState) async throws -> Bool {
        let id = state.consultationID
        let now = clock.now().timeIntervalSince1970
        let kept = updaters.withLock { $0[id] }
        let open = now <= state.closesAt + Self.closedGrace
        if !open, !state.isBehind, (kept?.throughVote ?? state.throughVote) >= state.lastVote {
            // Closed and up to date: nothing more will come.
            _ = updaters.withLock { $0.removeValue(forKey: id) }
            return false
        }
        // Behind, held, or open and not yet read by this worker (a vote may have committed late while none held it).
        guard state.isBehind || kept != nil || (open && state.lastVote > 0) else { return false }
        guard try await maps.claim(consultationID: id, worker: name, now: now, until: now + lease) else {
            _ = updaters.withLock { $0.removeValue(forKey: id) }
            return false
        }
        if !state.isBehind, let kept {
            // Nothing after the last vote read: a vote committed late below it is the only thing to look for.
            let since = now - Self.lookBack
            let applied = kept.tail.values.filter { $0 >= since }.count
            guard try await maps.logCount(consultationID: id, since: since) > applied else { return false }
        }
        // A long computation keeps the lease.
        let renewal = Task { [maps, name, lease, clock] in
            while !Task.isCancelled {
                try await Task.sleep(for: .seconds(lease / 3))
                let now = clock.now().timeIntervalSince1970
                _ = try await maps.claim(consultationID: id, worker: name, now: now, until: now + lease)
            }
        }
        defer { renewal.cancel() }
        return try await compute(state, kept: kept)
    }

    func compute(_ state: ConsultationMapState, kept: Kept?) async throws -> Bool {
        let id = state.consultationID
        let records = try await consultations.statements(consultationID: id)
        let mode = try await maps.moderation(consultationID: id).flatMap(ModerationMode.init(rawValue:)) ?? .beforePublication
        let statements = records.map {
            Statement(id: $0.number, isModeratedOut: !(StatementModeration(rawValue: $0.moderation) ?? .rejected).isShown(under: mode))
        }
        let now = clock.now().timeIntervalSince1970, since = now - Self.lookBack
        var log: [ConsultationVoteRecord]
        if let kept {
            // The votes after the last one read, and those of the last minute not applied yet.
            let after = try await consultations.voteLog(consultationID: id, after: kept.throughVote)
            let late = try await consultations.voteLog(consultationID: id, since: since)
                .filter { $0.id <= kept.throughVote && kept.tail[$0.id] == nil }
            log = (late + after).sorted { $0.id < $1.id }
        } else {
            log = try await consultations.voteLog(consultationID: id, after: 0)
        }
        let through = max(kept?.throughVote ?? 0, log.last?.id ?? 0)
        var tail = kept?.tail ?? [:]
        for vote in log where vote.votedAt >= since { tail[vote.id] = vote.votedAt }
        tail = tail.filter { $0.value >= since - Self.lookBack }
        let votes = log.map {
            VoteRecord(participant: String($0.participantID), statement: $0.statementNumber, vote: Vote(rawValue: Int8($0.vote)) ?? .pass,
                       timestamp: Int64(($0.votedAt * 1_000).rounded()))
        }
        var parameters = OpinionMapParameters()
        parameters.threads = 1
        let shown = statements.filter { !$0.isModeratedOut }.count
        let result: (kept: Kept?, snapshot: MapSnapshot) = try await NIOThreadPool.singleton.runIfActive { [kept, parameters, tail] in
            var next = kept
            if var current = next {
                current.updater.update(with: votes, statements: current.statements == statements ? nil : statements)
                current.throughVote = through
                current.statements = statements
                current.tail = tail
                next = current
            } else if !votes.isEmpty {
                next = Kept(updater: OpinionMapUpdater(statements: statements, votes: votes, parameters: parameters), throughVote: through,
                            statements: statements, tail: tail)
            }
            guard let map = next?.updater.map else { return (next, MapSnapshot.make(nil, participants: 0, votes: 0)) }
            let participants = map.participants.count
            let drawable = shown >= 2 && participants >= MapSnapshot.minimumVoters
            return (next, MapSnapshot.make(drawable ? map : nil, participants: participants, votes: next?.updater.voteCount ?? 0,
                                           tallies: next?.updater.tallies() ?? [:]))
        }
        let stored = try await maps.store(consultationID: id, snapshot: try result.snapshot.json(), throughVote: through,
                                          statementsVersion: state.statementsVersion, worker: name, at: clock.now().timeIntervalSince1970)
        if stored, let kept = result.kept { updaters.withLock { $0[id] = kept } } else { _ = updaters.withLock { $0.removeValue(forKey: id) } }
        return stored
    }
}
