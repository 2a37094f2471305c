/// Majority judgment (Balinski and Laraki, *Majority Judgment*, MIT Press 2011): every voter grades every proposal on
/// a common scale of verbal grades; a proposal's majority grade is the grade a majority of voters agrees it deserves
/// at least, and proposals are ranked by their majority values.
///
/// Grades are numbered from the best (0: "excellent") to the worst (the last: "to reject"), as the ballot lists them.
/// A voter who grades some proposals but not another is counted as giving it the worst grade, as the authors advise,
/// so every proposal is judged by the same number of voters.
public enum MajorityJudgment {
    /// How many voters gave each grade to one proposal (`counts[g]`: grade g, 0 the best).
    public struct Tally: Sendable, Equatable {
        public let counts: [Int]

        public init(counts: [Int]) {
            precondition(!counts.isEmpty && counts.allSatisfy { $0 >= 0 }, "a tally needs a scale and counts of at least 0")
            self.counts = counts
        }

        public var voters: Int { counts.reduce(0, +) }

        /// The same tally with `voters` voters in all, the missing ones giving the worst grade.
        public func padded(to voters: Int) -> Tally {
            var counts = self.counts
            counts[counts.count - 1] += max(0, voters - self.voters)
            return Tally(counts: counts)
        }

        /// The lower middlemost grade: the best grade that more than half of the voters give or better (for an
        /// even number of voters, the worse of the two middle grades). Nil without voters.
        public var majorityGrade: Int? {
            let n = voters
            guard n > 0 else { return nil }
            var atLeast = 0
            for (grade, count) in counts.enumerated() {
                atLeast += count
                if 2 * atLeast > n { return grade }
            }
            return counts.count - 1
        }

        /// Balinski and Laraki's majority gauge: the shares of voters who grade the proposal strictly better (`p`)
        /// and strictly worse (`q`) than its majority grade; the grade is followed by "+" when p > q, "−" otherwise.
        public var gauge: (better: Double, worse: Double)? {
            guard let grade = majorityGrade else { return nil }
            let n = Double(voters)
            let better = counts[..<grade].reduce(0, +), worse = counts[(grade + 1)...].reduce(0, +)
            return (Double(better) / n, Double(worse) / n)
        }

        /// The majority value: the majority grade, then the majority grade once one voter of that grade is set aside,
        /// and so on until no voter is left.
        public var majorityValue: [Int] {
            var counts = self.counts
            var remaining = voters
            var value: [Int] = []
            value.reserveCapacity(remaining)
            while remaining > 0 {
                var atLeast = 0
                for (grade, count) in counts.enumerated() {
                    atLeast += count
                    if 2 * atLeast > remaining {
                        value.append(grade)
                        counts[grade] -= 1
                        remaining -= 1
                        break
                    }
                }
            }
            return value
        }
    }

    /// Whether `a` ranks above `b`: the first difference of their majority values, the better grade first.
    /// Both are compared with the same number of voters (the missing ones give the worst grade).
    public static func ranksAbove(_ a: Tally, _ b: Tally) -> Bool {
        let voters = max(a.voters, b.voters)
        for (x, y) in zip(a.padded(to: voters).majorityValue, b.padded(to: voters).majorityValue) where x != y { return x < y }
        return false
    }

    /// The proposals' indices from the best ranked to the worst; proposals whose majority values are equal (the same
    /// grades) keep their order and share a rank.
    public static func ranking(_ tallies: [Tally]) -> [(index: Int, rank: Int)] {
        let voters = tallies.map(\.voters).max() ?? 0
        let values = tallies.map { $0.padded(to: voters).majorityValue }
        let order = values.indices.sorted { values[$0] != values[$1] ? values[$0].lexicographicallyPrecedes(values[$1]) : $0 < $1 }
        var ranked: [(index: Int, rank: Int)] = []
        for (position, index) in order.enumerated() {
            let rank = position > 0 && values[order[position - 1]] == values[index] ? ranked[position - 1].rank : position + 1
            ranked.append((index, rank))
        }
        return ranked
    }

    /// Adopted when the majority grade is `threshold` or better.
    public static func isAdopted(_ tally: Tally, threshold: Int) -> Bool {
        tally.majorityGrade.map { $0 <= threshold } ?? false
    }
}
