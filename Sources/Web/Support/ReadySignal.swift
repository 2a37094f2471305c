import Synchronization

/// A one-way signal: background services wait until it is opened (the database migrated) before they start.
public final class ReadySignal: Sendable {
    private let state: Mutex<Bool>

    public init(isOpen: Bool = false) { self.state = Mutex(isOpen) }

    public var isOpen: Bool { state.withLock { $0 } }

    public func open() { state.withLock { $0 = true } }

    /// Returns once the signal is open; throws `CancellationError` if the task is cancelled first.
    public func wait() async throws {
        while !isOpen { try await Task.sleep(for: .milliseconds(100)) }
    }
}
