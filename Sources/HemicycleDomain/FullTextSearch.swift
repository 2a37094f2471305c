import Foundation

/// What a full-text index (SQLite FTS5, PostgreSQL's text search) is given and asked, so that both find the same
/// texts: the text folded as `SearchWords` folds it (case, accents, Arabic vowel marks, hamza seats, alef forms, taa
/// marbuta, tatweel), each Arabic word followed by its forms without the article or a joined particle; and a query of
/// word beginnings, every one required.
public enum FullTextSearch {
    /// The text an index keeps for `text`: its folded words in order (repeated words stay, for ranking), each Arabic
    /// word with its stems after it.
    public static func indexText(_ text: String) -> String {
        var words: [String] = []
        for word in SearchWords.split(SearchWords.fold(text)) {
            words.append(word)
            words += SearchWords.arabicStems(word)
        }
        return words.joined(separator: " ")
    }

    /// An FTS5 query: every term as a quoted word beginning (`"term"*`). Terms hold letters and digits only.
    public static func sqliteQuery(_ terms: [String]) -> String {
        terms.map { "\"\($0)\"*" }.joined(separator: " ")
    }

    /// A PostgreSQL `to_tsquery` expression: every term as a word beginning (`term:*`), all required.
    public static func postgresQuery(_ terms: [String]) -> String {
        terms.map { "\($0):*" }.joined(separator: " & ")
    }

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
    /// Arabic article or particle, begins with a term), at most `words` words long, the matches marked; `nil` when no
    /// word matches. Cut ends show an ellipsis.
    public static func snippet(_ text: String, terms: [String], words limit: Int = 30) -> [Segment]? {
        guard !terms.isEmpty else { return nil }
        // The text as a run of words (letters and digits) and what lies between them.
        var pieces: [(text: String, isWord: Bool)] = []
        var current = "", currentIsWord = false
        for character in text {
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
        func matches(_ word: String) -> Bool {
            let folded = SearchWords.fold(word)
            let forms = [folded] + SearchWords.arabicStems(folded)
            return forms.contains { form in terms.contains { form.hasPrefix($0) } }
        }
        let matched = wordIndexes.map { matches(pieces[$0].text) }
        guard matched.contains(true) else { return nil }
        // The window of `limit` words with the most matches, the earliest of equals.
        let width = min(limit, wordIndexes.count)
        var count = matched[0..<width].filter { $0 }.count, best = count, start = 0
        if width < wordIndexes.count {
            for next in 1...(wordIndexes.count - width) {
                count += (matched[next + width - 1] ? 1 : 0) - (matched[next - 1] ? 1 : 0)
                if count > best { best = count; start = next }
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
        if last < pieces.count - 1 { plain += " …" }
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
