import CSVFormat
import Consultations
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// A consultation's data as open data: the Polis export's CSV files (so that any Polis tool reads it, and a
/// consultation can be made again from it) and one JSON document. Participants are numbered in order of arrival,
/// never named. Statements participants do not see (rejected, or waiting for a moderator) keep their row, marked as
/// Polis marks them, but never their text: what a moderator held back is not published by the export.
struct ExportRoutes {
    let services: ConsultationServices
    let pages: Pages

    /// The files, each with the sentence that says what it holds.
    static let files: [(name: String, key: String)] = [
        ("comments.csv", "consultation_export_comments_csv"), ("votes.csv", "consultation_export_votes_csv"),
        ("participants-votes.csv", "consultation_export_participants_votes_csv"), ("summary.csv", "consultation_export_summary_csv"),
        ("consultation.json", "consultation_export_consultation_json"),
        ("questionnaire.csv", "consultation_export_questionnaire_csv"),
    ]

    /// Whether the reader gets the questionnaire's answers: a consultation with a questionnaire, whose results they may
    /// see (the secretariat and bureau at any time, everyone once it closed).
    static func showsQuestionnaire(_ gate: ConsultationGate) -> Bool {
        gate.modules.contains(.questionnaire) && gate.may(.seeQuestionnaireResults)
    }

    func register(in council: PathRegistrar) {
        council.get(ConsultationPaths.export, use: index)
        council.get(ConsultationPaths.exportFile, use: file)
    }

    @Sendable func index(_ request: Request, context: AppContext) async throws -> HTML {
        let gate = try await ConsultationGate.load(services: services, context: context, request: request)
        let slug = gate.council.slug, id = gate.record.id
        let model = ConsultationExportPage(
            consultation: pages.localized(gate.record.title, context.language, councilDefault: gate.council.language),
            backURL: ConsultationPaths.item.url(slug, id),
            files: Self.files.filter { $0.name != "questionnaire.csv" || Self.showsQuestionnaire(gate) }.map { file in
                .init(url: ConsultationPaths.exportFile.url(slug, id, file.name), name: file.name, description: pages.text(file.key, context))
            },
            licence: gate.record.source)
        return try await pages.page("consultation-export", title: pages.text("consultation_export_title", context), request: request, context: context,
                                    council: gate.council, typed: model)
    }

    @Sendable func file(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await ConsultationGate.load(services: services, context: context, request: request)
        guard let name = context.parameters.get("file"), Self.files.contains(where: { $0.name == name }) else { throw PageError.notFound }
        if name == "questionnaire.csv" {
            guard Self.showsQuestionnaire(gate) else { throw PageError.notFound }
            // Answered questions no longer change (`ConsultationQuestionnaireRepository.remove`): the two reads agree.
            let questions = try await services.questionnaires.questions(consultationID: gate.record.id)
            let counts = try await services.questionnaires.counts(consultationID: gate.record.id)
            var response = Self.download(ExportData.questionnaire(questions: questions, counts: counts), name: name, consultationID: gate.record.id)
            // Before the results are public, the file is the secretariat's and bureau's: no shared cache keeps it.
            if gate.phase != .closed && gate.phase != .synthesisPublished { response.headers[.cacheControl] = "private, no-store" }
            return response
        }
        let data = try await ExportData.load(gate: gate, services: services)
        let body: String
        switch name {
        case "comments.csv": body = data.comments()
        case "votes.csv": body = data.votes()
        case "participants-votes.csv": body = data.participantsVotes()
        case "summary.csv": body = data.summary(title: pages.localized(gate.record.title, context.language, councilDefault: gate.council.language).text,
                                                url: services.baseURL + ConsultationPaths.item.url(gate.council.slug, gate.record.id))
        default: body = try data.json(baseURL: services.baseURL, slug: gate.council.slug)
        }
        return Self.download(body, name: name, consultationID: gate.record.id)
    }

    static func download(_ body: String, name: String, consultationID: Int64) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = name.hasSuffix(".json") ? "application/json; charset=utf-8" : "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"consultation-\(consultationID)-\(name)\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

/// Everything an export writes, read once.
struct ExportData {
    let record: ConsultationRecord
    let statements: [ConsultationStatementRecord]
    let log: [ConsultationVoteRecord]
    let current: [ConsultationVoteRecord]
    /// Participant number (0, 1, ...) by participant identifier, in order of arrival.
    let numberOf: [Int64: Int]
    let snapshot: MapSnapshot?

    static func load(gate: ConsultationGate, services: ConsultationServices) async throws -> ExportData {
        let id = gate.record.id
        let statements = try await services.statements.statements(consultationID: id).map { statement in
            (StatementModeration(rawValue: statement.moderation) ?? .rejected).isShown(under: gate.moderation) ? statement : statement.withoutText
        }
        let log = try await services.statements.voteLog(consultationID: id)
        let current = try await services.statements.allVotes(consultationID: id)
        let authors = statements.compactMap(\.participantId)
        let numbered = Set(log.map(\.participantID)).union(authors).sorted()
        let snapshot = try await services.snapshots.snapshot(consultationID: id, maps: services.maps)?.snapshot
        return ExportData(record: gate.record, statements: statements, log: log, current: current,
                          numberOf: Dictionary(uniqueKeysWithValues: numbered.enumerated().map { ($1, $0) }), snapshot: snapshot)
    }

    static func milliseconds(_ seconds: Double) -> String { String(Int64((seconds * 1_000).rounded())) }

    static func datetime(_ seconds: Double) -> String {
        Date(timeIntervalSince1970: seconds).formatted(.iso8601)
    }

    func comments() -> String {
        // Only the text written by participants could hold a spreadsheet formula; the figures stay as Polis writes them.
        var writer = CSVWriter(header: ["timestamp", "datetime", "comment-id", "author-id", "agrees", "disagrees", "moderated", "comment-body"])
        var agrees: [Int: Int] = [:], disagrees: [Int: Int] = [:]
        for vote in current {
            if vote.vote == 1 { agrees[vote.statementNumber, default: 0] += 1 }
            if vote.vote == -1 { disagrees[vote.statementNumber, default: 0] += 1 }
        }
        for statement in statements {
            writer.append([Self.milliseconds(statement.createdAt), Self.datetime(statement.createdAt), "\(statement.number)",
                           statement.participantId.flatMap { numberOf[$0] }.map(String.init) ?? "", "\(agrees[statement.number] ?? 0)",
                           "\(disagrees[statement.number] ?? 0)", "\(statement.moderation)", CSVWriter.neutralise(statement.text)])
        }
        return writer.text
    }

    func votes() -> String {
        var writer = CSVWriter(header: ["timestamp", "datetime", "comment-id", "voter-id", "vote"])
        for vote in log {
            writer.append([Self.milliseconds(vote.votedAt), Self.datetime(vote.votedAt), "\(vote.statementNumber)",
                           "\(numberOf[vote.participantID] ?? 0)", "\(vote.vote)"])
        }
        return writer.text
    }

    func participantsVotes() -> String {
        let numbers = statements.map(\.number)
        var writer = CSVWriter(header: ["participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree"] + numbers.map(String.init))
        let byParticipant = Dictionary(grouping: current, by: \.participantID)
        let written = Dictionary(grouping: statements.compactMap(\.participantId), by: { $0 }).mapValues(\.count)
        for (participant, number) in numberOf.sorted(by: { $0.value < $1.value }) {
            let votes = byParticipant[participant] ?? []
            let voteOf = Dictionary(votes.map { ($0.statementNumber, $0.vote) }, uniquingKeysWith: { _, last in last })
            writer.append(["\(number)", snapshot?.groupOf[String(participant)].map(String.init) ?? "", "\(written[participant] ?? 0)",
                           "\(votes.count)", "\(votes.filter { $0.vote == 1 }.count)", "\(votes.filter { $0.vote == -1 }.count)"]
                          + numbers.map { voteOf[$0].map(String.init) ?? "" })
        }
        return writer.text
    }

    /// How many participants chose each option of each question with options, questions numbered as the
    /// questionnaire shows them and options from 1, with how many answered the question. Counts only: a row per
    /// participant, numbered as in the other files, would join each person's answers (a neighbourhood, an age) to
    /// their votes and statements. Free answers are not published: they are read by the secretariat.
    static func questionnaire(questions: [ConsultationQuestionRecord], counts: [Int64: [String: Int]]) -> String {
        var writer = CSVWriter(header: ["question", "question-text", "answered", "option", "option-text", "chosen"])
        for (index, record) in questions.enumerated() {
            let question = QuestionnaireRoutes.definition(record)
            guard question.kind != .text else { continue }
            let tally = QuestionTally(question: question, counted: counts[record.id] ?? [:])
            for (option, label) in question.options.enumerated() {
                writer.append(["\(index + 1)", CSVWriter.neutralise(record.prompt), "\(tally.answered)", "\(option + 1)",
                               CSVWriter.neutralise(label), "\(tally.counts[option])"])
            }
        }
        return writer.text
    }

    func summary(title: String, url: String) -> String {
        let voters = Set(current.map(\.participantID)).count
        let commenters = Set(statements.compactMap(\.participantId)).count
        var writer = CSVWriter(header: ["topic", CSVWriter.neutralise(title)])
        for (key, value) in [("url", url), ("views", ""), ("voters", "\(voters)"), ("voters-in-conv", "\(snapshot?.groupOf.count ?? 0)"),
                             ("commenters", "\(commenters)"), ("comments", "\(statements.count)"), ("groups", "\(snapshot?.groups.count ?? 0)"),
                             ("conversation-description", record.description.values.values.sorted().first ?? "")] {
            writer.append([key, CSVWriter.neutralise(value)])
        }
        return writer.text
    }

    func json(baseURL: String, slug: String) throws -> String {
        struct Document: Encodable {
            struct StatementEntry: Encodable {
                let number: Int
                let text: String
                let moderated: Int
                let agree: Int
                let disagree: Int
                let pass: Int
            }

            struct GroupEntry: Encodable {
                let label: String
                let size: Int
            }

            let id: Int64
            let url: String
            let title: [String: String]
            let opensAt: String
            let closesAt: String
            let source: String?
            let participants: Int
            let votes: Int
            let statements: [StatementEntry]
            let groups: [GroupEntry]
            let consensus: [Int]
        }
        var tally: [Int: (Int, Int, Int)] = [:]
        for vote in current {
            var entry = tally[vote.statementNumber] ?? (0, 0, 0)
            switch vote.vote {
            case 1: entry.0 += 1
            case -1: entry.1 += 1
            default: entry.2 += 1
            }
            tally[vote.statementNumber] = entry
        }
        let document = Document(
            id: record.id, url: baseURL + ConsultationPaths.item.url(slug, record.id),
            title: Dictionary(uniqueKeysWithValues: record.title.values.map { ($0.key.rawValue, $0.value) }),
            opensAt: Self.datetime(record.opensAt), closesAt: Self.datetime(record.closesAt), source: record.source,
            participants: Set(current.map(\.participantID)).count, votes: current.count,
            statements: statements.map { statement in
                let counts = tally[statement.number] ?? (0, 0, 0)
                return .init(number: statement.number, text: statement.text, moderated: statement.moderation, agree: counts.0, disagree: counts.1,
                             pass: counts.2)
            },
            groups: (snapshot?.groups ?? []).enumerated().map { .init(label: String(UnicodeScalar(UInt8(65 + $0 % 26))), size: $1.size) },
            consensus: snapshot?.consensusAgree ?? [])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }
}
