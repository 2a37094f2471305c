import Cooperation
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

struct PracticeDTO: Codable, Sendable {
    let id: Int64
    let title: String
    let summary: String
    let body: String
    /// The language the note is written in.
    let language: String
    /// The theme's identifier in the instance's list, if any.
    let theme: String?
    /// `emerging`, `tested` or `established`.
    let maturity: String
    /// `council`, `partners`, `network` or `public`.
    let audience: String
    /// The network's identifier, for a note open to one.
    let network: String?
    let url: String
}

/// `/api/v1/{council}/practices` and `/api/v1/{council}/practices/{id}`: the council's practice notes open to the
/// caller, as its library shows them.
struct PracticeAPI {
    let services: PracticeServices
    let baseURL: String

    static let operations: [(method: String, path: String)] = [
        ("get", "/api/v1/{council}/practices"),
        ("get", "/api/v1/{council}/practices/{id}"),
    ]

    func register(in council: PathRegistrar) {
        council.get(APIPaths.practices, use: list)
        council.get(APIPaths.practice, use: item)
    }

    func readable(_ notes: [PracticeNoteRecord], context: AppContext) async throws -> [PracticeNoteRecord] {
        let scope = try context.inCouncil()
        let readers = try await services.withNetworks(try await services.readers(scope, account: context.account), for: notes)
        return notes.filter { PracticeRules.mayRead(PracticeAudience(rawValue: $0.audience) ?? .council, by: readers.reader(for: $0)) }
    }

    func dto(_ note: PracticeNoteRecord, council: Council, themes: [Int64: String], networks: [Int64: String]) -> PracticeDTO {
        PracticeDTO(id: note.id, title: note.title, summary: note.summary, body: note.body, language: note.language,
                    theme: note.themeId.flatMap { themes[$0] }, maturity: note.maturity, audience: note.audience,
                    network: note.networkId.flatMap { networks[$0] }, url: baseURL + PracticePaths.item.url(council.slug, note.id))
    }

    func names() async throws -> (themes: [Int64: String], networks: [Int64: String]) {
        (Dictionary(try await services.agreements.themes().map { ($0.id, $0.slug) }, uniquingKeysWith: { first, _ in first }),
         Dictionary(try await services.networks.all().map { ($0.id, $0.slug) }, uniquingKeysWith: { first, _ in first }))
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> JSONBody<[PracticeDTO]> {
        let council = try context.inCouncil().council
        let (themes, networks) = try await names()
        // By theme and language, as the library's page filters them; a theme not in the instance's list has no note.
        let theme = request.uri.queryParameters.get("theme"), language = request.uri.queryParameters.get("language")
        if let language, Language(rawValue: language) == nil { throw PageError(.badRequest, "error_bad_request") }
        if let theme, !themes.values.contains(theme) { return JSONBody(value: []) }
        let search = try await PracticeSearch.matching(PracticeSearch.query(request), councilID: council.id, notes: services.notes)
        return JSONBody(value: search.ordered(try await readable(try await services.notes.all(councilID: council.id), context: context)).filter { note in
            (theme == nil || note.themeId.flatMap { themes[$0] } == theme) && (language == nil || note.language == language)
        }.map { dto($0, council: council, themes: themes, networks: networks) })
    }

    @Sendable func item(_ request: Request, context: AppContext) async throws -> JSONBody<PracticeDTO> {
        let council = try context.inCouncil().council
        guard let id = context.parameters.get("id", as: Int64.self), let note = try await services.notes.find(id: id, councilID: council.id),
              try await !readable([note], context: context).isEmpty
        else { throw PageError.notFound }
        let (themes, networks) = try await names()
        return JSONBody(value: dto(note, council: council, themes: themes, networks: networks))
    }
}
