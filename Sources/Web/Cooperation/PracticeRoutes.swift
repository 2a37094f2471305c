import Cooperation
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// The council's library of good practice (`/{council}/practices`, see `PracticePaths`): list, search, notes, their
/// documents, and the secretariat's forms.
struct PracticeRoutes {
    let services: PracticeServices
    let pages: Pages

    func register(in council: PathRegistrar) {
        council.get(PracticePaths.list, use: list)
        council.get(PracticePaths.new, use: newForm)
        council.post(PracticePaths.list, use: create)
        council.get(PracticePaths.item, use: item)
        council.get(PracticePaths.edit, use: editForm)
        council.post(PracticePaths.item, use: update)
        council.post(PracticePaths.delete, use: delete)
        council.post(PracticePaths.documents, use: addDocument)
        council.get(PracticePaths.document, use: document)
        council.post(PracticePaths.documentDelete, use: removeDocument)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> HTML {
        let scope = try context.inCouncil()
        let council = scope.council, language = context.language
        let themes = try await services.agreements.themes()
        let themeFilter = request.uri.queryParameters.get("theme").flatMap { slug in themes.first { $0.slug == slug } }
        let languageFilter = request.uri.queryParameters.get("language").flatMap { Language(rawValue: $0) }
        let query = PracticeSearch.query(request)
        let search = try await PracticeSearch.matching(query, councilID: council.id, notes: services.notes)
        let all = try await services.notes.all(councilID: council.id)
        let readers = try await services.withNetworks(try await services.readers(scope, account: context.account), for: all)
        let themeNames = Dictionary(themes.map { ($0.id, pages.localized($0.name, language).text) }, uniquingKeysWith: { first, _ in first })
        let rows = search.ordered(all.filter { note in
            PracticeRules.mayRead(PracticeAudience(rawValue: note.audience) ?? .council, by: readers.reader(for: note))
                && (themeFilter == nil || note.themeId == themeFilter?.id) && (languageFilter == nil || note.language == languageFilter?.rawValue)
        }).map { note in
            PracticeRow(note, slug: council.slug, council: nil, theme: note.themeId.flatMap { themeNames[$0] }, search: search, pages: pages,
                        context: context)
        }
        let model = PracticeListPage(
            rows: rows, hasRows: !rows.isEmpty, action: PracticePaths.list.url(council.slug), query: query ?? "",
            found: query.map { pages.plural("search_count", count: rows.count, context, format: Formatting(language: language, council: council), ["query": Formatting.isolated($0)]) },
            themes: themes.map { SelectOption(value: $0.slug, label: pages.localized($0.name, language).text, selected: $0.id == themeFilter?.id) },
            languages: Language.allCases.map { SelectOption(value: $0.rawValue, label: $0.endonym, selected: $0 == languageFilter) },
            newURL: PracticeRules.mayWrite(scope.actor).isAllowed ? PracticePaths.new.url(council.slug) : nil,
            backURL: AgreementPaths.home.url(council.slug), libraryURL: PracticePaths.library.url,
            requestsURL: PracticeRequestRules.mayRead(readers.councilReader)
                ? PracticeRequestPaths.list.url(council.slug) + (themeFilter.map { "?theme=\($0.slug)" } ?? "") : nil)
        return try await pages.page("practices", title: pages.text("practices_title", context), request: request, context: context, council: council,
                                    typed: model)
    }

    /// The note the route names, for a reader it is open to (for anyone else it does not exist).
    func note(_ context: AppContext) async throws -> (CouncilScope, PracticeNoteRecord) {
        let scope = try context.inCouncil()
        guard let id = context.parameters.get("id", as: Int64.self), let note = try await services.notes.find(id: id, councilID: scope.council.id)
        else { throw PageError.notFound }
        let readers = try await services.withNetworks(try await services.readers(scope, account: context.account), for: [note])
        guard PracticeRules.mayRead(PracticeAudience(rawValue: note.audience) ?? .council, by: readers.reader(for: note)) else { throw PageError.notFound }
        return (scope, note)
    }

    @Sendable func item(_ request: Request, context: AppContext) async throws -> HTML {
        let (scope, note) = try await note(context)
        let council = scope.council, language = context.language
        let theme = try await services.agreements.themes().first { $0.id == note.themeId }
        var network: NetworkRecord?
        if note.audience == PracticeAudience.network.rawValue, let id = note.networkId { network = try await services.networks.all().first { $0.id == id } }
        let mayWrite = PracticeRules.mayWrite(scope.actor).isAllowed
        let format = Formatting(language: language, council: council)
        let documents = try await services.attachments.all(councilID: council.id, ownerKind: PracticeServices.ownerKind, ownerID: note.id).map { document in
            DocumentLink(document, url: PracticePaths.document.url(council.slug, note.id, document.id),
                         deleteURL: mayWrite ? PracticePaths.documentDelete.url(council.slug, note.id, document.id) : nil,
                         date: format.date(Date(timeIntervalSince1970: document.createdAt)), format: format) { pages.localizer.text($0, language, $1) }
        }
        let model = PracticePage(
            title: note.title, summary: note.summary.nilIfEmpty, body: note.body, contentLang: note.language,
            contentDir: Language(rawValue: note.language)?.direction ?? "auto",
            theme: theme.map { pages.localized($0.name, language).text }, language: Language(rawValue: note.language)?.endonym ?? note.language,
            maturity: pages.text("practice_maturity_\(note.maturity)", context),
            audience: network.map { pages.text("practice_audience_network_named", context, ["network": pages.localized($0.name, language).text]) }
                ?? pages.text("practice_audience_\(note.audience)", context),
            updated: format.date(Date(timeIntervalSince1970: note.updatedAt)),
            documents: documents, hasDocuments: !documents.isEmpty,
            documentForm: mayWrite ? WorkPage.DocumentForm(action: PracticePaths.documents.url(council.slug, note.id), accept: DocumentLink.accept,
                                                             limit: pages.text("document_limit", context, ["size": format.byteCount(Int64(services.uploadLimit))]))
                : nil,
            editURL: mayWrite ? PracticePaths.edit.url(council.slug, note.id) : nil,
            deleteAction: mayWrite ? PracticePaths.delete.url(council.slug, note.id) : nil, backURL: PracticePaths.list.url(council.slug))
        return try await pages.page("practice", title: note.title, request: request, context: context, council: council, typed: model)
    }

    func form(_ request: Request, _ context: AppContext, note: PracticeNoteRecord?, values: [String: String], error: String?,
              status: HTTPResponse.Status = .ok) async throws -> HTML {
        let scope = try context.inCouncil()
        let council = scope.council, language = context.language
        try pages.require(PracticeRules.mayWrite(scope.actor), context)
        func options<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ prefix: String, _ field: String) -> [SelectOption] where T.RawValue == String {
            T.allCases.map { SelectOption(value: $0.rawValue, label: pages.text("\(prefix)_\($0.rawValue)", context), selected: values[field] == $0.rawValue) }
        }
        let model = PracticeFormPage(
            heading: pages.text(note == nil ? "practice_new_title" : "practice_edit_title", context),
            action: note.map { PracticePaths.item.url(council.slug, $0.id) } ?? PracticePaths.list.url(council.slug), values: values,
            themes: try await services.agreements.themes().map {
                SelectOption(value: "\($0.id)", label: pages.localized($0.name, language).text, selected: values["theme"] == "\($0.id)")
            },
            languages: Language.allCases.map { SelectOption(value: $0.rawValue, label: $0.endonym, selected: (values["language"] ?? council.language.rawValue) == $0.rawValue) },
            maturities: options(PracticeMaturity.self, "practice_maturity", "maturity"),
            audiences: options(PracticeAudience.self, "practice_audience", "audience"),
            networks: try await services.networks.all().map {
                SelectOption(value: "\($0.id)", label: pages.localized($0.name, language).text, selected: values["network"] == "\($0.id)")
            },
            error: error, backURL: note.map { PracticePaths.item.url(council.slug, $0.id) } ?? PracticePaths.list.url(council.slug))
        return try await pages.page("practice-form", title: model.heading, request: request, context: context, council: council, typed: model, status: status)
    }

    @Sendable func newForm(_ request: Request, context: AppContext) async throws -> HTML {
        try await form(request, context, note: nil, values: [:], error: nil)
    }

    @Sendable func editForm(_ request: Request, context: AppContext) async throws -> HTML {
        let (scope, note) = try await note(context)
        try pages.require(PracticeRules.mayWrite(scope.actor), context)
        return try await form(request, context, note: note, values: [
            "theme": note.themeId.map(String.init) ?? "", "language": note.language, "title": note.title, "summary": note.summary, "body": note.body,
            "maturity": note.maturity, "audience": note.audience, "network": note.networkId.map(String.init) ?? ""], error: nil)
    }

    static let fieldNames = ["theme", "language", "title", "summary", "body", "maturity", "audience", "network"]

    func fields(_ context: AppContext) throws -> PracticeNoteFields {
        let form = context.form
        let text = { (name: String) in Validate.storable(form[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        guard let language = form.text("language").flatMap(Language.init(rawValue:)), let maturity = form.text("maturity").flatMap(PracticeMaturity.init(rawValue:)),
              let audience = form.text("audience").flatMap(PracticeAudience.init(rawValue:))
        else { throw ValidationFailure(field: "", key: "error_malformed_form") }
        var theme: Int64?, network: Int64?
        if let raw = form.text("theme") {
            guard let id = Int64(raw) else { throw ValidationFailure(field: "theme", key: "agreement_error_themes") }
            theme = id
        }
        if audience == .network, let raw = form.text("network") {
            guard let id = Int64(raw) else { throw ValidationFailure(field: "network", key: "practice_error_network") }
            network = id
        }
        let draft = PracticeDraft(title: text("title"), summary: text("summary"), body: text("body"), audience: audience, hasNetwork: network != nil)
        if let problem = draft.problem() { throw ValidationFailure(field: "", key: problem) }
        return PracticeNoteFields(themeID: theme, language: language.rawValue, title: draft.title, summary: draft.summary, body: draft.body,
                                  maturity: maturity.rawValue, audience: audience.rawValue, networkID: network)
    }

    func save(_ request: Request, _ context: AppContext, note: PracticeNoteRecord?, write: (PracticeNoteFields) async throws -> Int64) async throws -> Response {
        let scope = try context.inCouncil()
        try pages.require(PracticeRules.mayWrite(scope.actor), context)
        func again(_ key: String) async throws -> Response {
            var values: [String: String] = [:]
            for name in Self.fieldNames { values[name] = context.form[name] ?? "" }
            return try await form(request, context, note: note, values: values, error: pages.text(key, context), status: .unprocessableContent)
                .response(from: request, context: context)
        }
        do {
            let id = try await write(try fields(context))
            return .redirect(to: SiteURL.with(PracticePaths.item.url(scope.slug, id), notice: "saved"), type: .normal)
        } catch let failure as ValidationFailure {
            return try await again(failure.key)
        } catch StoreError.notFound {
            return try await again("practice_error_theme_or_network")
        }
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let council = try context.inCouncil().council
        return try await save(request, context, note: nil) { fields in
            try await services.notes.create(councilID: council.id, fields, at: services.clock.now().timeIntervalSince1970)
        }
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, note) = try await note(context)
        return try await save(request, context, note: note) { fields in
            try await services.notes.update(id: note.id, councilID: scope.council.id, fields, at: services.clock.now().timeIntervalSince1970)
            return note.id
        }
    }

    @Sendable func delete(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, note) = try await note(context)
        try pages.require(PracticeRules.mayWrite(scope.actor), context)
        // Its documents go first (their bytes too, unless another attachment holds them): none is left unreachable if
        // one fails.
        let transfer = services.transfer
        for document in try await services.attachments.all(councilID: scope.council.id, ownerKind: PracticeServices.ownerKind, ownerID: note.id) {
            try await transfer.remove(document, councilID: scope.council.id)
        }
        try await services.notes.delete(id: note.id, councilID: scope.council.id)
        return .redirect(to: SiteURL.with(PracticePaths.list.url(scope.slug), notice: "deleted"), type: .normal)
    }

    /// The right is checked before a byte is read, and again once the file is in (a long upload may outlast it, or the
    /// note).
    @Sendable func addDocument(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, note) = try await note(context)
        try pages.require(PracticeRules.mayWrite(scope.actor), context)
        do {
            // Checked again once the file is in, and once more in the transaction that records it.
            try await services.transfer.add(request, context: context, pages: pages, ownerKind: PracticeServices.ownerKind,
                                            check: .practiceNote(councilID: scope.council.id)) {
                let current = try await CouncilScope.resolve(scope.council, account: context.account, memberships: services.memberships)
                try pages.require(PracticeRules.mayWrite(current.actor), context)
                guard try await services.notes.find(id: note.id, councilID: scope.council.id) != nil else { throw PageError.notFound }
                return (scope.council.id, note.id)
            }
        } catch StoreError.notFound {
            // Deleted while the file came in: nothing was kept.
            throw PageError.notFound
        }
        return .redirect(to: SiteURL.with(PracticePaths.item.url(scope.slug, note.id), notice: "saved") + "#documents", type: .normal)
    }

    /// Whoever reads the note reads its documents.
    @Sendable func document(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, note) = try await note(context)
        guard let id = context.parameters.get("attachment", as: Int64.self),
              let attachment = try await services.attachments.find(id: id, councilID: scope.council.id, ownerKind: PracticeServices.ownerKind, ownerID: note.id)
        else { throw PageError.notFound }
        return try await services.transfer.download(attachment, context: context)
    }

    @Sendable func removeDocument(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, note) = try await note(context)
        try pages.require(PracticeRules.mayWrite(scope.actor), context)
        guard let id = context.parameters.get("attachment", as: Int64.self),
              let attachment = try await services.attachments.find(id: id, councilID: scope.council.id, ownerKind: PracticeServices.ownerKind, ownerID: note.id)
        else { throw PageError.notFound }
        try await services.transfer.remove(attachment, councilID: scope.council.id)
        return .redirect(to: SiteURL.with(PracticePaths.item.url(scope.slug, note.id), notice: "deleted") + "#documents", type: .normal)
    }
}
