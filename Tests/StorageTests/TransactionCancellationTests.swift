import Foundation
import SQLKit
import Storage
import Testing
import TestSupport

@Suite struct TransactionCancellationTests {
    /// A task cancelled in the middle of a transaction rolls it back, and the connection takes the next transaction:
    /// a ROLLBACK cut short by the cancellation would leave the transaction open and every later BEGIN refused.
    @Test(arguments: TestDatabase.kinds)
    func aCancelledTransactionIsRolledBackAndTheNextOneRuns(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            try await database.transaction { sql in try await sql.raw("CREATE TABLE cancelled_notes (note TEXT)").run() }
            let started = AsyncStream<Void>.makeStream()
            let task = Task {
                try await database.transaction { sql in
                    try await sql.raw("INSERT INTO cancelled_notes (note) VALUES ('never kept')").run()
                    started.continuation.yield()
                    try await Task.sleep(for: .seconds(3_600))  // until cancelled, however busy the machine
                }
            }
            for await _ in started.stream { break }
            task.cancel()
            await #expect(throws: CancellationError.self) { try await task.value }
            for round in 1...3 {
                try await database.transaction { sql in
                    try await sql.raw("INSERT INTO cancelled_notes (note) VALUES (\(bind: "kept \(round)"))").run()
                }
            }
            let notes = try await database.read { sql in
                try await sql.raw("SELECT note FROM cancelled_notes ORDER BY note").all(decodingColumn: "note", as: String.self)
            }
            #expect(notes == ["kept 1", "kept 2", "kept 3"])
        }
    }
}
