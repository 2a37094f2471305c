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
        try await services.readers(scope, account: context.account).councilReader
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
        let answers = try await visible(try await requests.answers(councilID: council.id), context)
        // The questions of one theme (`?theme=`), as its library's filter shows its notes.
        let themeFilter = request.uri.queryParameters.get("theme").flatMap { slug in themes.first { $0.slug == slug } }
        var rows: [PracticeRequestListPage.Row] = []
        for asked in try await requests.all(councilID: council.id) where themeFilter == nil || asked.themeId == themeFilter?.id {
            // Counted as shown: only the answers whose note the reader may read.
            let count = answers[asked.id]?.count ?? 0
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

    /// The answers (by question) whose note the signed-in person may read, where its council keeps it (a note narrowed
    /// since, or kept from another partner, is neither shown nor counted), with the council that gave each. Who reads
    /// what is worked out once for each council that answered.
    func visible(_ answers: [Int64: [PracticeAnswerRecord]], _ context: AppContext) async throws -> [Int64: [(Council, PracticeNoteRecord)]] {
        let all = answers.values.flatMap { $0 }
        guard !all.isEmpty else { return [:] }
        let writers = Dictionary(try await councils.all().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var notes: [Int64: PracticeNoteRecord] = [:]
        for answer in all where notes[answer.noteId] == nil {
            notes[answer.noteId] = try await services.notes.find(id: answer.noteId, councilID: answer.councilId)
        }
        var readers: [Int64: PracticeServices.Readers] = [:]
        for councilID in Set(all.map(\.councilId)) {
            guard let writer = writers[councilID] else { continue }
            let scope = try await CouncilScope.resolve(writer, account: context.account, memberships: services.memberships)
            readers[councilID] = try await services.withNetworks(try await services.readers(scope, account: context.account),
                                                                for: notes.values.filter { $0.councilId == councilID })
        }
        return answers.mapValues { list in
            list.compactMap { answer in
                guard let writer = writers[answer.councilId], let note = notes[answer.noteId], let reader = readers[answer.councilId],
                      PracticeRules.mayRead(PracticeAudience(rawValue: note.audience) ?? .council, by: reader.reader(for: note))
                else { return nil }
                return (writer, note)
            }
        }
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

    /// Whether `note` may be given in answer to the asking council by someone who does (or does not) keep the
    /// secretariat of a partner: open to the asker as a partner, or through a network it is in (`askerNetworks`).
    func decision(_ note: PracticeNoteRecord, isPartnersSecretariat: Bool, askerNetworks: Set<Int64>) -> Decision {
        PracticeRequestRules.mayAnswer(isPartnersSecretariat: isPartnersSecretariat, with: PracticeAudience(rawValue: note.audience) ?? .council,
                                       askerInNetwork: note.networkId.map(askerNetworks.contains) ?? false)
    }

    func networks(of council: Council) async throws -> Set<Int64> {
        Set(try await services.networks.networks(councilID: council.id).map(\.id))
    }

    @Sendable func item(_ request: Request, context: AppContext) async throws -> HTML {
        try await itemPage(request, context, error: nil)
    }

    func itemPage(_ request: Request, _ context: AppContext, error: String?, status: HTTPResponse.Status = .ok) async throws -> HTML {
        let (scope, asked) = try await asked(context)
        let council = scope.council, language = context.language, format = Formatting(language: language, council: council)
        let theme = try await services.agreements.themes().first { $0.id == asked.themeId }
        let given = try await requests.answers(councilID: council.id)[asked.id] ?? []
        let answers = try await visible([asked.id: given], context)[asked.id, default: []].map { writer, note in
            PracticeRequestPage.Answer(
                council: pages.localized(writer.name, language, councilDefault: writer.language).text, title: note.title,
                url: PracticePaths.item.url(writer.slug, note.id), lang: note.language, dir: Language(rawValue: note.language)?.direction ?? "auto")
        }
        var options: [SelectOption] = []
        let askerNetworks = try await networks(of: council)
        for answering in try await answeringCouncils(scope, context) {
            for note in try await services.notes.all(councilID: answering.id)
            where decision(note, isPartnersSecretariat: true, askerNetworks: askerNetworks).isAllowed {
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
        let decision = decision(note, isPartnersSecretariat: answering.contains { $0.id == note.councilId },
                                askerNetworks: try await networks(of: scope.council))
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
            // The secretariat as the rules see it (an unverified address holds nothing, and is not written to).
            guard let account = try await accounts.find(id: seat.accountId), Site.actor(account, seat).isSecretariat else { continue }
            let language = account.language ?? council.language
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
