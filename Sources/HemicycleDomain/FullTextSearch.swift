import Foundation

/// What a full-text index (SQLite FTS5, PostgreSQL's text search) is given and asked, so that both find the same
/// texts: the text folded as `SearchWords` folds it (case, accents, Arabic vowel marks, hamza seats, alef forms, taa
/// marbuta, tatweel), each Arabic word followed by its forms without the article or a joined particle; and a query of
/// word beginnings, every one required, an Arabic one with or without its article or particle. How well a text
/// matches is read from the text alone (`score`), never from the other texts of the index, so that the order of what
/// a reader finds says nothing of what they may not read.
public enum FullTextSearch {
    /// The text an index keeps for `text`: its folded words in order (repeated words stay), each Arabic word with its
    /// stems after it.
    public static func indexText(_ text: String) -> String {
        var words: [String] = []
        for word in SearchWords.split(SearchWords.fold(text)) {
            words.append(word)
            words += SearchWords.arabicStems(word)
        }
        return words.joined(separator: " ")
    }

    /// The query's terms as an index can look for them: only their letters and digits (a symbol Swift reads as a letter,
    /// such as 🅰, is a separator to FTS5 and PostgreSQL); `nil` when a term has none left, since no text can then hold it.
    public static func terms(_ query: String) -> [String]? {
        var terms: [String] = []
        for term in SearchWords.query(query) {
            var scalars = String.UnicodeScalarView()
            for scalar in term.unicodeScalars where isIndexable(scalar) { scalars.append(scalar) }
            guard !scalars.isEmpty else { return nil }
            terms.append(String(scalars))
        }
        return terms
    }

    static func isIndexable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber, .letterNumber, .otherNumber:
            true
        default:
            false
        }
    }

    /// A term and, for an Arabic one, its forms without the article or a joined particle: a text may hold either.
    static func forms(_ term: String) -> [String] {
        [term] + SearchWords.arabicStems(term)
    }

    /// An FTS5 query: every term required, each as a quoted word beginning (`"term"*`), or any of its forms.
    public static func sqliteQuery(_ terms: [String]) -> String {
        terms.map { term in
            let forms = forms(term).map { "\"\($0)\"*" }
            return forms.count == 1 ? forms[0] : "(" + forms.joined(separator: " OR ") + ")"
        }.joined(separator: " AND ")
    }

    /// A PostgreSQL `to_tsquery('simple', …)` expression: every term required, each as a word beginning (`term:*`), or
    /// any of its forms.
    public static func postgresQuery(_ terms: [String]) -> String {
        terms.map { term in
            let forms = forms(term).map { "\($0):*" }
            return forms.count == 1 ? forms[0] : "(" + forms.joined(separator: " | ") + ")"
        }.joined(separator: " & ")
    }

    /// How well a text matches `terms`, from its own words only: for each field and each term, the words that begin
    /// with one of the term's forms, with diminishing returns (`n / (n + 1.2)`), times the field's weight.
    public static func score(_ fields: [(text: String, weight: Double)], terms: [String]) -> Double {
        let termForms = terms.map(forms)
        var score = 0.0
        for field in fields {
            var counts = [Int](repeating: 0, count: terms.count)
            for word in SearchWords.split(SearchWords.fold(String(field.text.prefix(longestScanned)))) {
                let wordForms = forms(word)
                for (index, forms) in termForms.enumerated() where wordForms.contains(where: { form in forms.contains { form.hasPrefix($0) } }) {
                    counts[index] += 1
                }
            }
            for count in counts where count > 0 { score += field.weight * Double(count) / (Double(count) + 1.2) }
        }
        return score
    }

    /// The most characters of a text read to rank it or cut a passage from it.
    public static let longestScanned = 20_000

    /// A part of a snippet: text as written, marked when it is a word the search matched.
    public struct Segment: Sendable, Hashable, Encodable {
        public let text: String
        public let mark: Bool

        public init(text: String, mark: Bool) {
            self.text = text
            self.mark = mark
        }
    }

    /// The passage of `text` around the words that match `terms` (a word matches when it, or its form without an
    /// Arabic article or particle, begins with one of a term's forms), at most `words` words long, centred on the
    /// words found, which are marked; `nil` when no word matches. Cut ends show an ellipsis.
    public static func snippet(_ text: String, terms: [String], words limit: Int = 30) -> [Segment]? {
        guard !terms.isEmpty, limit > 0 else { return nil }
        let termForms = terms.map(forms)
        // The text as a run of words (letters and digits) and what lies between them.
        var pieces: [(text: String, isWord: Bool)] = []
        var current = "", currentIsWord = false
        for character in text.prefix(longestScanned) {
            let isWord = character.isLetter || character.isNumber
            if isWord != currentIsWord, !current.isEmpty {
                pieces.append((current, currentIsWord))
                current = ""
            }
            current.append(character)
            currentIsWord = isWord
        }
        if !current.isEmpty { pieces.append((current, currentIsWord)) }
        let wordIndexes = pieces.indices.filter { pieces[$0].isWord }
        let positions = Dictionary(uniqueKeysWithValues: wordIndexes.enumerated().map { ($0.element, $0.offset) })
        let matched = wordIndexes.map { index in
            let folded = SearchWords.fold(pieces[index].text)
            return forms(folded).contains { form in termForms.contains { $0.contains { form.hasPrefix($0) } } }
        }
        guard matched.contains(true) else { return nil }
        // The window of `limit` words with the most matches (the earliest of equals), then centred on its matches.
        let width = min(limit, wordIndexes.count)
        var count = matched[0..<width].filter { $0 }.count, best = count, start = 0
        if width < wordIndexes.count {
            for next in 1...(wordIndexes.count - width) {
                count += (matched[next + width - 1] ? 1 : 0) - (matched[next - 1] ? 1 : 0)
                if count > best { best = count; start = next }
            }
            let found = (start..<(start + width)).filter { matched[$0] }
            if let first = found.first, let last = found.last {
                start = min(max(0, (first + last + 1) / 2 - width / 2), wordIndexes.count - width)
            }
        }
        let first = start == 0 ? 0 : wordIndexes[start]
        let last = start + width == wordIndexes.count ? pieces.count - 1 : wordIndexes[start + width - 1]
        var segments: [Segment] = []
        if first > 0 { segments.append(Segment(text: "… ", mark: false)) }
        var plain = ""
        for index in first...last {
            if let position = positions[index], matched[position] {
                if !plain.isEmpty { segments.append(Segment(text: plain, mark: false)); plain = "" }
                segments.append(Segment(text: pieces[index].text, mark: true))
            } else if pieces[index].isWord {
                plain += pieces[index].text
            } else {
                // Line breaks and runs of spaces read as one space in a snippet.
                plain += collapsed(pieces[index].text)
            }
        }
        if last < pieces.count - 1 || text.count > longestScanned { plain += " …" }
        if !plain.isEmpty { segments.append(Segment(text: plain, mark: false)) }
        return segments
    }

    /// Runs of spaces and line breaks as one space.
    static func collapsed(_ text: String) -> String {
        var result = "", lastWasSpace = false
        for character in text {
            if character.isWhitespace {
                if !lastWasSpace { result.append(" ") }
                lastWasSpace = true
            } else {
                result.append(character)
                lastWasSpace = false
            }
        }
        return result
    }
}
