import Foundation
import HemicycleDomain
import Logging
import ServiceLifecycle
import Sortition
import Storage
import Synchronization

/// Computes the lotteries of requested draws in the background, never on a request: takes the oldest queued draw,
/// runs LEXIMIN on a thread of its own (the server's threads keep answering), writes its progress and a heartbeat
/// every few seconds, then stores the committed files, or why no lottery exists. A draw whose worker stopped (the
/// process ended) is taken again once its heartbeat is older than the lease, so several server processes may run one.
public struct DrawWorker: Service {
    let draws: ConventionDrawRepository
    let conventions: ConventionRepository
    let clock: any WallClock
    let logger: Logger
    let interval: Duration
    let heartbeat: Duration
    /// Seconds without a heartbeat after which a running draw is taken again.
    let lease: Double
    let tickets: Int
    /// A draw taken this many times without an end (its computation stopped the process each time) fails.
    static let maximumAttempts = 3
    /// Opened once the database is migrated.
    let ready: ReadySignal

    public init(database: any Database, clock: any WallClock, logger: Logger, ready: ReadySignal = ReadySignal(isOpen: true),
                interval: Duration = .seconds(2),
                heartbeat: Duration = .seconds(2), lease: Double = 60, tickets: Int = TransparentLottery.defaultTickets) {
        draws = ConventionDrawRepository(database: database)
        conventions = ConventionRepository(database: database)
        self.clock = clock
        self.logger = logger
        self.interval = interval
        self.heartbeat = heartbeat
        self.lease = lease
        self.tickets = tickets
        self.ready = ready
    }

    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            try await ready.wait()
            while !Task.isCancelled {
                var worked = false
                do {
                    worked = try await processNext()
                } catch is CancellationError {
                    return
                } catch {
                    logger.error("A draw could not be computed", metadata: ["error": "\(error)"])
                }
                if !worked { try await Task.sleep(for: interval) }
            }
        }
    }

    /// Takes one waiting draw and computes it to the end; whether there was one.
    @discardableResult
    public func processNext() async throws -> Bool {
        let now = clock.now().timeIntervalSince1970
        guard let claimed = try await draws.claimNext(at: now, staleBefore: now - lease) else { return false }
        let startedAt = now
        logger.info("Computing a convention's lottery", metadata: ["convention": "\(claimed.conventionID)", "draw": "\(claimed.number)"])
        guard claimed.attempts <= Self.maximumAttempts else {
            try await draws.fail(drawID: claimed.id, startedAt: startedAt, errorKey: "convention_draw_failed_engine", detail: nil,
                                 at: clock.now().timeIntervalSince1970)
            return true
        }
        let instance: SortitionInstance, replacement: DrawManifest.Replacement?, announcement: (source: String, notBefore: String)
        do {
            (instance, replacement, announcement) = try await self.instance(for: claimed)
        } catch let failure as DrawInstance.Failure {
            try await draws.fail(drawID: claimed.id, startedAt: startedAt, errorKey: failure.key, detail: nil, at: clock.now().timeIntervalSince1970)
            return true
        } catch let error as SortitionError {
            let (key, detail) = DrawFailure.record(error)
            try await draws.fail(drawID: claimed.id, startedAt: startedAt, errorKey: key, detail: detail, at: clock.now().timeIntervalSince1970)
            return true
        }
        let latest = LatestProgress()
        let outcome = await withTaskGroup(of: Void.self) { group in
            group.addTask { await beat(claimed, startedAt: startedAt, latest: latest, poolSize: instance.people.count) }
            let outcome = await Self.compute(instance, tickets: tickets, replacement: replacement, announcement: announcement, latest: latest)
            group.cancelAll()
            return outcome
        }
        let at = clock.now().timeIntervalSince1970
        switch outcome {
        case .cancelled:
            // Shutting down: the draw waits again, for this server when it restarts or for another.
            // In a task of its own: this one is cancelled, and the statement must still run.
            let draws = draws
            try? await Task { try await draws.requeue(drawID: claimed.id, startedAt: startedAt) }.value
            throw CancellationError()
        case .finished(.success(let lottery)):
            try await draws.commit(drawID: claimed.id, startedAt: startedAt, pool: lottery.pool, quotas: lottery.quotas,
                                   lottery: lottery.lottery, manifest: lottery.manifest.json(), commitment: lottery.manifest.commitment, at: at)
        case .finished(.failure(let error)):
            let (key, detail) = DrawFailure.record(error)
            logger.notice("No lottery for a convention's draw", metadata: ["convention": "\(claimed.conventionID)", "error": "\(error)"])
            try await draws.fail(drawID: claimed.id, startedAt: startedAt, errorKey: key, detail: detail, at: at)
        }
        return true
    }

    /// The instance a claimed draw computes: the convention's pool and quotas for a first draw; for a replacement
    /// draw, the first draw's published pool without anyone seated or who declined, under the quotas the people who
    /// stay leave, for as many seats as people declined.
    func instance(for claimed: ClaimedDraw) async throws
        -> (SortitionInstance, DrawManifest.Replacement?, (source: String, notBefore: String))
    {
        guard let record = try await conventions.find(id: claimed.conventionID, councilID: claimed.councilID) else {
            throw DrawInstance.Failure(key: "convention_draw_failed_engine")
        }
        let all = try await draws.draws(conventionID: record.id)
        guard let this = all.first(where: { $0.id == claimed.id }) else { throw DrawInstance.Failure(key: "convention_draw_failed_engine") }
        let announcement = (this.seedSource, Date(timeIntervalSince1970: this.seedNotBefore).formatted(.iso8601))
        let withdrawn = this.withdrawnReferences
        guard !withdrawn.isEmpty else {
            return (try DrawInstance.make(criteria: try await conventions.criteria(conventionID: record.id),
                                          pool: try await draws.pool(conventionID: record.id), panelSize: record.panelSize,
                                          onePerHousehold: record.onePerHousehold), nil, announcement)
        }
        guard let first = all.first(where: { $0.status == "drawn" && $0.withdrawn == nil }),
              let files = try await draws.files(drawID: first.id), let pool = files.poolCsv, let quotas = files.quotasCsv
        else { throw DrawInstance.Failure(key: "convention_draw_failed_engine") }
        var original: SortitionInstance
        do {
            original = try ProofFiles.instance(pool: pool, quotas: quotas, panelSize: record.panelSize)
        } catch {
            throw DrawInstance.Failure(key: "convention_draw_failed_engine")
        }
        // Someone who erased their account since is not drawn as a replacement: their consent is gone.
        let present = Set(try await draws.pool(conventionID: record.id).map(\.reference))
        original.people.removeAll { !present.contains($0.id) }
        let members = try await draws.panel(conventionID: record.id)
        // People who declined and were replaced are neither on the panel nor back in the pool.
        let replaced = Set(members.filter { $0.replacedInDraw != nil }.map(\.reference))
        original.people.removeAll { replaced.contains($0.id) }
        let current = members.filter { $0.replacedInDraw == nil }.map(\.reference)
        let (instance, replacement) = try Replacement.instance(original: original, panel: current, withdrawn: withdrawn)
        return (instance, replacement, announcement)
    }

    /// Writes the latest progress and a heartbeat every `heartbeat` until cancelled.
    func beat(_ claimed: ClaimedDraw, startedAt: Double, latest: LatestProgress, poolSize: Int) async {
        while !Task.isCancelled {
            let progress = latest.value.withLock { $0 } ?? DrawProgress(settled: 0, pool: poolSize, panels: 0)
            do {
                try await draws.beat(drawID: claimed.id, startedAt: startedAt, progress: progress, at: clock.now().timeIntervalSince1970)
            } catch {
                logger.warning("A draw's progress was not recorded", metadata: ["error": "\(error)"])
            }
            do { try await Task.sleep(for: heartbeat) } catch { return }
        }
    }

    enum Outcome: Sendable {
        case finished(Result<CommittedLottery, SortitionError>)
        case cancelled
    }

    /// Runs the engine on a thread of its own; returns at once when the task is cancelled (the thread is left to end).
    static func compute(_ instance: SortitionInstance, tickets: Int, replacement: DrawManifest.Replacement?,
                        announcement: (source: String, notBefore: String), latest: LatestProgress) async -> Outcome {
        let once = OnceContinuation()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                once.install(continuation)
                let thread = Thread {
                    let result: Result<CommittedLottery, SortitionError>
                    do throws(SortitionError) {
                        result = .success(try CommittedDraw.commit(instance, tickets: tickets, replacement: replacement,
                                                                   seedSource: announcement.source, seedNotBefore: announcement.notBefore) { progress in
                            latest.value.withLock {
                                $0 = DrawProgress(settled: progress.fixedPeople, pool: progress.poolSize, panels: progress.panels)
                            }
                        })
                    } catch {
                        result = .failure(error)
                    }
                    once.resume(.finished(result))
                }
                // LEXIMIN's column generation recurses little, but CLP and CBC like a roomy stack.
                thread.stackSize = 16 << 20
                thread.start()
            }
        } onCancel: {
            once.resume(.cancelled)
        }
    }
}

/// The engine's latest progress, written by its thread and read by the heartbeat.
final class LatestProgress: Sendable {
    let value = Mutex<DrawProgress?>(nil)
}

/// A continuation resumed once, by whichever comes first: the engine's end or the task's cancellation.
final class OnceContinuation: Sendable {
    private let state = Mutex<(continuation: CheckedContinuation<DrawWorker.Outcome, Never>?, early: DrawWorker.Outcome?)>((nil, nil))

    func install(_ continuation: CheckedContinuation<DrawWorker.Outcome, Never>) {
        let early: DrawWorker.Outcome? = state.withLock { state in
            if let early = state.early { state.early = nil; return early }
            state.continuation = continuation
            return nil
        }
        if let early { continuation.resume(returning: early) }
    }

    func resume(_ outcome: DrawWorker.Outcome) {
        let continuation: CheckedContinuation<DrawWorker.Outcome, Never>? = state.withLock { state in
            if let continuation = state.continuation { state.continuation = nil; return continuation }
            // Not installed yet: kept for `install`, unless an outcome is already waiting.
            if state.early == nil { state.early = outcome }
            return nil
        }
        continuation?.resume(returning: outcome)
    }
}
