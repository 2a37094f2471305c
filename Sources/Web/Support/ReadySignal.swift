import Synchronization

/// A one-way signal: background services wait until it is opened (the database migrated) before they start.
public final class ReadySignal: Sendable {
    private let isOpen: Mutex<Bool>

    public init(isOpen: Bool = false) { self.isOpen = Mutex(isOpen) }

    public func open() { isOpen.withLock { $0 = true } }

    /// Returns once the signal is open; throws `CancellationError` if the task is cancelled first.
    public func wait() async throws {
        while !isOpen.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(100)) }
    }
}
