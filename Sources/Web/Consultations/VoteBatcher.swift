import Storage
import Synchronization

/// Group commit for votes: a vote waits while the batch before it is written, then goes with every vote that arrived
/// meanwhile in one transaction (`ConsultationVoteRecorder`). Its request is answered only once that transaction has
/// committed, so an acknowledged vote is a stored vote; the batch grows with the load, and an idle server writes a vote
/// at once.
final class VoteBatcher: Sendable {
    typealias Write = @Sendable ([CastVote]) async throws -> [CastVote.Outcome]

    private struct Waiting {
        let vote: CastVote
        let continuation: CheckedContinuation<CastVote.Outcome, any Error>
    }

    private struct State {
        var waiting: [Waiting] = []
        /// Batches being written now.
        var writers = 0
    }

    private let state = Mutex(State())
    private let write: Write
    /// How many batches are written side by side: one where the database has one writer (SQLite), more where
    /// transactions run concurrently (PostgreSQL).
    private let writers: Int

    init(writers: Int, write: @escaping Write) {
        precondition(writers > 0)
        self.writers = writers
        self.write = write
    }

    convenience init(database: any Database) {
        let recorder = ConsultationVoteRecorder(database: database)
        self.init(writers: database.kind == .sqlite ? 1 : 2) { try await recorder.record($0) }
    }

    /// The vote's outcome once its batch is committed; the batch's error if the transaction failed.
    func cast(_ vote: CastVote) async throws -> CastVote.Outcome {
        try await withCheckedThrowingContinuation { continuation in
            let startsWriter = state.withLock { state -> Bool in
                state.waiting.append(Waiting(vote: vote, continuation: continuation))
                guard state.writers < writers else { return false }
                state.writers += 1
                return true
            }
            if startsWriter { Task { await self.drain() } }
        }
    }

    /// Writes batches until none waits.
    private func drain() async {
        while true {
            let batch = state.withLock { state -> [Waiting] in
                let batch = Array(state.waiting.prefix(ConsultationVoteRecorder.batchLimit))
                state.waiting.removeFirst(batch.count)
                if batch.isEmpty { state.writers -= 1 }
                return batch
            }
            guard !batch.isEmpty else { return }
            do {
                let outcomes = try await write(batch.map(\.vote))
                for (waiting, outcome) in zip(batch, outcomes) { waiting.continuation.resume(returning: outcome) }
            } catch {
                for waiting in batch { waiting.continuation.resume(throwing: error) }
            }
        }
    }
}
