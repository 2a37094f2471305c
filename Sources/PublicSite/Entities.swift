/// HTML character references: decoded where text and attributes are read, every special character escaped where
/// they are written.
enum Entities {
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "eacute": "é", "egrave": "è",
        "ecirc": "ê", "agrave": "à", "acirc": "â", "ccedil": "ç", "ocirc": "ô", "ucirc": "û", "ugrave": "ù", "icirc": "î",
        "iuml": "ï", "euml": "ë", "Eacute": "É", "Egrave": "È", "Agrave": "À", "Ccedil": "Ç", "laquo": "«", "raquo": "»",
        "rsquo": "’", "lsquo": "‘", "ldquo": "“", "rdquo": "”", "hellip": "…", "mdash": "—", "ndash": "–", "euro": "€",
        "colon": ":", "Tab": "\t", "NewLine": "\n", "lpar": "(", "rpar": ")",
    ]

    static func decode(_ scalars: [Unicode.Scalar]) -> String {
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            guard scalar == "&" else {
                result.append(scalar)
                index += 1
                continue
            }
            var end = index + 1
            while end < scalars.count, end - index <= 32, scalars[end] != ";", scalars[end] != "&",
                  scalars[end].isASCIILetter || ("0"..."9").contains(scalars[end]) || scalars[end] == "#" {
                end += 1
            }
            let body = String(String.UnicodeScalarView(scalars[(index + 1)..<end]))
            let terminated = end < scalars.count && scalars[end] == ";"
            if let value = reference(body) {
                result.append(contentsOf: value.unicodeScalars)
                index = terminated ? end + 1 : end
            } else {
                result.append(scalar)
                index += 1
            }
        }
        return String(result)
    }

    /// The text of `&body;` (its semicolon optional, as browsers accept), or nil when it names nothing.
    static func reference(_ body: String) -> String? {
        if body.hasPrefix("#") {
            let digits = body.dropFirst()
            let value: UInt32?
            if digits.first == "x" || digits.first == "X" {
                value = digits.count > 1 && digits.count <= 9 ? UInt32(digits.dropFirst(), radix: 16) : nil
            } else {
                value = !digits.isEmpty && digits.count <= 10 ? UInt32(digits) : nil
            }
            guard let value else { return nil }
            guard value != 0, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
            return String(scalar)
        }
        return named[body]
    }

    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
