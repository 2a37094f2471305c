import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// A search of practice notes (`?q=`), as the libraries and the API answer it: the notes that hold every word, the
/// best first, each with the words found marked in its title and in a passage of its text. How well a note matches is
/// read from its own text (`FullTextSearch.score`), after the notes the reader may not read are set aside.
struct PracticeSearch: Sendable {
    /// Longer queries are cut: a search uses at most `SearchWords.mostPerQuery` words anyway.
    static let longestQuery = 200

    /// A word in the title counts ten times one in the text; in the summary, four times.
    static let weights = (title: 10.0, summary: 4.0, body: 1.0)

    /// The words the request searches for, if it searches.
    static func query(_ request: Request) -> String? {
        guard let raw = request.uri.queryParameters.get("q") else { return nil }
        let query = String(Validate.storable(raw).trimmingCharacters(in: .whitespacesAndNewlines).prefix(longestQuery))
        return query.isEmpty ? nil : query
    }

    /// The search for `query` among the council's notes (every council's for `nil`), or none (every note, in the
    /// library's order).
    static func matching(_ query: String?, councilID: Int64?, notes: PracticeNoteRepository) async throws -> PracticeSearch {
        guard let query else { return PracticeSearch(terms: [], found: nil) }
        return PracticeSearch(terms: FullTextSearch.terms(query) ?? [], found: Set(try await notes.search(councilID: councilID, query: query)))
    }

    let terms: [String]
    /// The notes found; `nil` when there is no search.
    let found: Set<Int64>?

    /// The notes the search found among `notes` (those the reader may read), the best first, then the latest; all of
    /// them, as given, without a search.
    func ordered(_ notes: [PracticeNoteRecord]) -> [PracticeNoteRecord] {
        guard let found else { return notes }
        let weights = Self.weights
        return notes.filter { found.contains($0.id) }.map { note in
            (note, FullTextSearch.score([(note.title, weights.title), (note.summary, weights.summary), (note.body, weights.body)], terms: terms))
        }.sorted { first, second in
            if first.1 != second.1 { return first.1 > second.1 }
            return (first.0.updatedAt, first.0.id) > (second.0.updatedAt, second.0.id)
        }.map(\.0)
    }

    /// The title with the words found marked.
    func title(_ title: String) -> [FullTextSearch.Segment] {
        FullTextSearch.snippet(title, terms: terms, words: .max) ?? [FullTextSearch.Segment(text: title, mark: false)]
    }

    /// The passage around the words found, from the summary and the body; `nil` without a search.
    func snippet(_ note: PracticeNoteRecord) -> [FullTextSearch.Segment]? {
        guard found != nil else { return nil }
        return FullTextSearch.snippet(note.summary + "\n" + note.body, terms: terms)
    }
}
