import Mustache

/// A text of the council's content (a name, a description) as the reader gets it: in their language, or in another
/// one marked as such (`lang`, `dir` and a note), or missing.
struct LocalizedView: Encodable, Sendable, MustacheParent {
    let text: String
    let lang: String?
    let dir: String?
    let fallback: Bool
    let fallbackNote: String?
    let missing: Bool

    /// Read by templates inside dictionary models, without reflection.
    func child(named name: String) -> Any? {
        switch name {
        case "text": text
        case "lang": lang
        case "dir": dir
        case "fallback": fallback
        case "fallbackNote": fallbackNote
        case "missing": missing
        default: nil
        }
    }
}
