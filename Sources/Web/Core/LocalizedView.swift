/// A text of the council's content (a name, a description) as the reader gets it: in their language, or in another
/// one marked as such (`lang`, `dir` and a note), or missing.
struct LocalizedView: Encodable, Sendable {
    let text: String
    let lang: String?
    let dir: String?
    let fallback: Bool
    let fallbackNote: String?
    let missing: Bool
}
