import Foundation

/// The public seed of a draw, as typed by the secretariat, in the one form it is published and used: Unicode NFC,
/// words separated by single spaces, only letters, digits and a little punctuation. Two spellings that look alike on
/// the page are the same seed or one of them is refused: no invisible, direction or combining character, no other
/// space, so nobody can try variants of an announced value that read the same and keep the one giving the panel
/// they prefer.
public enum PublicSeed {
    public static let maximumBytes = 200
    static let punctuation: Set<Character> = [".", ",", ":", ";", "-", "/", "#", "(", ")", "'", "+"]

    /// The canonical seed, or nil when the text is empty, too long or holds a character a seed may not.
    public static func canonical(_ text: String) -> String? {
        let words = text.precomposedStringWithCanonicalMapping.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        let seed = words.joined(separator: " ")
        guard !seed.isEmpty, seed.utf8.count <= maximumBytes else { return nil }
        for character in seed where character != " " && !punctuation.contains(character) {
            // One scalar per character: a letter (any script) or a decimal digit; nothing combining, invisible or spacing.
            guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first else { return nil }
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .otherLetter, .decimalNumber: continue
            default: return nil
            }
        }
        return seed
    }
}
