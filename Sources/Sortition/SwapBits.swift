/// The local search's swap test, 64 candidates at a time. Within one search the weights are fixed, so the candidates
/// keep one order (heaviest first, their rank); for each feature value, a bitset over ranks says who has it, and a
/// bitset says who can take one more seat. A swap from `from` to `to` keeps every quota when, in each category, `to`
/// has `from`'s value, or an addable value where `from`'s value can give up a seat: one AND per category for 64
/// candidates, where the scan tested each candidate's every category. The first set bit is the heaviest allowed
/// candidate, so each seat given up needs the first non-zero word only. Same swaps as the scan, found in the same
/// order (households excepted, which keep the scan).
struct SwapBits {
    private let order: [Int]
    private var rank: [Int]
    private let categories: Int
    private let words: Int
    /// `valueBits[v * words + w]`: word w of the ranks whose profile has feature value v.
    private var valueBits: [UInt64]
    /// Ranks whose profile can take one more seat.
    private var open: [UInt64]
    /// The feature values met in each category (the only ones a candidate can have there).
    private let valuesOf: [[Int]]
    /// Scratch: per category, the ranks with an addable value there.
    private var addableBits: [UInt64]

    init(order: [Int], counts: [Int], sizes: [Int], features: [Int], categories: Int, valueCount: Int) {
        let p = order.count
        self.order = order
        self.categories = categories
        words = (p + 63) >> 6
        rank = [Int](repeating: 0, count: p)
        valueBits = [UInt64](repeating: 0, count: valueCount * words)
        open = [UInt64](repeating: 0, count: words)
        var seen = [Set<Int>](repeating: [], count: categories)
        for (r, profile) in order.enumerated() {
            rank[profile] = r
            for c in 0..<categories {
                let value = features[profile * categories + c]
                valueBits[value * words + r >> 6] |= 1 << UInt64(r & 63)
                seen[c].insert(value)
            }
            if counts[profile] < sizes[profile] { open[r >> 6] |= 1 << UInt64(r & 63) }
        }
        valuesOf = seen.map { $0.sorted() }
        addableBits = [UInt64](repeating: 0, count: categories * words)
    }

    /// Marks whether `profile` can take one more seat.
    mutating func update(_ profile: Int, open isOpen: Bool) {
        let r = rank[profile]
        if isOpen { open[r >> 6] |= 1 << UInt64(r & 63) } else { open[r >> 6] &= ~(1 << UInt64(r & 63)) }
    }

    /// The best improving swap over the seated profiles (lightest first), as the scan finds it: for each seat, the
    /// heaviest allowed candidate; kept when its gain beats the best so far (at least 1e-12).
    mutating func bestSwap(seated: [Int], weights: [Double], features: [Int], removable: [Bool],
                           addable: [Bool]) -> (from: Int, to: Int, gain: Double)? {
        for c in 0..<categories {
            for w in 0..<words {
                var bits: UInt64 = 0
                for value in valuesOf[c] where addable[value] { bits |= valueBits[value * words + w] }
                addableBits[c * words + w] = bits
            }
        }
        var best: (from: Int, to: Int, gain: Double)?
        for from in seated {
            let bound = best?.gain ?? 1e-12
            let base = from * categories
            for w in 0..<words {
                // The word's first rank is its heaviest candidate: none past it beats the bound.
                guard weights[order[w << 6]] - weights[from] > bound else { break }
                var candidates = open[w]
                for c in 0..<categories where candidates != 0 {
                    let value = features[base + c]
                    let same = valueBits[value * words + w]
                    candidates &= removable[value] ? (addableBits[c * words + w] | same) : same
                }
                guard candidates != 0 else { continue }
                let to = order[(w << 6) + candidates.trailingZeroBitCount]
                let gain = weights[to] - weights[from]
                if gain > bound { best = (from, to, gain) }
                break
            }
        }
        return best
    }
}
