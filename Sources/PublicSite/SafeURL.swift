/// The URLs a post may hold. A browser ignores tabs, line breaks and leading control characters inside a URL
/// (`java&#9;script:` runs), so they are removed before the scheme is read, and the cleaned address is what is kept.
enum SafeURL {
    static let linkSchemes: Set<String> = ["http", "https", "mailto"]

    /// A link: http(s), mail, or an address without a scheme (a path, a fragment).
    static func link(_ value: String) -> String? {
        let cleaned = clean(value)
        guard !cleaned.isEmpty else { return nil }
        if let scheme = scheme(of: cleaned) { return linkSchemes.contains(scheme) ? cleaned : nil }
        return cleaned
    }

    /// An image: one uploaded for the news (`/{council}/news/images/{name}`, served from the file store), so that no
    /// post loads or tracks anything from elsewhere, nor calls any other address of the site as the reader.
    static func image(_ value: String) -> String? {
        let cleaned = clean(value)
        let parts = cleaned.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0].isEmpty, parts[2] == "news", parts[3] == "images",
              isName(parts[1], allowing: "-"), isName(parts[4], allowing: ".") else { return nil }
        return cleaned
    }

    /// Lower-case letters and digits, and `extra`, at most 100.
    static func isName(_ text: Substring, allowing extra: Unicode.Scalar) -> Bool {
        !text.isEmpty && text.count <= 100
            && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == extra }
    }

    static func clean(_ value: String) -> String {
        var scalars = value.unicodeScalars.filter { !($0.value < 0x20 || $0.value == 0x7F) }[...]
        while let first = scalars.first, first == " " || first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last.properties.isWhitespace { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    /// The scheme, lower-case: what comes before a `:` that precedes any `/`, `?` or `#`; also a backslash, which
    /// browsers read as a slash.
    static func scheme(of url: String) -> String? {
        var scheme = ""
        for scalar in url.unicodeScalars {
            if scalar == ":" { return scheme }
            if ["/", "?", "#", "\\"].contains(scalar) { return nil }
            scheme.unicodeScalars.append(scalar.lowercasedASCII)
        }
        return nil
    }
}
