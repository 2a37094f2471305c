/// The public seed of a draw: the numbers of the announced public event (a lottery's draw, dice thrown in public), in
/// the order they came, and nothing else. Digits of any script count as their value; numbers are written without
/// leading zeros and separated by single spaces, whatever separated them when typed. So one event has one seed: the
/// secretariat cannot try spellings of it (words around the numbers, look-alike letters, invisible characters) and
/// keep the one whose panel it prefers. What the numbers are is said in the announcement, before the commitment.
public enum PublicSeed {
    public static let maximumNumbers = 64
    public static let maximumDigits = 20
    /// What may separate the numbers as typed.
    static let separators: Set<Character> = [" ", "\t", "\n", "\r", ",", ";", "-", "/", ".", "،", "؛", "\u{00A0}", "\u{202F}"]

    /// The canonical seed ("4 17 23 38 45"), or nil when the text holds anything but numbers and separators, no
    /// number, or too many or too long ones.
    public static func canonical(_ text: String) -> String? {
        var numbers: [String] = [], current = ""
        func close() -> Bool {
            guard !current.isEmpty else { return true }
            let trimmed = current.drop { $0 == "0" }
            let number = trimmed.isEmpty ? "0" : String(trimmed)
            guard number.count <= maximumDigits else { return false }
            numbers.append(number)
            current = ""
            return numbers.count <= maximumNumbers
        }
        for character in text {
            if separators.contains(character) {
                guard close() else { return nil }
                continue
            }
            // One decimal digit, of any script: its value.
            guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first,
                  scalar.properties.generalCategory == .decimalNumber, let value = scalar.properties.numericValue,
                  value >= 0, value <= 9
            else { return nil }
            current.append(String(Int(value)))
        }
        guard close(), !numbers.isEmpty else { return nil }
        return numbers.joined(separator: " ")
    }
}
