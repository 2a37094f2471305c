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

    /// The distinct words of a text, in order of their first appearance; an Arabic word that begins with the article
    /// or a joined particle (`ال`, `وال`, `بال`, `لل`, `و`, `ب`, `ل`, `ف`, `ك`...) also gives the word without it, so that a
    /// search for `اتفاق` finds `لاتفاق` and `الاتفاق`.
    public static func words(in text: String) -> [String] {
        var seen = Set<String>(), words: [String] = []
        for word in split(fold(text)) {
            for form in [word] + arabicStems(word) where seen.insert(form).inserted {
                words.append(form)
                if words.count == mostPerText { return words }
            }
        }
        return words
    }

    /// The prefixes an Arabic word may carry, longest first: the article with a particle, the article, a particle.
    static let arabicPrefixes = ["وال", "بال", "كال", "فال", "لل", "ال", "و", "ب", "ل", "ف", "ك"]

    /// The word without each prefix it begins with, when at least three letters remain.
    static func arabicStems(_ word: String) -> [String] {
        guard let first = word.unicodeScalars.first, (0x0600...0x06FF).contains(first.value) else { return [] }
        var stems: [String] = []
        for prefix in arabicPrefixes where word.hasPrefix(prefix) && word.count - prefix.count >= 3 {
            stems.append(String(word.dropFirst(prefix.count)))
        }
        return stems
    }

    /// The beginnings of words a search asks for: every one must begin a word of the text found. The query's own words,
    /// without the stems the index adds (a text with the stem has the word too).
    public static func query(_ text: String) -> [String] {
        var seen = Set<String>(), terms: [String] = []
        for word in split(fold(text)) where seen.insert(word).inserted {
            terms.append(word)
            if terms.count == mostPerQuery { break }
        }
        return terms
    }


    /// The first string after every string that begins with `prefix`, in the order of their UTF-8 bytes.
    public static func upperBound(of prefix: String) -> String {
        prefix + "\u{10FFFF}"
    }

    /// What changes the words of a text: an index made under another version is made again (the site's search by its
    /// fingerprint; the practice notes' full-text index, made by a migration, by a new migration).
    public static let version = 2

    /// Arabic letters written either way: the taa marbuta as the haa it is read as at a pause, the alef maqsura as the
    /// yaa it is often typed as, the alef wasla as an alef.
    static let arabicLetters: [Unicode.Scalar: Unicode.Scalar] = ["\u{0629}": "\u{0647}", "\u{0649}": "\u{064A}", "\u{0671}": "\u{0627}"]

    /// Compatibility decomposition (full-width letters, Arabic presentation forms and ligatures to their letters, an
    /// accented letter to its letter and its mark), without the marks that sit on a letter (French accents, Arabic
    /// vowel marks, the hamza on its seat, the madda) nor the tatweel, which stretches a word without changing it; with
    /// the Arabic letters written either way as one (`arabicLetters`).
    static func fold(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCompatibilityMapping.unicodeScalars
        where scalar.properties.generalCategory != .nonspacingMark && scalar != "\u{0640}" {
            scalars.append(Self.arabicLetters[scalar] ?? scalar)
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
