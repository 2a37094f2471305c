import Cooperation
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// The library of every council hosted here (`/practices`): the notes each reader may read, whichever council wrote
/// them (what is public, and for a member or staff, what their council's partners and networks open to them), found by
/// council, theme and language, and searched across all of them, the best first.
struct PracticeLibraryRoutes {
    let services: PracticeServices
    let councils: CouncilRepository
    let pages: Pages

    func register(on routes: PathRegistrar) {
        routes.get(PracticePaths.library, use: library)
    }

    @Sendable func library(_ request: Request, context: AppContext) async throws -> HTML {
        let language = context.language, format = Formatting(language: language)
        let parameters = request.uri.queryParameters
        let councils = format.sorted(try await councils.all(), byName: \.name, councilDefault: .fr)
        let councilFilter = parameters.get("council").flatMap { slug in councils.first { $0.slug == slug } }
        let themes = try await services.agreements.themes()
        let themeFilter = parameters.get("theme").flatMap { slug in themes.first { $0.slug == slug } }
        let languageFilter = parameters.get("language").flatMap { Language(rawValue: $0) }
        let query = PracticeSearch.query(request)
        let search = try await PracticeSearch.matching(query, councilID: councilFilter?.id, notes: services.notes)
        let candidates = try await services.notes.all().filter { note in
            (councilFilter == nil || note.councilId == councilFilter?.id) && (themeFilter == nil || note.themeId == themeFilter?.id)
                && (languageFilter == nil || note.language == languageFilter?.rawValue)
        }
        // Who reads what is each council's own rule: the reader's seat there, its partners today, its networks.
        var readable: [PracticeNoteRecord] = []
        let byCouncil = Dictionary(grouping: candidates, by: \.councilId)
        for council in councils {
            guard let notes = byCouncil[council.id] else { continue }
            let scope = try await CouncilScope.resolve(council, account: context.account, memberships: services.memberships)
            let readers = try await services.withNetworks(try await services.readers(scope, account: context.account), for: notes)
            readable += notes.filter { PracticeRules.mayRead(PracticeAudience(rawValue: $0.audience) ?? .council, by: readers.reader(for: $0)) }
        }
        // Without a search, the latest first, as each council's library.
        readable.sort { ($0.updatedAt, $0.id) > ($1.updatedAt, $1.id) }
        let names = Dictionary(councils.map { ($0.id, pages.localized($0.name, language, councilDefault: $0.language).text) },
                               uniquingKeysWith: { first, _ in first })
        let slugs = Dictionary(councils.map { ($0.id, $0.slug) }, uniquingKeysWith: { first, _ in first })
        let themeNames = Dictionary(themes.map { ($0.id, pages.localized($0.name, language).text) }, uniquingKeysWith: { first, _ in first })
        let rows = search.ordered(readable).compactMap { note in
            slugs[note.councilId].map { slug in
                PracticeRow(note, slug: slug, council: names[note.councilId] ?? slug, theme: note.themeId.flatMap { themeNames[$0] }, search: search,
                            pages: pages, context: context)
            }
        }
        let model = PracticeLibraryPage(
            rows: rows, hasRows: !rows.isEmpty, action: PracticePaths.library.url, query: query ?? "",
            found: query.map { pages.plural("search_count", count: rows.count, context, format: format, ["query": Formatting.isolated($0)]) },
            councils: councils.map { SelectOption(value: $0.slug, label: names[$0.id] ?? $0.slug, selected: $0.id == councilFilter?.id) },
            themes: themes.map { SelectOption(value: $0.slug, label: pages.localized($0.name, language).text, selected: $0.id == themeFilter?.id) },
            languages: Language.allCases.map { SelectOption(value: $0.rawValue, label: $0.endonym, selected: $0 == languageFilter) })
        return try await pages.page("practice-library", title: pages.text("practice_library_title", context), request: request, context: context,
                                    typed: model)
    }
}
