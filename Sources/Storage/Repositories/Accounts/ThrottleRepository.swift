import Foundation
import SQLKit

/// Attempt counters in fixed windows, one row per key, incremented in one statement so that parallel requests
/// each see their own count (never all the same stale one).
public struct ThrottleRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// Counts one attempt for `key` and returns the count in the current window (a window older than `window`
    /// seconds starts again at 1) and when that window started.
    public func hit(_ key: String, window: Double, now: Date) async throws -> (count: Int, windowStart: Double) {
        let time = now.timeIntervalSince1970
        return try await database.withSQL { sql in
            let row = try await sql.raw("""
                INSERT INTO throttle_counters (key, window_start, count) VALUES (\(bind: key), \(bind: time), 1)
                ON CONFLICT (key) DO UPDATE SET
                  count = CASE WHEN throttle_counters.window_start <= \(bind: time - window) THEN 1 ELSE throttle_counters.count + 1 END,
                  window_start = CASE WHEN throttle_counters.window_start <= \(bind: time - window) THEN \(bind: time) ELSE throttle_counters.window_start END
                RETURNING count, window_start
                """).first()
            guard let row else { return (1, time) }
            return (try row.decode(column: "count", as: Int.self), try row.decode(column: "window_start", as: Double.self))
        }
    }

    /// Forgets the attempts of `key` (after a success).
    public func reset(_ key: String) async throws {
        try await database.withSQL { sql in
            try await sql.delete(from: "throttle_counters").where("key", .equal, key).run()
        }
    }

    /// Forgets counters whose window started before `date` (every window is shorter than a day): the table holds
    /// only what is being counted.
    public func removeStale(before date: Date) async throws {
        try await database.withSQL { sql in
            try await sql.delete(from: "throttle_counters").where("window_start", .lessThan, date.timeIntervalSince1970).run()
        }
    }

    /// Gives one attempt back (a success that should not count against a shared client address).
    public func release(_ key: String) async throws {
        try await database.withSQL { sql in
            try await sql.raw("UPDATE throttle_counters SET count = count - 1 WHERE key = \(bind: key) AND count > 0").run()
        }
    }
}
