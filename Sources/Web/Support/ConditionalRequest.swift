import Foundation
import HTTPTypes
import Hummingbird

/// Conditional requests (RFC 9110 §13.1.2): whether the reader's copy, named by `If-None-Match`, is the one `tag`
/// names. The header may list several tags, weak or strong (a weak tag names the same bytes here: what is compared is
/// sent whole), or `*` for any current representation.
enum ConditionalRequest {
    static func isCurrent(_ request: Request, tag: String) -> Bool {
        guard let match = request.headers[.ifNoneMatch] else { return false }
        return match.split(separator: ",").contains { candidate in
            let value = candidate.trimmed(of: .whitespaces)
            return value == "*" || value == tag || value == "W/" + tag
        }
    }
}
