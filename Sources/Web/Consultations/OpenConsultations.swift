import Storage
import Synchronization

/// Open consultations as read within the last second, for the vote's path: a vote needs the consultation's rules for
/// its first checks, and reading them from the store for each of thousands of votes a second would be most of its cost.
/// Only an open consultation is kept, and the vote's transaction checks again that it is open, shown and takes that
/// participation (`ConsultationVoteRecorder`): a record a second old can let a request reach that check, never store
/// a vote the store's rules refuse. Everything else (pages, staff) reads the store.
final class OpenConsultations: Sendable {
    private struct Kept {
        let record: ConsultationRecord
        let until: ContinuousClock.Instant
    }

    static let lifetime = Duration.seconds(1)
    private let kept = Mutex<[Int64: Kept]>([:])

    /// The consultation, from memory when it was read open within the last second.
    func find(id: Int64, councilID: Int64, isOpen: (ConsultationRecord) -> Bool,
              read: () async throws -> ConsultationRecord?) async throws -> ConsultationRecord? {
        let now = ContinuousClock.now
        if let kept = kept.withLock({ $0[id] }), kept.until > now, kept.record.councilId == councilID { return kept.record }
        guard let record = try await read() else { return nil }
        if isOpen(record) {
            kept.withLock { kept in
                if kept.count > 10_000 { kept.removeAll() }
                kept[id] = Kept(record: record, until: now + Self.lifetime)
            }
        }
        return record
    }
}
