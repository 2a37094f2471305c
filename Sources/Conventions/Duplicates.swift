import Foundation

/// What a volunteer gave to be reached and told apart, as far as duplicates go.
public struct VolunteerIdentity: Sendable, Equatable {
    public var name: String
    public var email: String?
    public var phone: String?
    /// ISO 8601 date (`1984-03-07`), when the form or the polling institute gives one.
    public var birthDate: String?
    /// Postal address and postcode, for "one person per household".
    public var address: String?
    public var postcode: String?

    public init(name: String, email: String? = nil, phone: String? = nil, birthDate: String? = nil, address: String? = nil,
                postcode: String? = nil) {
        self.name = name
        self.email = email
        self.phone = phone
        self.birthDate = birthDate
        self.address = address
        self.postcode = postcode
    }
}

/// Finds volunteers registered twice, and volunteers of the same household, in a pool.
///
/// Everything is compared after normalisation: case, accents and Arabic vowel marks are folded, Arabic letter
/// variants written interchangeably in names (أ إ آ ٱ → ا, ة → ه, ى → ي) are unified, punctuation and spaces collapse;
/// e-mail addresses are compared without case; telephone numbers by their digits, a national number (a leading 0)
/// being read in the council's country.
public enum Duplicates {
    public enum Reason: String, Sendable, Equatable {
        case sameEmail = "same_email"
        case samePhone = "same_phone"
        case sameNameAndBirthDate = "same_name_and_birth_date"
        case sameHousehold = "same_household"
    }

    /// Two volunteers (indices into the list, `first < second`) and why they match.
    public struct Match: Sendable, Equatable {
        public let first: Int
        public let second: Int
        public let reason: Reason

        public init(first: Int, second: Int, reason: Reason) {
            self.first = first
            self.second = second
            self.reason = reason
        }
    }

    /// Letters and digits of a text, folded, with single spaces between words.
    public static func normalizedText(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var result = ""
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            let unified: Unicode.Scalar
            switch scalar.value {
            case 0x0623, 0x0625, 0x0622, 0x0671: unified = "\u{0627}"  // alef with hamza or madda, alef wasla → alef
            case 0x0629: unified = "\u{0647}"  // teh marbuta → heh
            case 0x0649: unified = "\u{064A}"  // alef maksura → yeh
            default: unified = scalar
            }
            let properties = unified.properties
            if properties.generalCategory == .nonspacingMark || unified.value == 0x0640 { continue }  // marks, tatweel
            if properties.isAlphabetic || properties.numericType != nil {
                if pendingSpace, !result.isEmpty { result.append(" ") }
                pendingSpace = false
                result.unicodeScalars.append(unified)
            } else {
                pendingSpace = true
            }
        }
        return result
    }

    public static func normalizedEmail(_ email: String?) -> String? {
        guard let trimmed = email?.trimmingCharacters(in: .whitespacesAndNewlines), trimmed.contains("@") else { return nil }
        return trimmed.lowercased()
    }

    /// The number in international form (digits only, country code first), or nil when it has too few digits to
    /// be one. `countryCode`: the council's calling code (33 for France, 212 for Morocco).
    public static func normalizedPhone(_ phone: String?, countryCode: String?) -> String? {
        guard let phone else { return nil }
        // Digits in any script (Arabic-Indic ٠–٩ included) as ASCII; "+33 (0)6…" writes the national 0 in brackets.
        let trimmed = phone.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "(0)", with: "")
        var digits = ""
        for scalar in trimmed.unicodeScalars {
            if let value = scalar.properties.numericType == .decimal ? scalar.properties.numericValue : nil { digits += String(Int(value)) }
        }
        if trimmed.hasPrefix("+") {
            // already international
        } else if digits.hasPrefix("00") {
            digits.removeFirst(2)
        } else if digits.hasPrefix("0"), let countryCode {
            digits = countryCode + digits.dropFirst()
        }
        return digits.count >= 6 ? digits : nil
    }

    /// A date as year, month and day (`1984-03-07`) from `1984-03-07`, `1984-3-7` or the day-first `07/03/1984`;
    /// the text itself, trimmed, when it is none of these.
    public static func normalizedDate(_ date: String?) -> String? {
        guard let text = date?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." }).map { Int($0) }
        guard parts.count == 3, let a = parts[0], let b = parts[1], let c = parts[2] else { return text }
        let (year, month, day) = a > 31 ? (a, b, c) : (c, b, a)
        guard (1...12).contains(month), (1...31).contains(day), year > 999 else { return text }
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// What two volunteers of one household share: their address and postcode, folded; nil without an address.
    public static func householdKey(address: String?, postcode: String?) -> String? {
        guard let address = address.map(normalizedText), !address.isEmpty else { return nil }
        return "\(address)|\(postcode.map(normalizedText) ?? "")"
    }

    /// Volunteers who are the same person as an earlier one (same e-mail, same telephone, or same name and date of
    /// birth) and, when `onePerHousehold`, who live at the same address as an earlier one: each later volunteer is
    /// paired with the first who shares the key, each pair reported once with its first reason.
    public static func find(_ people: [VolunteerIdentity], onePerHousehold: Bool, countryCode: String? = nil) -> [Match] {
        var matches: [Match] = []
        var reported: Set<[Int]> = []
        // Each later volunteer is paired with the first one who shares the key (linear, however many share it).
        func pairs(_ reason: Reason, _ key: (VolunteerIdentity) -> String?) {
            var firstWith: [String: Int] = [:]
            for (index, person) in people.enumerated() {
                guard let value = key(person), !value.isEmpty else { continue }
                if let earlier = firstWith[value] {
                    if reported.insert([earlier, index]).inserted { matches.append(Match(first: earlier, second: index, reason: reason)) }
                } else {
                    firstWith[value] = index
                }
            }
        }
        pairs(.sameEmail) { normalizedEmail($0.email) }
        pairs(.samePhone) { normalizedPhone($0.phone, countryCode: countryCode) }
        pairs(.sameNameAndBirthDate) { person in
            guard let birth = normalizedDate(person.birthDate) else { return nil }
            let name = normalizedText(person.name)
            return name.isEmpty ? nil : "\(name)|\(birth)"
        }
        if onePerHousehold {
            pairs(.sameHousehold) { householdKey(address: $0.address, postcode: $0.postcode) }
        }
        return matches.sorted { ($0.first, $0.second) < ($1.first, $1.second) }
    }
}
