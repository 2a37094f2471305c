/// Citizen consultations' pages and forms, under the `/{council}` group.
enum ConsultationPaths {
    static let list = Path1("/{council}/consultations")
    static let new = Path1("/{council}/consultations/new")
    /// A consultation made from a Polis export (the form, then its files).
    static let importPolis = Path1("/{council}/consultations/import")
    /// The consultation: what it is about, and the next statement to vote on.
    static let item = Path2("/{council}/consultations/{id}")
    static let edit = Path2("/{council}/consultations/{id}/edit")
    static let publish = Path2("/{council}/consultations/{id}/publish")
    /// Participants' statements (POST), and the council's seed statements.
    static let statements = Path2("/{council}/consultations/{id}/statements")
    static let vote = Path3("/{council}/consultations/{id}/statements/{statement}/vote")
    static let moderation = Path2("/{council}/consultations/{id}/moderation")
    static let moderate = Path3("/{council}/consultations/{id}/statements/{statement}/moderate")
    static let map = Path2("/{council}/consultations/{id}/map")
    static let export = Path2("/{council}/consultations/{id}/export")
    /// One file of the export: Polis's CSVs and the open data JSON.
    static let exportFile = Path3("/{council}/consultations/{id}/export/{file}")

    /// Participants' proposals: the list (and a new one), one with its comments, and what is done to it.
    static let proposals = Path2("/{council}/consultations/{id}/proposals")
    static let proposal = Path3("/{council}/consultations/{id}/proposals/{proposal}")
    static let support = Path3("/{council}/consultations/{id}/proposals/{proposal}/support")
    static let comments = Path3("/{council}/consultations/{id}/proposals/{proposal}/comments")
    static let answer = Path3("/{council}/consultations/{id}/proposals/{proposal}/answer")
    static let hideProposal = Path3("/{council}/consultations/{id}/proposals/{proposal}/hide")
    static let acceptProposal = Path3("/{council}/consultations/{id}/proposals/{proposal}/accept")
    /// A person's declaration on their honour (birth date, residence), where a consultation asks it.
    static let declaration = Path2("/{council}/consultations/{id}/declaration")
    /// The council's list of the people who may take part where a consultation asks it (the secretariat's).
    static let participantList = Path1("/{council}/consultations/participants")
    /// The questionnaire: its questions to answer (and the answers, POST), its results; the secretariat's questions.
    static let questionnaire = Path2("/{council}/consultations/{id}/questionnaire")
    static let questions = Path2("/{council}/consultations/{id}/questions")
    static let removeQuestion = Path3("/{council}/consultations/{id}/questions/{question}/remove")
    /// The council's synthesis of a closed consultation (the form, then its publication).
    static let synthesis = Path2("/{council}/consultations/{id}/synthesis")

    static let all: [any DeclaredPath] = [
        list, new, importPolis, item, edit, publish, statements, vote, moderation, moderate, map, export, exportFile,
        proposals, proposal, support, comments, answer, hideProposal, acceptProposal, synthesis, declaration, participantList,
        questionnaire, questions, removeQuestion,
    ]
}
