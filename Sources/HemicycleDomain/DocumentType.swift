/// The kinds of file a council keeps beside its work (annexes, contributions, meeting papers, images), recognised
/// from their bytes, never from the name or the type the browser claims.
public enum DocumentType: String, Sendable, CaseIterable, Codable {
    case pdf, odt, docx, png, jpeg, webp

    /// The largest file accepted: 20 MB.
    public static let maximumBytes = 20 * 1024 * 1024

    public var mediaType: String {
        switch self {
        case .pdf: "application/pdf"
        case .odt: "application/vnd.oasis.opendocument.text"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .webp: "image/webp"
        }
    }

    public var fileExtension: String { self == .jpeg ? "jpg" : rawValue }

    /// Shown in the browser (images and PDF) rather than only downloaded.
    public var showsInline: Bool { self != .odt && self != .docx }

    /// The type of a file from its first bytes (`head`, at least 80) and its last ones (`tail`, the ZIP central
    /// directory of office documents), or nil for anything else (HTML, scripts, executables, other archives...).
    public static func detect(head: [UInt8], tail: [UInt8]) -> DocumentType? {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + prefix.count && Array(head[offset..<(offset + prefix.count)]) == prefix
        }
        if starts(Array("%PDF-".utf8)) { return .pdf }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts(Array("RIFF".utf8)), starts(Array("WEBP".utf8), at: 8) { return .webp }
        guard starts([0x50, 0x4B, 0x03, 0x04]) else { return nil }
        // OpenDocument: the first entry is `mimetype`, stored, holding the document's type.
        if starts(Array("mimetype".utf8), at: 30), starts(Array("application/vnd.oasis.opendocument.text".utf8), at: 38) {
            return .odt
        }
        // Office Open XML: the archive's directory lists its content types and the document's main part.
        if contains(tail, Array("[Content_Types].xml".utf8)), contains(tail, Array("word/document.xml".utf8)) { return .docx }
        return nil
    }

    private static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, bytes.count >= needle.count else { return false }
        let first = needle[0]
        var index = 0
        while index <= bytes.count - needle.count {
            if bytes[index] == first, Array(bytes[index..<(index + needle.count)]) == needle { return true }
            index += 1
        }
        return false
    }
}
