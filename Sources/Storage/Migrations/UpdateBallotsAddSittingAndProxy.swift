import SQLKit

/// A ballot belongs to the sitting it was held at (`ballots.sitting_id`, forgotten with the sitting, not the ballot),
/// and a vote cast by proxy names the member who cast it (`ballot_votes.cast_by`; the vote is the giver's).
struct UpdateBallotsAddSittingAndProxy: Migration {
    let name = "UpdateBallotsAddSittingAndProxy"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.raw("ALTER TABLE ballots ADD COLUMN sitting_id BIGINT REFERENCES sittings(id) ON DELETE SET NULL").run()
        try await sql.create(index: "ballots_sitting").on("ballots").column("sitting_id").run()
        try await sql.raw("ALTER TABLE ballot_votes ADD COLUMN cast_by BIGINT REFERENCES memberships(id) ON DELETE SET NULL").run()
    }
}
