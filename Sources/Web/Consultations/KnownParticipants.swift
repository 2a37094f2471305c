import Synchronization

/// The participant number of each browser digest or account in each consultation, as this process found or made it: a
/// participant is never renumbered, so the number can be kept. The vote's transaction checks that the participant is
/// the consultation's (`ConsultationVoteRecorder`). Bounded: past `capacity` entries it starts again empty.
final class KnownParticipants: Sendable {
    struct Key: Hashable, Sendable {
        let consultationID: Int64
        let cookieDigest: String?
        let accountID: Int64?
    }

    let capacity: Int
    private let numbers = Mutex<[Key: Int64]>([:])

    init(capacity: Int = 500_000) { self.capacity = capacity }

    func number(_ key: Key) -> Int64? { numbers.withLock { $0[key] } }

    func remember(_ key: Key, number: Int64) {
        numbers.withLock { numbers in
            if numbers.count >= capacity { numbers.removeAll(keepingCapacity: true) }
            numbers[key] = number
        }
    }
}
