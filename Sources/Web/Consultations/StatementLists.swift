import Storage
import Synchronization

/// Each consultation's statements as last read, kept with the consultation's `statementsVersion` at that read: every
/// change to its statements (a new one, a moderation, the moderation mode) raises the version in the same transaction,
/// so a list kept under the version a request just read is the store's. A national consultation's 800 statements are
/// then read once per change, not on every page.
final class StatementLists: Sendable {
    private let kept = Mutex<[Int64: (version: Int64, statements: [ConsultationStatementRecord])]>([:])
    /// Consultations kept at most (their lists are small; the bound only keeps memory flat).
    static let capacity = 256

    /// The statements of `record`, in order of number.
    func statements(of record: ConsultationRecord, read: () async throws -> [ConsultationStatementRecord]) async throws -> [ConsultationStatementRecord] {
        if let kept = kept.withLock({ $0[record.id] }), kept.version == record.statementsVersion { return kept.statements }
        // Read after the record: the list is at least as new as its version says.
        let statements = try await read()
        kept.withLock { kept in
            if kept.count >= Self.capacity { kept.removeAll() }
            kept[record.id] = (record.statementsVersion, statements)
        }
        return statements
    }
}
