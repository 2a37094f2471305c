import Foundation

/// The words a text is found by: folded so that a search matches whatever the case, the accents, the Arabic vowel
/// marks and hamza seats or the width of the letters (`Élève`, `eleve` and `ÉLÈVE` are one word; `أمن` and `امن` too).
/// A word is a run of letters and digits. Kept in an index table, compared by their bytes, these words let French,
/// Arabic and English texts be searched the same way on SQLite and PostgreSQL.
public enum SearchWords {
    /// Shorter words are not indexed (nor searched): they match nearly everything.
    public static let shortest = 2
    /// Longer words are cut to this many characters: a search for their beginning still finds them.
    public static let longest = 40
    /// The most distinct words indexed for one text, and searched for in one query.
    public static let mostPerText = 400
    public static let mostPerQuery = 8

    /// The distinct words of a text, in order of their first appearance.
    public static func words(in text: String) -> [String] {
        var seen = Set<String>(), words: [String] = []
        for word in split(fold(text)) where seen.insert(word).inserted {
            words.append(word)
            if words.count == mostPerText { break }
        }
        return words
    }

    /// The beginnings of words a search asks for: every one must begin a word of the text found.
    public static func query(_ text: String) -> [String] {
        Array(words(in: text).prefix(mostPerQuery))
    }

    /// The first string after every string that begins with `prefix`, in the order of their UTF-8 bytes.
    public static func upperBound(of prefix: String) -> String {
        prefix + "\u{10FFFF}"
    }

    /// Compatibility decomposition (full-width letters, Arabic presentation forms and ligatures to their letters, an
    /// accented letter to its letter and its mark), without the marks that sit on a letter (French accents, Arabic
    /// vowel marks, the hamza on its seat, the madda) nor the tatweel, which stretches a word without changing it.
    static func fold(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCompatibilityMapping.unicodeScalars
        where scalar.properties.generalCategory != .nonspacingMark && scalar != "\u{0640}" {
            scalars.append(scalar)
        }
        return String(scalars).lowercased()
    }

    static func split(_ text: String) -> [String] {
        var words: [String] = [], current = ""
        func end() {
            if current.count >= shortest { words.append(String(current.prefix(longest))) }
            current = ""
        }
        for character in text {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !character.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .nonspacingMark }) {
                end()
            }
        }
        end()
        return words
    }
}
