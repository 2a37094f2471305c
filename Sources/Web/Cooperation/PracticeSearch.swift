import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// A search of a council's practice notes (`?q=`), as its library and its API answer it: the notes that hold every
/// word, the best first, each with the words found marked in its title and in a passage of its text.
struct PracticeSearch: Sendable {
    /// Longer queries are cut: a search uses at most `SearchWords.mostPerQuery` words anyway.
    static let longestQuery = 200

    /// The words the request searches for, if it searches.
    static func query(_ request: Request) -> String? {
        guard let raw = request.uri.queryParameters.get("q") else { return nil }
        let query = String(Validate.storable(raw).trimmingCharacters(in: .whitespacesAndNewlines).prefix(longestQuery))
        return query.isEmpty ? nil : query
    }

    /// The search for `query`, or none (every note, in the library's order).
    static func matching(_ query: String?, councilID: Int64, notes: PracticeNoteRepository) async throws -> PracticeSearch {
        guard let query else { return PracticeSearch(terms: [], positions: nil) }
        let matches = try await notes.search(councilID: councilID, query: query)
        return PracticeSearch(terms: SearchWords.query(query),
                              positions: Dictionary(matches.enumerated().map { ($0.element.noteID, $0.offset) }, uniquingKeysWith: { first, _ in first }))
    }

    let terms: [String]
    /// Each note found, by its place among the results; `nil` when there is no search.
    let positions: [Int64: Int]?

    /// The notes the search found among `notes`, the best first; all of them, as given, without a search.
    func ordered(_ notes: [PracticeNoteRecord]) -> [PracticeNoteRecord] {
        guard let positions else { return notes }
        return notes.filter { positions[$0.id] != nil }.sorted { positions[$0.id]! < positions[$1.id]! }
    }

    /// The title with the words found marked.
    func title(_ title: String) -> [FullTextSearch.Segment] {
        FullTextSearch.snippet(title, terms: terms, words: .max) ?? [FullTextSearch.Segment(text: title, mark: false)]
    }

    /// The passage around the words found, from the summary and the body; `nil` without a search.
    func snippet(_ note: PracticeNoteRecord) -> [FullTextSearch.Segment]? {
        guard positions != nil else { return nil }
        return FullTextSearch.snippet(note.summary + "\n" + note.body, terms: terms)
    }
}
