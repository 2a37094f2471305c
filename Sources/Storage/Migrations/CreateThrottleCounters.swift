import SQLKit

/// Counters of attempts per key (an address, a client, the pair) in fixed windows, incremented atomically before
/// the work they guard.
struct CreateThrottleCounters: Migration {
    let name = "CreateThrottleCounters"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.create(table: "throttle_counters")
            .column("key", type: .text, .primaryKey(autoIncrement: false))
            .column("window_start", type: .custom(SQLRaw("DOUBLE PRECISION")), .notNull)
            .column("count", type: .int, .notNull)
            .run()
    }
}
