import HemicycleDomain
import Storage

/// A document as a page lists it, whoever owns it (a work item, a convention's session): its title, where to read
/// it, what it is (type, size, date) in the reader's language, and where to remove it for those who may.
struct DocumentLink: Encodable {
    let title: String
    let url: String
    let details: String
    let deleteURL: String?
}

extension DocumentLink {
    init(_ attachment: Attachment, url: String, deleteURL: String?, date: String, format: Formatting,
         text: (String, [String: String]) -> String) {
        let type = DocumentType.allCases.first { $0.mediaType == attachment.mediaType }
        self.init(title: attachment.title, url: url,
                  details: text("document_details", ["type": type.map { text("document_type_\($0.rawValue)", [:]) } ?? attachment.mediaType,
                                                     "size": format.byteCount(attachment.size), "date": date]),
                  deleteURL: deleteURL)
    }

    /// The file input's `accept`: the types a document may have.
    static let accept = DocumentType.allCases.map { ".\($0.fileExtension)" }.joined(separator: ",")
}
