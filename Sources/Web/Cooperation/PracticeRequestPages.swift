/// The questions a council asked its partners, for whoever may read them, and the form to ask one.
struct PracticeRequestListPage: Encodable {
    struct Row: Encodable {
        let url: String
        let question: String
        let theme: String?
        let asked: String
        let answers: String
    }

    struct AskForm: Encodable {
        let action: String
        let themes: [SelectOption]
        let question: String
        let details: String
        let error: String?
    }

    let rows: [Row]
    let hasRows: Bool
    let form: AskForm?
    let backURL: String
}

/// One question: its answers (a partner's note each), and for a partner's secretariat, the form to answer.
struct PracticeRequestPage: Encodable {
    struct Answer: Encodable {
        let council: String
        let title: String
        let url: String
        let lang: String
        let dir: String
    }

    struct AnswerForm: Encodable {
        let action: String
        let notes: [SelectOption]
        let error: String?
    }

    let question: String
    let details: String?
    let theme: String?
    let asked: String
    let answers: [Answer]
    let hasAnswers: Bool
    let answerForm: AnswerForm?
    let withdrawAction: String?
    let backURL: String
}
