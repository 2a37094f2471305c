import Hummingbird

extension Request {
    /// The value of the first cookie called `name` the browser sent, as `cookies[name]?.value` reads it (the text after
    /// the `=` signs that follow the name; nil when nothing follows them), found without parsing every cookie of every
    /// `Cookie` header into a list and the one found into attributes: a vote reads three cookies this way, and that
    /// parsing was 6 % of its work (hummingbird-auth's session middleware still parses them once). Headers are ASCII
    /// (RFC 6265); a header with other whitespace or separators than ASCII's may be read differently.
    func cookieValue(_ name: String) -> String? {
        Self.cookieValue(name, in: headers[values: .cookie])
    }

    /// The value of the first cookie called `name` in these `Cookie` headers.
    static func cookieValue(_ name: String, in cookieHeaders: [String]) -> String? {
        for header in cookieHeaders {
            let bytes = header.utf8
            var start = bytes.startIndex
            while start < bytes.endIndex {
                let end = bytes[start...].firstIndex(of: UInt8(ascii: ";")) ?? bytes.endIndex
                var pair = bytes[start..<end]
                while let first = pair.first, Self.isSpace(first) { pair = pair.dropFirst() }
                if let equals = pair.firstIndex(of: UInt8(ascii: "=")), pair[..<equals].elementsEqual(name.utf8) {
                    var value = pair[equals...]
                    while value.first == UInt8(ascii: "=") { value = value.dropFirst() }
                    return value.isEmpty ? nil : String(Substring(value))
                }
                start = end == bytes.endIndex ? end : bytes.index(after: end)
            }
        }
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || (9...13).contains(byte)
    }
}
