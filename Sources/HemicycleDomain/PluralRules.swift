/// The CLDR plural categories, and the rules that choose one for a whole number in each of our languages
/// (Unicode CLDR, "Language Plural Rules"). A sentence with a count has one text per category its language uses.
public enum PluralCategory: String, Sendable, CaseIterable, Codable {
    case zero, one, two, few, many, other
}

public enum PluralRules {
    /// The categories a language distinguishes for whole numbers, `other` always last.
    public static func categories(of language: Language) -> [PluralCategory] {
        switch language {
        case .ar: [.zero, .one, .two, .few, .many, .other]
        case .fr: [.one, .many, .other]
        case .en: [.one, .other]
        }
    }

    /// The category of the whole number `count` in `language`.
    public static func category(of count: Int, in language: Language) -> PluralCategory {
        let n = count.magnitude
        switch language {
        case .ar:
            // zero: n = 0; one: n = 1; two: n = 2; few: n % 100 = 3..10; many: n % 100 = 11..99.
            switch n {
            case 0: return .zero
            case 1: return .one
            case 2: return .two
            default:
                switch n % 100 {
                case 3...10: return .few
                case 11...99: return .many
                default: return .other
                }
            }
        case .fr:
            // one: i = 0,1; many: i != 0 and i % 1000000 = 0 (« 1 000 000 de membres »).
            if n <= 1 { return .one }
            if n % 1_000_000 == 0 { return .many }
            return .other
        case .en:
            return n == 1 ? .one : .other
        }
    }
}
