import SQLKit

/// Sessions findable by account, so a password change, a reset or an erasure signs the person out everywhere.
struct UpdatePersistAddAccountID: Migration {
    let name = "UpdatePersistAddAccountID"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.alter(table: "persist").column("account_id", type: .bigint).run()
        try await sql.create(index: "persist_account").on("persist").column("account_id").run()
    }
}
