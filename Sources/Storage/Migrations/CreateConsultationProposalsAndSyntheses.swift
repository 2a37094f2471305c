import SQLKit

/// Participants' proposals in a consultation (`consultation_proposals`, with the council's answer and the counts the
/// lists sort by), their supports (`consultation_proposal_supports`, one per participant by primary key), threaded
/// comments (`consultation_proposal_comments`, a reply naming its parent), and the council's synthesis of a closed
/// consultation (`consultation_syntheses`, its text in the council's languages).
struct CreateConsultationProposalsAndSyntheses: Migration {
    let name = "CreateConsultationProposalsAndSyntheses"

    func prepare(on sql: any SQLDatabase) async throws {
        let double = SQLDataType.custom(SQLRaw("DOUBLE PRECISION"))
        let boolean = SQLDataType.custom(SQLRaw("BOOLEAN"))
        try await sql.create(table: "consultation_proposals")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("consultation_id", type: .bigint, .notNull, .references("consultations", "id", onDelete: .cascade))
            .column("participant_id", type: .bigint, .references("consultation_participants", "id", onDelete: .setNull))
            .column("title", type: .text, .notNull)
            .column("body", type: .text, .notNull)
            // Waiting for a moderator (consultations moderated before publication).
            .column("pending", type: boolean, .notNull)
            // Hidden by a moderator, with the reason kept.
            .column("hidden", type: boolean, .notNull)
            .column("hidden_reason", type: .text)
            // The council's answer: under_study, taken, not_retained; its text; who gave it and when.
            .column("answer", type: .text)
            .column("answer_text", type: .text)
            .column("answered_by", type: .bigint, .references("accounts", "id", onDelete: .setNull))
            .column("answered_at", type: double)
            // Kept with each support and each comment shown, in their transaction: the lists sort by them.
            .column("supports", type: .int, .notNull)
            .column("comments", type: .int, .notNull)
            .column("created_at", type: double, .notNull)
            .run()
        try await sql.create(index: "consultation_proposals_supports").on("consultation_proposals")
            .column("consultation_id").column("supports").run()
        try await sql.create(index: "consultation_proposals_created").on("consultation_proposals")
            .column("consultation_id").column("created_at").run()
        try await sql.create(table: "consultation_proposal_supports")
            .column("proposal_id", type: .bigint, .notNull, .references("consultation_proposals", "id", onDelete: .cascade))
            .column("participant_id", type: .bigint, .notNull, .references("consultation_participants", "id", onDelete: .cascade))
            .column("created_at", type: double, .notNull)
            .primaryKey("proposal_id", "participant_id")
            .run()
        try await sql.create(table: "consultation_proposal_comments")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("proposal_id", type: .bigint, .notNull, .references("consultation_proposals", "id", onDelete: .cascade))
            .column("parent_id", type: .bigint, .references("consultation_proposal_comments", "id", onDelete: .cascade))
            .column("participant_id", type: .bigint, .references("consultation_participants", "id", onDelete: .setNull))
            .column("body", type: .text, .notNull)
            .column("pending", type: boolean, .notNull)
            .column("hidden", type: boolean, .notNull)
            .column("hidden_reason", type: .text)
            .column("created_at", type: double, .notNull)
            .run()
        try await sql.create(index: "consultation_proposal_comments_proposal").on("consultation_proposal_comments").column("proposal_id").run()
        try await sql.create(table: "consultation_syntheses")
            .column("consultation_id", type: .bigint, .primaryKey(autoIncrement: false), .references("consultations", "id", onDelete: .cascade))
            .column("text_fr", type: .text).column("text_ar", type: .text).column("text_en", type: .text)
            .column("published_by", type: .bigint, .references("accounts", "id", onDelete: .setNull))
            .column("published_at", type: double, .notNull)
            .run()
    }
}
