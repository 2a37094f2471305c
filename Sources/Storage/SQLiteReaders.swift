import SQLiteNIO
import Synchronization

/// SQLite connections that only read, lent one request at a time: in WAL mode readers never wait for the writer nor
/// for each other, so pages load side by side instead of queueing behind one connection. Taking and giving back a
/// connection is a lock held for a few instructions, not a hop to an actor's executor (two per read otherwise); a
/// request only suspends when every connection is lent.
final class SQLiteReaders: Sendable {
    private struct State {
        var idle: [SQLiteConnection]
        var waiting: [CheckedContinuation<SQLiteConnection, Never>] = []
    }

    private let state: Mutex<State>
    private let all: [SQLiteConnection]

    init(_ connections: [SQLiteConnection]) {
        state = Mutex(State(idle: connections))
        all = connections
    }

    func take() async -> SQLiteConnection {
        if let connection = state.withLock({ $0.idle.popLast() }) { return connection }
        return await withCheckedContinuation { continuation in
            // Checked again under the lock: a connection may have come back since.
            let ready = state.withLock { state -> SQLiteConnection? in
                if let connection = state.idle.popLast() { return connection }
                state.waiting.append(continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    func give(_ connection: SQLiteConnection) {
        let waiter = state.withLock { state -> CheckedContinuation<SQLiteConnection, Never>? in
            if state.waiting.isEmpty {
                state.idle.append(connection)
                return nil
            }
            return state.waiting.removeFirst()
        }
        waiter?.resume(returning: connection)
    }

    func close() async {
        for connection in all { try? await connection.close() }
    }
}
