import HemicycleDomain

/// The council's practice notes open to the reader, by theme and language.
struct PracticeListPage: Encodable {
    struct Row: Encodable {
        let url: String
        /// The title, the words a search found marked.
        let title: [FullTextSearch.Segment]
        let summary: String?
        /// For a search, the passage of the note around the words it found (shown instead of the summary).
        let snippet: [FullTextSearch.Segment]?
        let hasSnippet: Bool
        let lang: String
        let dir: String
        let theme: String?
        let details: String
    }

    let rows: [Row]
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
    struct Row: Encodable {
        let url: String
        let title: [FullTextSearch.Segment]
        let summary: String?
        let snippet: [FullTextSearch.Segment]?
        let hasSnippet: Bool
        let lang: String
        let dir: String
        /// The council that wrote it, in the reader's language.
        let council: String
        let theme: String?
        let details: String
    }

    let rows: [Row]
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
