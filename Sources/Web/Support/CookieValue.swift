import Hummingbird

extension Request {
    /// The value of the first cookie called `name` the browser sent, as `cookies[name]?.value` reads it (the text after
    /// the first `=`), found without parsing every cookie of every `Cookie` header into a list and the one found
    /// into attributes: a vote reads three cookies, and parsing was 6 % of its work.
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
                while let first = pair.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") { pair = pair.dropFirst() }
                if let equals = pair.firstIndex(of: UInt8(ascii: "=")), pair[..<equals].elementsEqual(name.utf8) {
                    return String(Substring(pair[bytes.index(after: equals)...]))
                }
                start = end == bytes.endIndex ? end : bytes.index(after: end)
            }
        }
        return nil
    }
}
