/// Escaping text for HTML and XML (pages, SVG charts, Akoma Ntoso) over UTF-8 bytes: the five characters that can end
/// a text or an attribute value become entities, everything else is copied; a text with none of them is returned as
/// it is, without copying.
enum HTMLEscaping {
    /// `apostrophe: false` leaves `'` as it is (XML text and double-quoted attributes, where it ends nothing).
    static func escape(_ text: String, apostrophe: Bool = true) -> String {
        var text = text
        // Contiguous UTF-8 (bridged strings are copied once); the scan then reads bytes, not characters.
        text.makeContiguousUTF8()
        let utf8 = text.utf8
        guard let first = utf8.firstIndex(where: { needsEscaping($0, apostrophe: apostrophe) }) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 16)
        bytes.append(contentsOf: utf8[..<first])
        for byte in utf8[first...] {
            switch byte {
            case UInt8(ascii: "&"): bytes.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): bytes.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): bytes.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): bytes.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'") where apostrophe: bytes.append(contentsOf: "&#39;".utf8)
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @inline(__always)
    static func needsEscaping(_ byte: UInt8, apostrophe: Bool) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"")
            || (apostrophe && byte == UInt8(ascii: "'"))
    }

    /// Appends `text` to `output` escaped as `escape` does, copying the runs between the characters it replaces.
    static func append(escaping text: String, to output: inout [UInt8], apostrophe: Bool = true) {
        var text = text
        text.withUTF8 { bytes in
            var run = 0
            for index in 0..<bytes.count {
                let entity: StaticString
                switch bytes[index] {
                case UInt8(ascii: "&"): entity = "&amp;"
                case UInt8(ascii: "<"): entity = "&lt;"
                case UInt8(ascii: ">"): entity = "&gt;"
                case UInt8(ascii: "\""): entity = "&quot;"
                case UInt8(ascii: "'") where apostrophe: entity = "&#39;"
                default: continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
                entity.withUTF8Buffer { output.append(contentsOf: $0) }
                run = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
        }
    }

    /// The first line of every template, which names the content type its values are escaped for (HTML, by
    /// `append(escaping:to:)`); a template without it is refused when the templates load.
    static let templatePragma = "{{%CONTENT_TYPE:HTML}}"
}
