import Consultations
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// A consultation's questionnaire: the secretariat writes its questions before the consultation opens; participants
/// answer them while it is open (and change their answers until it closes); the results, counted in the database, are
/// shown to the secretariat at once and to everyone once the consultation is closed.
struct QuestionnaireRoutes {
    let services: ConsultationServices
    let pages: Pages

    /// The latest text answers the secretariat reads on the page (the open-data export never holds free answers).
    static let textsShown = 50

    func register(in council: PathRegistrar) {
        council.get(ConsultationPaths.questionnaire, use: page)
        council.post(ConsultationPaths.questionnaire, use: answer)
        council.post(ConsultationPaths.questions, use: addQuestion)
        council.post(ConsultationPaths.removeQuestion, use: removeQuestion)
    }

    var proposals: ConsultationProposalRoutes { ConsultationProposalRoutes(services: services, pages: pages) }

    func gate(_ request: Request, _ context: AppContext) async throws -> ConsultationGate {
        let gate = try await ConsultationGate.load(services: services, context: context, request: request)
        guard gate.modules.contains(.questionnaire) else { throw PageError.notFound }
        return gate
    }

    static func definition(_ record: ConsultationQuestionRecord) -> QuestionDefinition {
        QuestionDefinition(stored: QuestionKind(rawValue: record.kind) ?? .text, prompt: record.prompt, options: record.options)
    }

    @Sendable func page(_ request: Request, context: AppContext) async throws -> HTML {
        try await render(try await gate(request, context), request: request, context: context)
    }

    func render(_ gate: ConsultationGate, request: Request, context: AppContext, error: String? = nil, typed: [Int64: [String]]? = nil,
                status: HTTPResponse.Status = .ok) async throws -> HTML {
        let slug = gate.council.slug, id = gate.record.id
        let format = Formatting(language: context.language, council: gate.council)
        let questions = try await services.questionnaires.questions(consultationID: id)
        let participate = gate.decide(.participate(eligible: gate.eligible))
        let mine = if let participant = gate.participant {
            try await services.questionnaires.answers(consultationID: id, participantID: participant)
        } else { [Int64: String]() }
        let showsResults = gate.may(.seeQuestionnaireResults)
        let counts = showsResults ? try await services.questionnaires.counts(consultationID: id) : [:]
        let editing = gate.may(.editQuestions), staff = gate.actor.council.isSecretariat
        var rows: [QuestionnairePage.Question] = []
        for (index, record) in questions.enumerated() {
            let question = Self.definition(record)
            let chosen: Set<String>, text: String
            if let typed = typed?[record.id] {
                chosen = Set(typed)
                text = typed.first ?? ""
            } else if let stored = mine[record.id] {
                switch QuestionAnswer(stored: stored, kind: question.kind) {
                case .choices(let indexes): (chosen, text) = (Set(indexes.map(String.init)), "")
                case .text(let typed): (chosen, text) = ([], typed)
                }
            } else {
                (chosen, text) = ([], "")
            }
            var results: [QuestionnairePage.Result] = []
            var answered: String?
            if showsResults {
                let tally = QuestionTally(question: question, counted: counts[record.id] ?? [:])
                answered = pages.plural("consultation_question_answered", count: tally.answered, context, format: format)
                results = question.options.enumerated().map { option, label in
                    let share = tally.answered > 0 ? Double(tally.counts[option]) / Double(tally.answered) : 0
                    return QuestionnairePage.Result(label: label, figures: pages.plural("consultation_question_option_count", count: tally.counts[option], context,
                                                                                      format: format, ["share": format.percent(share)]),
                                                    share: share, id: "q\(record.id)-result-\(option)")
                }
            }
            let texts = staff && question.kind == .text && showsResults
                ? try await services.questionnaires.texts(questionID: record.id, limit: Self.textsShown) : []
            rows.append(QuestionnairePage.Question(
                number: index + 1, prompt: record.prompt, name: "q\(record.id)", isText: question.kind == .text, isMultiple: question.kind == .multiple,
                options: question.options.enumerated().map { option, label in
                    .init(value: "\(option)", label: label, checked: chosen.contains("\(option)"), id: "q\(record.id)-\(option)")
                },
                text: question.kind == .text ? text : "", maximumLength: QuestionAnswer.longestText,
                kindLabel: pages.text("consultation_question_kind_\(question.kind.rawValue)", context),
                results: results, hasResults: !results.isEmpty, answered: answered, texts: texts, hasTexts: !texts.isEmpty,
                removeAction: editing ? ConsultationPaths.removeQuestion.url(slug, id, record.id) : nil))
        }
        let note: String? = participate.isAllowed || gate.phase == .draft ? nil
            : ParticipationRoutes(services: services, pages: pages).participationNote(gate, decision: participate, context: context, format: format)
        let model = QuestionnairePage(
            consultation: pages.localized(gate.record.title, context.language, councilDefault: gate.council.language),
            backURL: ConsultationPaths.item.url(slug, id), questions: rows, hasQuestions: !rows.isEmpty,
            answerAction: participate.isAllowed && !rows.isEmpty ? ConsultationPaths.questionnaire.url(slug, id) : nil,
            stamp: try await services.stamps.stamp(consultationID: id, csrf: context.csrfToken, now: gate.now),
            resultsNote: showsResults ? nil : pages.text("consultation_questionnaire_results_later", context),
            participationNote: note,
            addAction: editing ? ConsultationPaths.questions.url(slug, id) : nil,
            kinds: QuestionKind.allCases.map { SelectOption(value: $0.rawValue, label: pages.text("consultation_question_kind_\($0.rawValue)", context),
                                                            selected: $0 == .single) },
            error: error)
        return try await pages.page("consultation-questionnaire", title: pages.text("consultation_questionnaire_title", context), request: request,
                                    context: context, council: gate.council, typed: model, status: status)
    }

    /// A participant's answers to every question at once; a question left blank has no answer.
    @Sendable func answer(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await gate(request, context)
        try pages.require(gate.decide(.participate(eligible: gate.eligible)), context)
        let questions = try await services.questionnaires.questions(consultationID: gate.record.id)
        var answers: [Int64: String?] = [:], typed: [Int64: [String]] = [:]
        var problem: String?
        for record in questions {
            let values = context.form.all("q\(record.id)")
            typed[record.id] = values
            do {
                // A blank answer is kept as nil (assigning nil through the subscript would drop the question).
                answers.updateValue(try QuestionAnswer.read(values, for: Self.definition(record))?.stored, forKey: record.id)
            } catch .unknownOption {
                problem = "consultation_error_answer_option"
            } catch .textTooLong {
                problem = "consultation_error_answer_length"
            }
        }
        if let problem {
            return try await render(gate, request: request, context: context, error: pages.text(problem, context), typed: typed,
                                    status: .unprocessableContent).response(from: request, context: context)
        }
        let (participant, identity) = try await proposals.contributor(gate, request: request, context: context)
        try await gate.write {
            try await services.questionnaires.answer(consultationID: gate.record.id, participantID: participant, answers,
                                                     at: services.clock.now().timeIntervalSince1970)
        }
        var response = Response.redirect(to: SiteURL.with(ConsultationPaths.questionnaire.url(gate.council.slug, gate.record.id),
                                                          notice: "consultation_questionnaire_recorded"), type: .normal)
        ParticipantCookie.attach(identity, to: &response, secure: services.secureCookies)
        return response
    }

    @Sendable func addQuestion(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await gate(request, context)
        try pages.require(gate.decide(.editQuestions), context)
        guard let kind = context.form.text("kind").flatMap(QuestionKind.init(rawValue:)) else {
            throw PageError(.unprocessableContent, "consultation_error_question_kind")
        }
        let question: QuestionDefinition
        do {
            question = try QuestionDefinition(kind: kind, prompt: context.form["prompt"] ?? "", options: context.form["options"] ?? "")
        } catch {
            let key = switch error {
            case .emptyPrompt: "consultation_error_question_prompt"
            case .promptTooLong: "consultation_error_question_prompt_length"
            case .options: "consultation_error_question_options"
            }
            return try await render(gate, request: request, context: context, error: pages.text(key, context), status: .unprocessableContent)
                .response(from: request, context: context)
        }
        _ = try await gate.write(conflict: "consultation_conflict_questions") {
            try await services.questionnaires.add(consultationID: gate.record.id, councilID: gate.council.id, kind: question.kind.rawValue,
                                                  prompt: question.prompt, options: question.options, limit: QuestionDefinition.mostQuestions,
                                                  at: services.clock.now().timeIntervalSince1970)
        }
        return .redirect(to: SiteURL.with(ConsultationPaths.questionnaire.url(gate.council.slug, gate.record.id), notice: "saved"), type: .normal)
    }

    @Sendable func removeQuestion(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await gate(request, context)
        try pages.require(gate.decide(.editQuestions), context)
        guard let question = context.parameters.get("question", as: Int64.self) else { throw PageError.notFound }
        try await gate.write(conflict: "consultation_conflict_questions") {
            try await services.questionnaires.remove(questionID: question, consultationID: gate.record.id, councilID: gate.council.id,
                                                     at: services.clock.now().timeIntervalSince1970)
        }
        return .redirect(to: SiteURL.with(ConsultationPaths.questionnaire.url(gate.council.slug, gate.record.id), notice: "saved"), type: .normal)
    }
}

/// The questionnaire page: each question with its form field and, when they are shown, its results.
struct QuestionnairePage: Encodable {
    struct Option: Encodable {
        let value: String
        let label: String
        let checked: Bool
        let id: String
    }

    struct Result: Encodable {
        let label: String
        let figures: String
        /// The share of those who answered, 0 to 1, drawn by a `<progress>` as the petitions' counts are.
        let share: Double
        let id: String
    }

    struct Question: Encodable {
        let number: Int
        let prompt: String
        let name: String
        let isText: Bool
        let isMultiple: Bool
        let options: [Option]
        let text: String
        let maximumLength: Int
        let kindLabel: String
        let results: [Result]
        let hasResults: Bool
        let answered: String?
        let texts: [String]
        let hasTexts: Bool
        let removeAction: String?
    }

    /// The consultation's title (the page's own `title` is the layout's).
    let consultation: LocalizedView
    let backURL: String
    let questions: [Question]
    let hasQuestions: Bool
    let answerAction: String?
    let stamp: String
    let resultsNote: String?
    let participationNote: String?
    let addAction: String?
    let kinds: [SelectOption]
    let error: String?
}
