import HemicycleDomain
import Storage

/// A note in a list: its title and summary, or for a search the words found marked in its title and a passage of its
/// text; its council (in the library of every council), theme and details.
struct PracticeRow: Encodable {
    let url: String
    let title: [FullTextSearch.Segment]
    let summary: String?
    let snippet: [FullTextSearch.Segment]?
    let hasSnippet: Bool
    let lang: String
    let dir: String
    /// The council that wrote it, in the library of every council.
    let council: String?
    let theme: String?
    let details: String

    init(_ note: PracticeNoteRecord, slug: String, council: String?, theme: String?, search: PracticeSearch, pages: Pages, context: AppContext) {
        url = PracticePaths.item.url(slug, note.id)
        title = search.title(note.title)
        summary = note.summary.nilIfEmpty
        snippet = search.snippet(note)
        hasSnippet = snippet != nil
        lang = note.language
        dir = Language(rawValue: note.language)?.direction ?? "auto"
        self.council = council
        self.theme = theme
        details = pages.text("practice_details", context, [
            "language": Language(rawValue: note.language)?.endonym ?? note.language,
            "maturity": pages.text("practice_maturity_\(note.maturity)", context),
            "audience": pages.text("practice_audience_\(note.audience)", context)])
    }
}

/// The council's practice notes open to the reader, by theme and language.
struct PracticeListPage: Encodable {
    let rows: [PracticeRow]
    let hasRows: Bool
    let action: String
    /// The words searched for, empty when the list is not a search.
    let query: String
    /// How many notes a search found, as a sentence.
    let found: String?
    let themes: [SelectOption]
    let languages: [SelectOption]
    let newURL: String?
    let backURL: String
    /// Every council's library, searched together.
    let libraryURL: String
    /// The questions the council asked its partners, for those who read them.
    let requestsURL: String?
}

/// One practice note, in its language.
struct PracticePage: Encodable {
    let title: String
    let summary: String?
    let body: String
    /// The note's own language, for its text only (the page stays in the reader's).
    let contentLang: String
    let contentDir: String
    let theme: String?
    let language: String
    let maturity: String
    let audience: String
    let updated: String
    /// What is attached: a model, a calendar, a guide...
    let documents: [DocumentLink]
    let hasDocuments: Bool
    let documentForm: WorkPage.DocumentForm?
    let editURL: String?
    let deleteAction: String?
    let backURL: String
}

/// The notes of every council open to the reader (`/practices`), by council, theme and language, and searched.
struct PracticeLibraryPage: Encodable {
    let rows: [PracticeRow]
    let hasRows: Bool
    let action: String
    let query: String
    let found: String?
    let councils: [SelectOption]
    let themes: [SelectOption]
    let languages: [SelectOption]
}

/// Writing or correcting a note; after a refusal, the message and what was typed.
struct PracticeFormPage: Encodable {
    let heading: String
    let action: String
    let values: [String: String]
    let themes: [SelectOption]
    let languages: [SelectOption]
    let maturities: [SelectOption]
    let audiences: [SelectOption]
    let networks: [SelectOption]
    let error: String?
    let backURL: String
}
