import Foundation

/// A post's address: its number, then its title in Latin letters for people to read (`12-mission-to-rabat`). Only
/// the number finds the post, so a renamed post keeps its old addresses; the page redirects them to the current one.
public enum NewsSlug {
    /// The words of `title` that survive in an address, lower-case, accents dropped, joined by hyphens, at most 60
    /// characters. A title with no Latin letter or digit (Arabic) gives only the number.
    public static func make(id: Int64, title: String) -> String {
        var words: [String] = [], current = ""
        for scalar in title.decomposedLatin {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                current.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            } else if scalar.properties.generalCategory == .nonspacingMark {
                continue
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        var text = ""
        for word in words {
            let next = text.isEmpty ? word : text + "-" + word
            if next.count > 60 { break }
            text = next
        }
        return text.isEmpty ? "\(id)" : "\(id)-\(text)"
    }

    /// The number a slug starts with.
    public static func id(of slug: some StringProtocol) -> Int64? {
        let digits = slug.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count == slug.count || slug.dropFirst(digits.count).first == "-" else { return nil }
        return Int64(digits)
    }
}

extension String {
    /// The scalars of the canonical decomposition (é becomes e and a combining accent), with the ligatures of French
    /// spelled out.
    fileprivate var decomposedLatin: [Unicode.Scalar] {
        let spelled = self.replacingAll(["œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae", "ß": "ss"])
        return Array(spelled.decomposedStringWithCanonicalMapping.unicodeScalars)
    }

    fileprivate func replacingAll(_ table: [Character: String]) -> String {
        var result = ""
        for character in self { result += table[character] ?? String(character) }
        return result
    }
}
