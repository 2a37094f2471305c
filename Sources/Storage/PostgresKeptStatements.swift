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
/// connection lives, but it remembers a failed preparation for good. A name whose preparation failed (a table or column
/// missing, a read in an aborted transaction) or whose table changed under it is therefore retired, and the next run
/// prepares the text under a new name; an error while running (a deadlock, a cancelled statement) keeps the name.
/// A text retired `retirements` times runs unnamed from then on, so a read that keeps failing cannot leave prepared
/// statements piling up on the connections. Past `capacity` texts, a new text runs unnamed too, as before.
///
/// Names carry a prefix drawn at random for each process: a pooler that shared server connections between processes
/// (PgBouncer in transaction mode without its own prepared-statement tracking) must never find another process's
/// statement under the same name. Use such a pooler in session mode.
final class PostgresKeptStatements: Sendable {
    struct Key: Hashable, Sendable {
        let sql: String
        let types: [PostgresDataType]
    }

    /// The most texts kept; every connection may hold each of them once, and each retired name of them.
    static let capacity = 512
    /// How many times a text's name may be retired before the text runs unnamed for good.
    static let retirements = 3

    private struct State {
        var names: [Key: String] = [:]
        var retired: [Key: Int] = [:]
        var issued = 0
    }

    private let state = Mutex(State())
    private let prefix = "hemicycle_" + String(UInt64.random(in: 0...UInt64.max), radix: 36) + "_"

    /// The name the statement is kept under, or nothing when it runs unnamed (too many texts kept, or its name
    /// retired too often).
    func name(for key: Key) -> String? {
        state.withLock { state in
            if let name = state.names[key] { return name }
            guard state.names.count < Self.capacity, state.retired[key, default: 0] < Self.retirements else { return nil }
            state.issued += 1
            let name = prefix + String(state.issued)
            state.names[key] = name
            return name
        }
    }

    /// Stops using a name whose preparation failed or whose table changed; the statement is prepared again under a new
    /// name. Another run that failed under the same name finds it already retired.
    func retire(_ name: String, for key: Key) {
        state.withLock { state in
            guard state.names[key] == name else { return }
            state.names[key] = nil
            state.retired[key, default: 0] += 1
        }
    }

    /// Whether an error leaves the name unusable on the connection: PostgresNIO remembers a failed preparation (the
    /// statement wrong for the schema, class 42; a transaction already aborted, 25P02; a statement name unknown,
    /// 26000), and PostgreSQL refuses a kept statement whose table changed its columns.
    static func retires(_ error: PSQLError) -> Bool {
        guard error.code == .server, let state = error.serverInfo?[.sqlState] else { return false }
        return state.hasPrefix("42") || state == "25P02" || state == "26000" || isChangedPlan(error)
    }

    /// PostgreSQL's refusal of a kept statement whose result would have other columns ("cached plan must not change
    /// result type": feature_not_supported, raised while checking the kept plan).
    static func isChangedPlan(_ error: PSQLError) -> Bool {
        error.code == .server && error.serverInfo?[.sqlState] == "0A000"
            && error.serverInfo?[.routine] == "RevalidateCachedQuery"
    }

    /// Whether a statement is a plain read, the only kind kept: writes are rare, and one that fails on a constraint
    /// would be prepared again every time (a `WITH` may hold a write, so it is not kept either).
    static func isRead(_ sql: String) -> Bool {
        sql.drop(while: \.isWhitespace).prefix(6).uppercased() == "SELECT"
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
