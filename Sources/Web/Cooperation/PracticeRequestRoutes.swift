import Cooperation
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// The questions a council asks its partners (`/{council}/practices/requests`): its secretariat asks ("how do you
/// organise your plenary sittings?"), filed under a theme; the secretariats of the councils with an agreement in force
/// with it answer with their own notes; the members and secretariats of both read the thread.
enum PracticeRequestPaths {
    static let list = Path1("/{council}/practices/requests")
    static let item = Path2("/{council}/practices/requests/{id}")
    static let answers = Path2("/{council}/practices/requests/{id}/answers")
    static let withdraw = Path2("/{council}/practices/requests/{id}/delete")

    static let all: [any DeclaredPath] = [list, item, answers, withdraw]
}

struct PracticeRequestRoutes {
    let services: PracticeServices
    let requests: PracticeRequestRepository
    let councils: CouncilRepository
    let accounts: AccountRepository
    let mailer: Mailer
    let pages: Pages

    func register(in council: PathRegistrar) {
        council.get(PracticeRequestPaths.list, use: list)
        council.post(PracticeRequestPaths.list, use: ask)
        council.get(PracticeRequestPaths.item, use: item)
        council.post(PracticeRequestPaths.answers, use: answer)
        council.post(PracticeRequestPaths.withdraw, use: withdraw)
    }

    /// Whether the signed-in person reads the council's questions: inside it, or in a council that is its partner today.
    func reader(_ scope: CouncilScope, _ context: AppContext) async throws -> PracticeReader {
        let readers = try await services.readers(scope, account: context.account)
        return PracticeReader(isInside: readers.isInside, isPartner: !readers.councils.isDisjoint(with: readers.partners))
    }

    func readable(_ context: AppContext) async throws -> CouncilScope {
        let scope = try context.inCouncil()
        guard PracticeRequestRules.mayRead(try await reader(scope, context)) else {
            // A visitor is asked to sign in; anyone else is refused.
            if context.account == nil { throw PageError(.unauthorized, "practice_request_refused") }
            throw PageError(.forbidden, "practice_request_refused")
        }
        return scope
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> HTML {
        try await listPage(request, context, values: [:], error: nil)
    }

    func listPage(_ request: Request, _ context: AppContext, values: [String: String], error: String?,
                  status: HTTPResponse.Status = .ok) async throws -> HTML {
        let scope = try await readable(context)
        let council = scope.council, language = context.language, format = Formatting(language: language, council: council)
        let themes = try await services.agreements.themes()
        let themeNames = Dictionary(themes.map { ($0.id, pages.localized($0.name, language).text) }, uniquingKeysWith: { first, _ in first })
        let answers = try await requests.answers(councilID: council.id)
        // The questions of one theme (`?theme=`), as its library's filter shows its notes.
        let themeFilter = request.uri.queryParameters.get("theme").flatMap { slug in themes.first { $0.slug == slug } }
        var rows: [PracticeRequestListPage.Row] = []
        for asked in try await requests.all(councilID: council.id) where themeFilter == nil || asked.themeId == themeFilter?.id {
            // Counted as shown: only the answers whose note the reader may read.
            let count = try await visible(answers[asked.id] ?? [], context).count
            rows.append(PracticeRequestListPage.Row(
                url: PracticeRequestPaths.item.url(council.slug, asked.id), question: asked.question, theme: asked.themeId.flatMap { themeNames[$0] },
                asked: pages.text("practice_request_asked", context, ["date": format.date(Date(timeIntervalSince1970: asked.createdAt))]),
                answers: pages.plural("practice_request_answers_count", count: count, context, format: format)))
        }
        let form = PracticeRequestRules.mayAsk(scope.actor).isAllowed ? PracticeRequestListPage.AskForm(
            action: PracticeRequestPaths.list.url(council.slug),
            themes: themes.map { SelectOption(value: "\($0.id)", label: pages.localized($0.name, language).text, selected: values["theme"] == "\($0.id)") },
            question: values["question"] ?? "", details: values["details"] ?? "", error: error) : nil
        let model = PracticeRequestListPage(rows: rows, hasRows: !rows.isEmpty, form: form, backURL: PracticePaths.list.url(council.slug))
        return try await pages.page("practice-requests", title: pages.text("practice_requests_title", context), request: request, context: context,
                                    council: council, typed: model, status: status)
    }

    @Sendable func ask(_ request: Request, context: AppContext) async throws -> Response {
        let scope = try context.inCouncil()
        try pages.require(PracticeRequestRules.mayAsk(scope.actor), context)
        let form = context.form
        let text = { (name: String) in Validate.storable(form[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        let values = ["question": text("question"), "details": text("details"), "theme": text("theme")]
        func again(_ key: String) async throws -> Response {
            try await listPage(request, context, values: values, error: pages.text(key, context), status: .unprocessableContent)
                .response(from: request, context: context)
        }
        let draft = PracticeRequestDraft(question: text("question"), details: text("details"))
        if let problem = draft.problem() { return try await again(problem) }
        var theme: Int64?
        if !text("theme").isEmpty {
            guard let id = Int64(text("theme")) else { return try await again("agreement_error_themes") }
            theme = id
        }
        do {
            let id = try await requests.ask(councilID: scope.council.id, themeID: theme, question: draft.question, details: draft.details,
                                            at: services.clock.now().timeIntervalSince1970)
            return .redirect(to: SiteURL.with(PracticeRequestPaths.item.url(scope.slug, id), notice: "saved"), type: .normal)
        } catch StoreError.notFound {
            return try await again("agreement_error_themes")
        }
    }

    func asked(_ context: AppContext) async throws -> (CouncilScope, PracticeRequestRecord) {
        let scope = try await readable(context)
        guard let id = context.parameters.get("id", as: Int64.self), let asked = try await requests.find(id: id, councilID: scope.council.id)
        else { throw PageError.notFound }
        return (scope, asked)
    }

    /// The answers whose note the signed-in person may read, where its council keeps it (a note narrowed since, or kept
    /// from another partner, is neither shown nor counted), with the council that gave each.
    func visible(_ answers: [PracticeAnswerRecord], _ context: AppContext) async throws -> [(Council, PracticeNoteRecord)] {
        var result: [(Council, PracticeNoteRecord)] = []
        for answer in answers {
            guard let writer = try await councils.find(id: answer.councilId),
                  let note = try await services.notes.find(id: answer.noteId, councilID: answer.councilId) else { continue }
            let writerScope = try await CouncilScope.resolve(writer, account: context.account, memberships: services.memberships)
            let readers = try await services.withNetworks(try await services.readers(writerScope, account: context.account), for: [note])
            guard PracticeRules.mayRead(PracticeAudience(rawValue: note.audience) ?? .council, by: readers.reader(for: note)) else { continue }
            result.append((writer, note))
        }
        return result
    }

    /// The councils the signed-in person keeps the secretariat of, among the asking council's partners today.
    func answeringCouncils(_ scope: CouncilScope, _ context: AppContext) async throws -> [Council] {
        guard let account = context.account else { return [] }
        let readers = try await services.readers(scope, account: context.account)
        var result: [Council] = []
        for seat in try await services.memberships.all(accountID: account.id) where readers.partners.contains(seat.councilId) {
            guard Site.actor(account, seat).isSecretariat, let council = try await councils.find(id: seat.councilId) else { continue }
            result.append(council)
        }
        return result
    }

    /// Whether `note` may be given in answer to `scope`'s council: open to it as a partner, or through a network it is in.
    func decision(_ note: PracticeNoteRecord, to scope: CouncilScope) async throws -> Decision {
        var inNetwork = false
        if let network = note.networkId {
            inNetwork = try await services.networks.members(networkID: network).contains { $0.councilId == scope.council.id }
        }
        return PracticeRequestRules.mayAnswer(isPartnersSecretariat: true, with: PracticeAudience(rawValue: note.audience) ?? .council,
                                              askerInNetwork: inNetwork)
    }

    @Sendable func item(_ request: Request, context: AppContext) async throws -> HTML {
        try await itemPage(request, context, error: nil)
    }

    func itemPage(_ request: Request, _ context: AppContext, error: String?, status: HTTPResponse.Status = .ok) async throws -> HTML {
        let (scope, asked) = try await asked(context)
        let council = scope.council, language = context.language, format = Formatting(language: language, council: council)
        let theme = try await services.agreements.themes().first { $0.id == asked.themeId }
        let answers = try await visible(try await requests.answers(councilID: council.id)[asked.id] ?? [], context).map { writer, note in
            PracticeRequestPage.Answer(
                council: pages.localized(writer.name, language, councilDefault: writer.language).text, title: note.title,
                url: PracticePaths.item.url(writer.slug, note.id), lang: note.language, dir: Language(rawValue: note.language)?.direction ?? "auto")
        }
        var options: [SelectOption] = []
        for answering in try await answeringCouncils(scope, context) {
            for note in try await services.notes.all(councilID: answering.id) where try await decision(note, to: scope).isAllowed {
                options.append(SelectOption(value: "\(note.id)", label: note.title, selected: false))
            }
        }
        let model = PracticeRequestPage(
            question: asked.question, details: asked.details.nilIfEmpty, theme: theme.map { pages.localized($0.name, language).text },
            asked: pages.text("practice_request_asked", context, ["date": format.date(Date(timeIntervalSince1970: asked.createdAt))]),
            answers: answers, hasAnswers: !answers.isEmpty,
            answerForm: options.isEmpty ? nil : PracticeRequestPage.AnswerForm(action: PracticeRequestPaths.answers.url(council.slug, asked.id),
                                                                              notes: options, error: error),
            withdrawAction: PracticeRequestRules.mayAsk(scope.actor).isAllowed ? PracticeRequestPaths.withdraw.url(council.slug, asked.id) : nil,
            backURL: PracticeRequestPaths.list.url(council.slug))
        return try await pages.page("practice-request", title: asked.question, request: request, context: context, council: council, typed: model,
                                    status: status)
    }

    /// A partner's secretariat gives one of its council's notes; the right and the note are checked here, whatever the
    /// form offered.
    @Sendable func answer(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, asked) = try await asked(context)
        guard let raw = context.form.text("note"), let noteID = Int64(raw) else { throw PageError(.unprocessableContent, "error_malformed_form") }
        let answering = try await answeringCouncils(scope, context)
        try pages.require(answering.isEmpty ? .forbidden("practice_request_answer_refused") : .allowed, context)
        guard let note = try await answering.asyncFirst(where: { try await services.notes.find(id: noteID, councilID: $0.id) }) else {
            // Not a note of a council they keep the secretariat of.
            throw PageError(.forbidden, "practice_request_answer_refused")
        }
        let decision = try await decision(note, to: scope)
        guard decision.isAllowed else {
            return try await itemPage(request, context, error: pages.text("practice_request_answer_hidden_note", context), status: .conflict)
                .response(from: request, context: context)
        }
        if try await requests.answer(requestID: asked.id, noteID: note.id, answeringCouncilID: note.councilId, at: services.clock.now().timeIntervalSince1970),
           let partner = answering.first(where: { $0.id == note.councilId }) {
            try await tellSecretariat(scope.council, partner: partner, asked: asked, note: note)
        }
        return .redirect(to: SiteURL.with(PracticeRequestPaths.item.url(scope.slug, asked.id), notice: "saved") + "#answers", type: .normal)
    }

    /// The asking council's secretariat learns of a new answer, each in their language.
    func tellSecretariat(_ council: Council, partner: Council, asked: PracticeRequestRecord, note: PracticeNoteRecord) async throws {
        for seat in try await services.memberships.all(councilID: council.id) where seat.isCurrent && (seat.roleValue == .staff || seat.roleValue == .administrator) {
            let language = try await accounts.find(id: seat.accountId)?.language ?? council.language
            try await mailer.sendPracticeAnswer(
                to: seat.email, partner: pages.localized(partner.name, language, councilDefault: partner.language).text, question: asked.question,
                note: note.title, link: PracticeRequestPaths.item.url(council.slug, asked.id) + "#answers", language: language)
        }
    }

    @Sendable func withdraw(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, asked) = try await asked(context)
        try pages.require(PracticeRequestRules.mayAsk(scope.actor), context)
        try await requests.withdraw(id: asked.id, councilID: scope.council.id)
        return .redirect(to: SiteURL.with(PracticeRequestPaths.list.url(scope.slug), notice: "deleted"), type: .normal)
    }
}
