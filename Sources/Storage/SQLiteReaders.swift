import Logging
import Synchronization

/// SQLite connections that only read, lent one request at a time: in WAL mode readers never wait for the writer nor
/// for each other, so pages load side by side instead of queueing behind one connection. Taking and giving back a
/// connection is a lock held for a few instructions, not a hop to an actor's executor (two per read otherwise); a
/// request only suspends when every connection is lent.
final class SQLiteReaders: Sendable {
    private struct State {
        var idle: [SQLiteDirectConnection]
        var waiting: [CheckedContinuation<SQLiteDirectConnection, any Error>] = []
        var isClosed = false
        /// Connections given up because they could not be opened again; opened when a request next finds none idle.
        var missing = 0
    }

    private let state: Mutex<State>
    /// Opens a connection in place of one left unusable (a snapshot whose ROLLBACK failed).
    private let reopen: @Sendable () throws -> SQLiteDirectConnection
    private let logger: Logger

    init(_ connections: [SQLiteDirectConnection], logger: Logger, reopen: @escaping @Sendable () throws -> SQLiteDirectConnection) {
        state = Mutex(State(idle: connections))
        self.reopen = reopen
        self.logger = logger
    }

    /// A connection for one request; fails once the store is closed.
    func take() async throws -> SQLiteDirectConnection {
        enum Next { case idle(SQLiteDirectConnection), reopen, wait }
        let next = try state.withLock { state throws(StoreError) -> Next in
            guard !state.isClosed else { throw StoreError.closed }
            if let idle = state.idle.popLast() { return .idle(idle) }
            if state.missing > 0 { state.missing -= 1; return .reopen }
            return .wait
        }
        switch next {
        case .idle(let connection): return connection
        case .reopen:
            // A connection lost earlier is opened again for this request; if it still cannot be, the request fails
            // rather than waiting for a connection that will not come back.
            do {
                return try reopen()
            } catch {
                state.withLock { $0.missing += 1 }
                throw error
            }
        case .wait: break
        }
        return try await withCheckedThrowingContinuation { continuation in
            // Checked again under the lock: a connection may have come back since.
            let ready = state.withLock { state -> Result<SQLiteDirectConnection, StoreError>? in
                if state.isClosed { return .failure(.closed) }
                if let connection = state.idle.popLast() { return .success(connection) }
                state.waiting.append(continuation)
                return nil
            }
            if let ready { continuation.resume(with: ready) }
        }
    }

    /// Gives a connection back: to the next waiting request, or to the idle ones; closed if the store is.
    func give(_ lent: SQLiteDirectConnection) {
        var connection: SQLiteDirectConnection? = lent
        // A transaction left open would hold its snapshot for the next request and keep the WAL from being
        // checkpointed: rolled back, or the connection replaced.
        if lent.isInTransaction {
            try? lent.execute(sql: "ROLLBACK", binds: []) { _ in }
            if lent.isInTransaction {
                lent.close()
                do {
                    connection = try reopen()
                } catch {
                    logger.error("A SQLite reader connection could not be opened again; the next request that finds none idle tries again",
                                 metadata: ["error": "\(error)"])
                    // The request waiting for this connection fails instead of waiting for one that will not come.
                    let waiter = state.withLock { state in
                        state.missing += 1
                        return state.waiting.isEmpty ? nil : state.waiting.removeFirst()
                    }
                    waiter?.resume(throwing: error)
                    connection = nil
                }
            }
        }
        guard let connection else { return }
        let (waiter, closeIt) = state.withLock { state -> (CheckedContinuation<SQLiteDirectConnection, any Error>?, Bool) in
            if state.isClosed { return (nil, true) }
            if state.waiting.isEmpty {
                state.idle.append(connection)
                return (nil, false)
            }
            return (state.waiting.removeFirst(), false)
        }
        if closeIt { connection.close() }
        waiter?.resume(returning: connection)
    }

    /// Closes the idle connections and refuses new requests; a lent connection is closed when it comes back.
    func close() {
        let (idle, waiting) = state.withLock { state in
            state.isClosed = true
            defer { state.idle = []; state.waiting = [] }
            return (state.idle, state.waiting)
        }
        for connection in idle { connection.close() }
        for waiter in waiting { waiter.resume(throwing: StoreError.closed) }
    }
}
