import Logging
import PostgresNIO
import Synchronization

/// The reads PostgreSQL keeps prepared on each connection, named by their text and the types of their values.
///
/// Sent as an unnamed statement, a read is parsed, analysed and planned again by PostgreSQL on every run: on the avis
/// dossier's dozen small indexed reads that is most of the server's time (pgbench, BENCHMARKS.md: 389–400 dossiers/s
/// planned each time, 1,039–1,156/s prepared). A kept statement is parsed once per connection; PostgreSQL then plans
/// it with the values of each run, and settles on one generic plan when that costs no more.
///
/// PostgresNIO prepares a statement on a connection the first time it runs there and keeps it as long as the
/// connection lives, but it remembers a failed preparation for good. A name whose run failed (a table changed under a
/// kept statement, a read in an aborted transaction) is therefore retired, and the next run prepares the text under a
/// new name. The names are few and bounded: past `capacity` texts, a new text runs unnamed, as before.
final class PostgresKeptStatements: Sendable {
    struct Key: Hashable, Sendable {
        let sql: String
        let types: [PostgresDataType]
    }

    /// The most texts kept; every connection may hold each of them once.
    static let capacity = 512

    private struct State {
        var names: [Key: String] = [:]
        var issued = 0
    }

    private let state = Mutex(State())

    /// The name the statement is kept under, or nothing when too many texts are kept already.
    func name(for key: Key) -> String? {
        state.withLock { state in
            if let name = state.names[key] { return name }
            guard state.names.count < Self.capacity else { return nil }
            state.issued += 1
            let name = "hemicycle_\(state.issued)"
            state.names[key] = name
            return name
        }
    }

    /// Stops using a name whose run failed; the statement is prepared again under a new one. Another run that failed
    /// under the same name finds it already retired.
    func retire(_ name: String, for key: Key) {
        state.withLock { state in
            guard state.names[key] == name else { return }
            state.issued += 1
            state.names[key] = "hemicycle_\(state.issued)"
        }
    }

    /// Whether a statement is a read, the only kind kept: writes are rare, and one that fails on a constraint would
    /// retire its name every time.
    static func isRead(_ sql: String) -> Bool {
        let word = sql.drop(while: \.isWhitespace).prefix(6).uppercased()
        return word == "SELECT" || word.hasPrefix("WITH")
    }
}

/// A statement kept under a name, for PostgresNIO's `execute(_:)`, which prepares it on the connection when needed.
///
/// PostgresNIO reads a statement's name, text and value types as static properties, made for statements known when the
/// program is compiled. Here they are read from a task-local value set around the one call that reads them
/// (`PostgresSQL.execute`), so that one type serves every text.
struct KeptStatement: PostgresPreparedStatement {
    typealias Row = PostgresRow

    struct Identity: Sendable {
        let name: String
        let sql: String
        let types: [PostgresDataType]
    }

    @TaskLocal static var identity = Identity(name: "", sql: "", types: [])

    static var name: String { identity.name }
    static var sql: String { identity.sql }
    static var bindingDataTypes: [PostgresDataType] { identity.types }

    let bindings: PostgresBindings

    func makeBindings() -> PostgresBindings { bindings }
    func decodeRow(_ row: PostgresRow) -> PostgresRow { row }
}
