/// A council as the layout and lists name it: its slug, its name in the reader's language, its home page.
struct CouncilSummary: Encodable, Sendable {
    let slug: String
    let name: LocalizedView
    let url: String
}
