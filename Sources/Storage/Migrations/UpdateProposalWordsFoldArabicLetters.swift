import SQLKit

/// The proposals' words made again: the search now reads the taa marbuta as a haa, the alef maqsura as a yaa and the
/// alef wasla as an alef (`SearchWords.version` 2), so the words indexed before would no longer be found.
struct UpdateProposalWordsFoldArabicLetters: Migration {
    let name = "UpdateProposalWordsFoldArabicLetters"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.delete(from: "consultation_proposal_words").run()
        try await ProposalWords.indexAll(on: sql)
    }
}
