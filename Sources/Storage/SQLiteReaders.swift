import SQLiteNIO

/// SQLite connections that only read, lent one request at a time: in WAL mode readers never wait for the writer nor
/// for each other, so pages load side by side instead of queueing behind one connection.
actor SQLiteReaders {
    private var idle: [SQLiteConnection]
    private var waiting: [CheckedContinuation<SQLiteConnection, Never>] = []
    private let all: [SQLiteConnection]

    init(_ connections: [SQLiteConnection]) {
        idle = connections
        all = connections
    }

    func take() async -> SQLiteConnection {
        if let connection = idle.popLast() { return connection }
        return await withCheckedContinuation { waiting.append($0) }
    }

    func give(_ connection: SQLiteConnection) {
        if waiting.isEmpty {
            idle.append(connection)
        } else {
            waiting.removeFirst().resume(returning: connection)
        }
    }

    func close() async {
        for connection in all { try? await connection.close() }
    }
}
