import HemicycleDomain
import Testing

@Suite struct DocumentTypeTests {
    func zip(firstName: String, content: String, directory: String = "") -> [UInt8] {
        // A local file header: signature, 26 bytes of fields, the name, then the stored content.
        [0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 26) + Array(firstName.utf8) + Array(content.utf8) + Array(directory.utf8)
    }

    @Test func filesAreRecognisedFromTheirBytes() {
        #expect(DocumentType.detect(head: Array("%PDF-1.7\n".utf8), tail: []) == .pdf)
        #expect(DocumentType.detect(head: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0], tail: []) == .png)
        #expect(DocumentType.detect(head: [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10], tail: []) == .jpeg)
        #expect(DocumentType.detect(head: Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8), tail: []) == .webp)
        let odt = zip(firstName: "mimetype", content: "application/vnd.oasis.opendocument.text")
        #expect(DocumentType.detect(head: odt, tail: odt) == .odt)
        let docx = zip(firstName: "[Content_Types].xml", content: "<Types/>", directory: "word/document.xml [Content_Types].xml")
        #expect(DocumentType.detect(head: docx, tail: docx) == .docx)
    }

    @Test func anythingElseIsRefused() {
        #expect(DocumentType.detect(head: Array("<!DOCTYPE html><script>alert(1)</script>".utf8), tail: []) == nil)
        #expect(DocumentType.detect(head: Array("<svg xmlns='http://www.w3.org/2000/svg'/>".utf8), tail: []) == nil)
        #expect(DocumentType.detect(head: [0x7F, 0x45, 0x4C, 0x46, 2, 1], tail: []) == nil)  // an executable
        let spreadsheet = zip(firstName: "mimetype", content: "application/vnd.oasis.opendocument.spreadsheet")
        #expect(DocumentType.detect(head: spreadsheet, tail: spreadsheet) == nil)
        let otherZip = zip(firstName: "readme.txt", content: "hello")
        #expect(DocumentType.detect(head: otherZip, tail: otherZip) == nil)
        #expect(DocumentType.detect(head: [], tail: []) == nil)
    }
}
