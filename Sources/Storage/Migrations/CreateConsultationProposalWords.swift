import HemicycleDomain
import SQLKit

/// Proposals paged by key rather than by offset, and searched through an index of their words.
///
/// `consultation_proposal_words` holds each proposal's distinct words (`SearchWords`, title and text together): a search
/// reads the words that begin with each term from the index, never the proposals' texts. Words compare by their bytes
/// (PostgreSQL's "C" collation, SQLite's default), so that the words beginning with a term are one range of the index.
/// The indexes on the proposals follow the lists' orders to the row, so that any page is a short walk of an index.
struct CreateConsultationProposalWords: Migration {
    let name = "CreateConsultationProposalWords"

    func prepare(on sql: any SQLDatabase) async throws {
        let word = sql.dialect.name == "postgresql" ? SQLDataType.custom(SQLRaw(#"TEXT COLLATE "C""#)) : SQLDataType.text
        try await sql.create(table: "consultation_proposal_words")
            .column("consultation_id", type: .bigint, .notNull, .references("consultations", "id", onDelete: .cascade))
            .column("word", type: word, .notNull)
            .column("proposal_id", type: .bigint, .notNull, .references("consultation_proposals", "id", onDelete: .cascade))
            .primaryKey("consultation_id", "word", "proposal_id")
            .run()
        try await sql.create(index: "consultation_proposal_words_proposal").on("consultation_proposal_words").column("proposal_id").run()
        try await sql.create(index: "consultation_proposals_by_supports").on("consultation_proposals")
            .column("consultation_id").column("supports").column("id").run()
        try await sql.create(index: "consultation_proposals_by_id").on("consultation_proposals").column("consultation_id").column("id").run()
        try await sql.create(index: "consultation_proposals_shown").on("consultation_proposals")
            .column("consultation_id").column("hidden").column("pending").run()
        try await ProposalWords.indexAll(on: sql)
    }
}
