import SQLKit

/// Sessions stored before `persist.account_id` existed name no account there, so a password change, a reset or an
/// erasure could not sign them out: they end (their holders sign in again once). Other entries are kept.
struct UpdatePersistEndSessionsWithoutAccount: Migration {
    let name = "UpdatePersistEndSessionsWithoutAccount"

    /// The session middleware's key prefix (hummingbird-auth's default, which the application keeps).
    static let sessionKeyPrefix = "hbs."

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM persist WHERE account_id IS NULL AND key LIKE \(bind: Self.sessionKeyPrefix + "%")").run()
    }
}
