import Foundation

/// A statement that characterises a group.
public struct RepresentativeStatement: Sendable, Hashable {
    public enum Direction: String, Sendable { case agree, disagree }
    public let column: Int
    public let direction: Direction
    public let tally: StatementTally
    /// Probability (smoothed) of the direction inside the group.
    public let probability: Double
    public let probabilityTest: Double
    /// Ratio of that probability to the rest's.
    public let ratio: Double
    public let ratioTest: Double
    /// r × r-test × p × p-test.
    public let metric: Double
}

/// Statements most agreed (or disagreed) with by everyone.
public struct Consensus: Sendable, Hashable {
    public var agree: [Int]
    public var disagree: [Int]
}

/// A statement on which groups differ.
public struct DivisiveStatement: Sendable, Hashable {
    public let column: Int
    /// Spread of the groups' agreement rates (max − min of (A+1)/(S+2)).
    public let spread: Double
}

/// The statistics of Polis's repness and consensus, as pure functions.
enum Statistics {
    /// One-sided z at 90 %.
    static let significance = 1.2816

    static func proportionTest(_ successes: Int, _ trials: Int) -> Double {
        2 * Double(trials + 1).squareRoot() * (Double(successes + 1) / Double(trials + 1) - 0.5)
    }

    static func twoProportionTest(_ s1: Int, _ n1: Int, _ s2: Int, _ n2: Int) -> Double {
        let p1 = Double(s1 + 1) / Double(n1 + 1)
        let p2 = Double(s2 + 1) / Double(n2 + 1)
        let p = Double(s1 + s2 + 2) / Double(n1 + n2 + 2)
        guard p < 1 else { return 0 }
        let denominator = (p * (1 - p) * (1 / Double(n1 + 1) + 1 / Double(n2 + 1))).squareRoot()
        return denominator > 0 ? (p1 - p2) / denominator : 0
    }

    static func significant(_ z: Double) -> Bool { z > significance }

    /// A statement's statistics for a group against the rest (Polis `add-comparitive-stats` and `finalize-cmt-stats`).
    struct Comparison {
        /// Reported in the direction where the group differs most from the rest (agree when rat > rdt).
        let statement: RepresentativeStatement
        /// Significant in one direction on both tests (Polis `passes-by-test?`).
        let passes: Bool
        /// max(rat, rdt), to keep the best statement when none passes (Polis `beats-best-by-test?`).
        let strength: Double
        let agreeCount: Int, disagreeCount: Int
        let ra: Double, rat: Double, pa: Double, pat: Double

        /// Polis `beats-best-agr?`: never an unvoted statement; against a current best representative by ratio
        /// (ra > 1), the full metric ra·rat·pa·pat; against one that is not, pa·pat; the first one needs pat
        /// significant, or ra > 1 and pa > 0.5.
        func beatsBestAgree(_ current: Comparison?) -> Bool {
            if agreeCount == 0 && disagreeCount == 0 { return false }
            guard let current else { return Statistics.significant(pat) || (ra > 1 && pa > 0.5) }
            if current.ra > 1 { return ra * rat * pa * pat > current.ra * current.rat * current.pa * current.pat }
            return pa * pat > current.pa * current.pat
        }
    }

    static func comparison(group: StatementTally, rest: StatementTally, column: Int) -> Comparison {
        let pa = Double(group.agree + 1) / Double(group.seen + 2)
        let pd = Double(group.disagree + 1) / Double(group.seen + 2)
        let pat = proportionTest(group.agree, group.seen)
        let pdt = proportionTest(group.disagree, group.seen)
        let ra = pa / (Double(rest.agree + 1) / Double(rest.seen + 2))
        let rd = pd / (Double(rest.disagree + 1) / Double(rest.seen + 2))
        let rat = twoProportionTest(group.agree, group.seen, rest.agree, rest.seen)
        let rdt = twoProportionTest(group.disagree, group.seen, rest.disagree, rest.seen)
        let agrees = significant(rat) && significant(pat)
        let disagrees = significant(rdt) && significant(pdt)
        let statement = rat > rdt
            ? RepresentativeStatement(column: column, direction: .agree, tally: group, probability: pa, probabilityTest: pat,
                                      ratio: ra, ratioTest: rat, metric: ra * rat * pa * pat)
            : RepresentativeStatement(column: column, direction: .disagree, tally: group, probability: pd, probabilityTest: pdt,
                                      ratio: rd, ratioTest: rdt, metric: rd * rdt * pd * pdt)
        return Comparison(statement: statement, passes: agrees || disagrees, strength: max(rat, rdt),
                          agreeCount: group.agree, disagreeCount: group.disagree, ra: ra, rat: rat, pa: pa, pat: pat)
    }
}
