import SQLKit

/// A consultation's questionnaire: its questions (`consultation_questions`: the kind, the prompt, the options one a
/// line, in order), and each participant's answer to each (`consultation_answers`, one per participant and question by
/// primary key: the indexes of the options chosen, or the text).
struct CreateConsultationQuestionnaires: Migration {
    let name = "CreateConsultationQuestionnaires"

    func prepare(on sql: any SQLDatabase) async throws {
        let double = SQLDataType.custom(SQLRaw("DOUBLE PRECISION"))
        try await sql.create(table: "consultation_questions")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("consultation_id", type: .bigint, .notNull, .references("consultations", "id", onDelete: .cascade))
            .column("position", type: .int, .notNull)
            .column("kind", type: .text, .notNull)
            .column("prompt", type: .text, .notNull)
            .column("options", type: .text, .notNull)
            .column("created_at", type: double, .notNull)
            .run()
        try await sql.create(index: "consultation_questions_position").on("consultation_questions").column("consultation_id").column("position").run()
        try await sql.create(table: "consultation_answers")
            .column("question_id", type: .bigint, .notNull, .references("consultation_questions", "id", onDelete: .cascade))
            .column("participant_id", type: .bigint, .notNull, .references("consultation_participants", "id", onDelete: .cascade))
            .column("value", type: .text, .notNull)
            .column("answered_at", type: double, .notNull)
            .primaryKey("question_id", "participant_id")
            .run()
    }
}
