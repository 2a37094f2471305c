/// Where a council's budget year stands: prepared (`draft`: its lines and voted amounts may change), `voted` (the
/// amounts are those voted; credits move only by transfers, and are committed and paid), or `closed` (kept as it was).
public enum BudgetYearStatus: String, CaseIterable, Sendable, Codable {
    case draft
    case voted
    case closed
}

/// The three levels of a budget: programmes hold actions, actions hold lines, and amounts sit on lines.
public enum BudgetLevel: String, CaseIterable, Sendable, Codable {
    case programme
    case action
    case line

    /// The level a node of this level sits under; none for a programme.
    public var parent: BudgetLevel? {
        switch self {
        case .programme: nil
        case .action: .programme
        case .line: .action
        }
    }
}

/// What a line or a commitment serves, when it serves one thing: a commission, a mission, a citizens' convention or a
/// consultation of the council.
public enum BudgetLinkKind: String, CaseIterable, Sendable, Codable {
    case commission
    case mission
    case convention
    case consultation
}

/// The largest amount the budget holds, in cents: a thousand billion in the currency (well within 64 bits, whatever
/// is added up).
public let budgetMaximumCents: Int64 = 100_000_000_000_000

/// The currencies a council's budget is kept in: ISO 4217 codes with two decimals (cents). Currencies with none (XOF,
/// XAF) or three (TND) would need their own minor unit, in parsing and display alike.
public enum BudgetCurrency {
    public static let supported: [String] = ["EUR", "MAD", "DZD", "CHF", "CAD", "USD"]

    public static func isSupported(_ code: String) -> Bool { supported.contains(code) }
}

/// An amount as a person types it, read into cents: "1 234,56", "1,234.56", "1234.5", "١٬٢٣٤٫٥٦" (Arabic-Indic
/// digits and separators), "1 234 €". Never a floating-point number on the way.
public enum BudgetAmount {
    public enum Problem: String, Sendable, Error, Equatable, CaseIterable {
        /// Empty, or not a number.
        case unreadable = "budget_error_amount_unreadable"
        /// More than two decimals.
        case tooPrecise = "budget_error_amount_precision"
        /// Zero where an amount is needed, or negative.
        case notPositive = "budget_error_amount_positive"
        /// Above `budgetMaximumCents`.
        case tooLarge = "budget_error_amount_large"
    }

    /// The cents `text` writes; zero is allowed when `allowZero` (a voted amount still to be set).
    ///
    /// A currency's sign or name may stand before or after the number, never inside it ("12€50" is refused rather than
    /// read as 1250). Spaces and apostrophes group thousands. With both '.' and ',', the last one is the decimal mark and the other
    /// groups thousands; with one of them once, it is the decimal mark unless three digits follow it after a first
    /// group other than 0 ("1.234" and "1,234" are 1234, as French and English write them); several times, it groups
    /// thousands. Groups after the first have three digits.
    public static func parse(_ text: String, allowZero: Bool = false) -> Result<Int64, Problem> {
        let characters = Array(text)
        guard let firstDigit = characters.firstIndex(where: { asciiDigit($0) != nil }),
              let lastDigit = characters.lastIndex(where: { asciiDigit($0) != nil }) else {
            return characters.contains { $0 == "-" || $0 == "\u{2212}" } ? .failure(.notPositive) : .failure(.unreadable)
        }
        // Around the number: spaces, direction marks, a currency's sign or name (EUR, MAD, DH, د.م.); a minus sign makes
        // it negative.
        for segment in [characters[..<firstDigit], characters[(lastDigit + 1)...]] {
            var word = ""
            for character in segment + [" "] {
                if character.isLetter {
                    word.append(character)
                    continue
                }
                if !word.isEmpty {
                    guard currencyWords.contains(word.uppercased()) else { return .failure(.unreadable) }
                    word = ""
                }
                if character == "-" || character == "\u{2212}" { return .failure(.notPositive) }
                guard character.isWhitespace || currencySigns.contains(character) || character == "." || character == "\u{200F}"
                        || character == "\u{200E}" else { return .failure(.unreadable) }
            }
        }
        // Within it: digits of one script, the decimal and thousands marks; a space groups thousands as an apostrophe does.
        var marked: [Character] = [], scripts = Set<UInt32>()
        for character in characters[firstDigit...lastDigit] {
            if let digit = asciiDigit(character) {
                scripts.insert((character.unicodeScalars.first?.value ?? 0) & ~0xF)
                marked.append(digit)
            } else if character == "." || character == "," || character == "\u{066B}" {
                // ٫ is the Arabic decimal mark.
                marked.append(character == "\u{066B}" ? "." : character)
            } else if character == "'" || character == "\u{2019}" || character == "\u{066C}" || character.isWhitespace {
                // ٬ is the Arabic thousands mark; a run of spaces is one mark.
                if marked.last != "'" { marked.append("'") }
            } else if character == "\u{200F}" || character == "\u{200E}" {
                continue
            } else {
                return .failure(.unreadable)
            }
        }
        guard scripts.count == 1 else { return .failure(.unreadable) }
        guard let first = marked.first, first.isNumber else { return .failure(.unreadable) }
        let dots = marked.filter { $0 == "." }.count, commas = marked.filter { $0 == "," }.count
        var decimalMark: Character?
        if dots > 0 && commas > 0 {
            decimalMark = marked.last { $0 == "." || $0 == "," }
            if (decimalMark == "." ? dots : commas) > 1 { return .failure(.unreadable) }
        } else if dots + commas == 1, let index = marked.firstIndex(where: { $0 == "." || $0 == "," }) {
            let after = marked[(index + 1)...], before = marked[..<index]
            let groupsThousands = after.count == 3 && after.allSatisfy(\.isNumber) && String(before.filter(\.isNumber)) != "0"
            if !groupsThousands { decimalMark = marked[index] }
        }
        var integer = marked[...], fraction: ArraySlice<Character> = []
        if let decimalMark, let index = marked.lastIndex(of: decimalMark) {
            integer = marked[..<index]
            fraction = marked[(index + 1)...]
            guard !fraction.isEmpty, fraction.allSatisfy(\.isNumber) else { return .failure(.unreadable) }
            if fraction.count > 2 { return .failure(.tooPrecise) }
        }
        // What is left of the mark groups thousands, with one kind of separator.
        let groups = integer.split(omittingEmptySubsequences: false) { !$0.isNumber }
        guard !groups.isEmpty, groups.allSatisfy({ !$0.isEmpty }), groups.dropFirst().allSatisfy({ $0.count == 3 }),
              Set(integer.filter { !$0.isNumber }).count <= 1 else { return .failure(.unreadable) }
        let whole = String(groups.joined()).drop { $0 == "0" }
        guard whole.count <= 13, let units = Int64(whole.isEmpty ? "0" : String(whole)) else { return .failure(.tooLarge) }
        let cents = units * 100 + (Int64(String(fraction)) ?? 0) * (fraction.count == 1 ? 10 : 1)
        if cents > budgetMaximumCents { return .failure(.tooLarge) }
        if cents == 0, !allowZero { return .failure(.notPositive) }
        return .success(cents)
    }

    static let currencySigns: Set<Character> = ["€", "$", "£"]
    static let currencyWords: Set<String> = Set(BudgetCurrency.supported + ["DH", "DHS", "د", "م", "درهم", "دراهم", "DIRHAM", "DIRHAMS", "EURO", "EUROS",
                                                                          "DA", "DINAR", "DINARS", "دينار", "FRANC", "FRANCS", "DOLLAR", "DOLLARS"])

    /// ASCII digit for a Western, Arabic-Indic or Eastern Arabic-Indic digit.
    static func asciiDigit(_ character: Character) -> Character? {
        guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 else { return nil }
        switch scalar.value {
        case 0x30...0x39: return character
        case 0x660...0x669: return Character(Unicode.Scalar(scalar.value - 0x660 + 0x30)!)
        case 0x6F0...0x6F9: return Character(Unicode.Scalar(scalar.value - 0x6F0 + 0x30)!)
        default: return nil
        }
    }
}
