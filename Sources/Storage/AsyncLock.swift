import Synchronization

/// A first-come, first-served lock for async code: one holder at a time. Taking a free lock and giving it back are a
/// few instructions under a mutex, with no hop to another executor; a task only suspends when the lock is held.
final class AsyncLock: Sendable {
    private struct State {
        var isHeld = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    func acquire() async {
        let taken = state.withLock { state -> Bool in
            guard !state.isHeld else { return false }
            state.isHeld = true
            return true
        }
        if taken { return }
        await withCheckedContinuation { continuation in
            // Checked again under the lock: the holder may have given it back since.
            let taken = state.withLock { state -> Bool in
                guard !state.isHeld else {
                    state.waiters.append(continuation)
                    return false
                }
                state.isHeld = true
                return true
            }
            if taken { continuation.resume() }
        }
    }

    /// Gives the lock to the longest waiting task, which then holds it, or frees it.
    func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiters.isEmpty else {
                state.isHeld = false
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.resume()
    }
}
