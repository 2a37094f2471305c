/// The typed model of the form that refers a new work item to the council; after a refusal, the message and what was
/// typed.
struct WorkNewPage: Encodable {
    let values: [String: String]
    let action: String
    let kinds: [SelectOption]
    let sources: [SelectOption]
    let procedures: [SelectOption]
    let error: String?
}

/// The typed model of the comparison of two versions of a work item's text.
struct WorkComparePage: Encodable {
    struct Change: Encodable {
        let status: String
        let statusCode: String
        let heading: Bool
        let segments: [Segment]
    }

    /// A run of text, kept, inserted or deleted.
    struct Segment: Encodable {
        let text: String
        let same: Bool
        let inserted: Bool
        let deleted: Bool
    }

    struct VersionOption: Encodable {
        let value: Int
        let label: String
        let from: Bool
        let to: Bool
    }

    let work: WorkPage.Summary
    let changes: [Change]
    let contentLang: String
    let contentDir: String
    let fromLabel: String
    let toLabel: String
    let versions: [VersionOption]
    let action: String
}
