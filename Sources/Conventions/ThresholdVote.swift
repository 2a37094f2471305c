/// A yes / no / abstention vote of the convention, adopted by the threshold set for that vote.
public enum ThresholdVote {
    public enum Choice: String, Sendable, CaseIterable, Codable {
        case yes, no, abstain
    }

    /// The share of the votes that must be yes: `numerator / denominator` of the base, "more than" (an absolute
    /// majority is 1/2, strictly) or "at least" (two thirds is 2/3, at least); abstentions in the base or not; and
    /// an optional quorum, the share of the convention's members who must vote (abstaining counts as voting).
    public struct Rule: Sendable, Equatable, Codable {
        public var numerator: Int
        public var denominator: Int
        public var strictlyMore: Bool
        public var abstentionsInBase: Bool
        public var quorumNumerator: Int?
        public var quorumDenominator: Int?

        public init(numerator: Int, denominator: Int, strictlyMore: Bool, abstentionsInBase: Bool,
                    quorum: (numerator: Int, denominator: Int)? = nil) {
            self.numerator = numerator
            self.denominator = denominator
            self.strictlyMore = strictlyMore
            self.abstentionsInBase = abstentionsInBase
            quorumNumerator = quorum?.numerator
            quorumDenominator = quorum?.denominator
        }

        /// More yes than no; abstentions do not count.
        public static let simpleMajority = Rule(numerator: 1, denominator: 2, strictlyMore: true, abstentionsInBase: false)
        /// At least two thirds of the votes cast, abstentions included.
        public static let twoThirds = Rule(numerator: 2, denominator: 3, strictlyMore: false, abstentionsInBase: true)

        /// Fractions with terms up to 1,000 (the products stay far from overflowing with any number of members).
        public var isValid: Bool {
            guard denominator > 0, denominator <= 1_000, numerator >= 0, numerator <= denominator else { return false }
            switch (quorumNumerator, quorumDenominator) {
            case (nil, nil): return true
            case let (n?, d?): return d > 0 && d <= 1_000 && n >= 0 && n <= d
            default: return false
            }
        }
    }

    public struct Result: Sendable, Equatable {
        public let yes: Int
        public let no: Int
        public let abstain: Int
        /// Members who did not vote.
        public let notVoting: Int
        /// The votes the threshold applies to.
        public let base: Int
        /// The fewest yes votes that would have adopted, with this base.
        public let required: Int
        public let quorumMet: Bool
        public let adopted: Bool
    }

    /// Counts the choices of the convention's members (`members`: how many may vote).
    public static func count(_ choices: [Choice], members: Int, rule: Rule) -> Result {
        precondition(rule.isValid, "an invalid threshold rule")
        var yes = 0, no = 0, abstain = 0
        for choice in choices {
            switch choice {
            case .yes: yes += 1
            case .no: no += 1
            case .abstain: abstain += 1
            }
        }
        let voted = yes + no + abstain
        let base = yes + no + (rule.abstentionsInBase ? abstain : 0)
        // yes / base > n / d  ⇔  yes · d > n · base (integers: no rounding).
        let product = rule.numerator * base
        let required = rule.strictlyMore ? product / rule.denominator + 1 : (product + rule.denominator - 1) / rule.denominator
        var quorumMet = true
        if let n = rule.quorumNumerator, let d = rule.quorumDenominator { quorumMet = voted * d >= n * members }
        return Result(yes: yes, no: no, abstain: abstain, notVoting: max(0, members - voted), base: base,
                      required: max(required, 1), quorumMet: quorumMet, adopted: quorumMet && base > 0 && yes >= max(required, 1))
    }
}
