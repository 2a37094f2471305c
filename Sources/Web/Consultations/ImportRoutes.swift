import CSVFormat
import Consultations
import Foundation
import HemicycleDomain
import Hummingbird
import OpinionMap
import Storage

/// A consultation made from a Polis export: its statements with their moderation, its participants and every vote,
/// stored as a draft in one transaction (a file with an error stores nothing and says where the error is). The
/// export comes as one ZIP of its folder: `comments.csv` with `votes.csv` and/or `participants-votes.csv`.
struct ImportRoutes {
    let services: ConsultationServices
    let pages: Pages
    let files: any FileStore

    /// An export's files unpack to at most this much.
    static let maximumUnpackedBytes = 256 * 1_048_576

    func register(in council: PathRegistrar) {
        council.get(ConsultationPaths.importPolis, use: form)
        council.post(ConsultationPaths.importPolis, use: importExport)
    }

    @Sendable func form(_ request: Request, context: AppContext) async throws -> HTML {
        let scope = try context.inCouncil()
        try pages.require(ConsultationRoutes.mayCreate(scope.actor), context)
        let zone = scope.council.zone, now = services.clock.now().timeIntervalSince1970
        return try await render(request, context, council: scope.council, values: [
            "opens_at": WorkPageModel.inputDate(now + 86_400, in: zone), "closes_at": WorkPageModel.inputDate(now + 30 * 86_400, in: zone),
            "participation": ParticipationMode.anyone.rawValue, "moderation": ModerationMode.beforePublication.rawValue,
            "language_\(scope.council.language.rawValue)": "on", "module_statements": "on",
        ], error: nil)
    }

    func render(_ request: Request, _ context: AppContext, council: Council, values: [String: String], error: String?,
                status: HTTPResponse.Status = .ok) async throws -> HTML {
        let definition = try await ConsultationRoutes(services: services, pages: pages).form(
            context, council: council, heading: "consultation_import_title", action: ConsultationPaths.importPolis.url(council.slug),
            submit: "consultation_import_submit", values: values, error: nil)
        let format = Formatting(language: context.language, council: council)
        let model = ConsultationImportPage(action: ConsultationPaths.importPolis.url(council.slug), form: definition,
                                           uploadLimit: format.byteCount(Int64(services.uploadLimit)), error: error)
        return try await pages.page("consultation-import", title: pages.text("consultation_import_title", context), request: request,
                                    context: context, council: council, typed: model, status: status)
    }

    @Sendable func importExport(_ request: Request, context: AppContext) async throws -> Response {
        let scope = try context.inCouncil()
        // The right is checked before a byte of the file is read.
        try pages.require(ConsultationRoutes.mayCreate(scope.actor), context)
        let upload = try await MultipartUpload.read(request, context: context, store: files, limit: services.uploadLimit)
        let form = Form(values: upload.values)
        let values = ConsultationInput.values(form)
        func refuse(_ message: String, status: HTTPResponse.Status = .unprocessableContent) async throws -> Response {
            try await render(request, context, council: scope.council, values: values, error: message, status: status)
                .response(from: request, context: context)
        }
        guard let file = upload.file else { return try await refuse(pages.text("consultation_import_file_missing", context)) }
        let data: Data
        do {
            _ = try file.finish()
            data = try Data(contentsOf: file.temporaryURL)
            files.discard(file)
        } catch {
            files.discard(file)
            throw error
        }
        let definition: ConsultationDefinition
        do {
            definition = try ConsultationInput.parse(form, zone: scope.council.zone)
        } catch let failure as ValidationFailure {
            return try await refuse(pages.text(failure.key, context))
        }
        let conversation: PolisConversation
        do {
            let contents = try ZipArchive.read(data, limit: Self.maximumUnpackedBytes)
            guard contents["comments.csv"] != nil || contents["comments.json"] != nil else {
                return try await refuse(pages.text("consultation_import_comments_missing", context))
            }
            conversation = try PolisConversation.read(files: contents)
        } catch is ZipArchive.Unreadable {
            return try await refuse(pages.text("consultation_import_not_zip", context))
        } catch let error as InterchangeError {
            return try await refuse(pages.text("consultation_import_file_error", context, [
                "file": error.file, "line": "\(error.line)", "column": "\(error.column)", "message": error.message,
            ]))
        }
        let known = Set(conversation.statements.map(\.id))
        guard !known.isEmpty else { return try await refuse(pages.text("consultation_import_no_statements", context)) }
        if let odd = conversation.statements.first(where: { !(0...Int(Int32.max)).contains($0.id) }) {
            return try await refuse(pages.text("consultation_import_statement_number", context, ["statement": "\(odd.id)"]))
        }
        guard known.count == conversation.statements.count else {
            let twice = Dictionary(grouping: conversation.statements.map(\.id), by: { $0 }).first { $0.value.count > 1 }?.key ?? 0
            return try await refuse(pages.text("consultation_import_statement_twice", context, ["statement": "\(twice)"]))
        }
        if let stray = conversation.votes.first(where: { !known.contains($0.statement) }) {
            return try await refuse(pages.text("consultation_import_unknown_statement", context, ["statement": "\(stray.statement)"]))
        }
        let now = services.clock.now().timeIntervalSince1970
        let (statements, votes) = Self.records(conversation, now: now)
        let source = pages.text("consultation_import_source", context, ["topic": conversation.topic ?? upload.fileName ?? ""])
            + (form.text("attribution").map { " " + $0 } ?? "")
        do {
            let id = try await services.consultations.createImported(councilID: scope.council.id, definition, source: source, statements: statements,
                                                                     votes: votes, at: now)
            return .redirect(to: SiteURL.with(ConsultationPaths.item.url(scope.slug, id), notice: "saved"), type: .normal)
        } catch StoreError.notFound {
            return try await refuse(pages.text("consultation_error_work", context))
        }
    }

    /// The statements and votes of a conversation as stored, with Polis's moderation (a statement not yet moderated
    /// waits for the council's moderators). Exports without times (`participants-votes.csv` only) keep the
    /// participants' order of arrival, just before `now`.
    static func records(_ conversation: PolisConversation, now: Double) -> (statements: [ImportedStatement], votes: [ImportedVote]) {
        // A microsecond apart: distinct times, in order, at the precision a timestamp of this century keeps.
        let count = conversation.votes.count
        let votes = conversation.votes.enumerated().map { index, vote in
            ImportedVote(participant: vote.participant, statementNumber: vote.statement, vote: Int(vote.vote.rawValue),
                         votedAt: vote.timestamp > 0 ? Double(vote.timestamp) / 1_000 : now - Double(count - index) / 1e6)
        }
        let first = votes.map(\.votedAt).min() ?? now
        let statements = conversation.statements.map { statement in
            ImportedStatement(number: statement.id, text: Validate.storable(conversation.texts[statement.id] ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
                              moderation: statement.isModeratedOut ? -1 : conversation.moderation[statement.id] ?? 1, createdAt: min(first, now))
        }
        return (statements, votes)
    }
}
