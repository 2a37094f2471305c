import SQLKit

/// The agreement a mission serves (`missions.agreement_id`): one the sending council is party to; forgotten, not the
/// mission, when the agreement is removed.
struct UpdateMissionsAddAgreement: Migration {
    let name = "UpdateMissionsAddAgreement"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.raw("ALTER TABLE missions ADD COLUMN agreement_id BIGINT REFERENCES agreements(id) ON DELETE SET NULL").run()
        try await sql.create(index: "missions_agreement").on("missions").column("agreement_id").run()
    }
}
