/// A council as the layout and lists name it: its slug, its name in the reader's language, its home page.
struct CouncilSummary: Encodable, Sendable {
    let slug: String
    let name: LocalizedView
    let url: String

    /// The values the layout reads (it is merged into every page's values without an encoding pass).
    var values: [String: Any] { ["slug": slug, "name": name, "url": url] }
}
