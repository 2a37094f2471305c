/// A fast local search for a heavy allowed panel: from a panel, swap one seat from one profile to another while
/// that raises the total weight and keeps every quota (and the household rule). It proves nothing — the pricing
/// integer program still has the last word — but it finds most of the panels column generation needs without it.
struct PanelSearch {
    let shape: PanelShape
    private let quotas: [QuotaValue]
    private let householdOf: [Int?]
    /// Each profile's features, `categories` per profile in one array, and each profile's size: the inner loop reads
    /// them for every candidate, and arrays of arrays would cost a reference count each time.
    private let features: [Int]
    private let categories: Int
    private let sizes: [Int]

    /// Whether swaps are tested 64 candidates at a time (`SwapBits`) where the pool has no households; false keeps
    /// the candidate-by-candidate scan, which tests compare it with.
    private let bitsets: Bool

    init(shape: PanelShape, bitsets: Bool = true) {
        self.shape = shape
        self.bitsets = bitsets
        quotas = shape.instance.categories.flatMap(\.values)
        var householdOf = [Int?](repeating: nil, count: shape.profiles.count)
        for (index, household) in shape.profiles.households.enumerated() { for profile in household { householdOf[profile] = index } }
        self.householdOf = householdOf
        categories = shape.instance.categories.count
        features = shape.profiles.features.flatMap { $0 }
        sizes = shape.profiles.members.map(\.count)
        precondition(features.count == categories * shape.profiles.count, "one feature per category and profile")
    }

    /// The best panel reachable from `start` by improving swaps, and its weight.
    func improve(_ start: PanelTemplate, weights: [Double]) -> (value: Double, panel: PanelTemplate) {
        let profiles = shape.profiles
        var counts = [Int](repeating: 0, count: profiles.count)
        var featureCounts = [Int](repeating: 0, count: quotas.count)
        var householdTaken = [Int](repeating: 0, count: profiles.households.count)
        for (profile, count) in zip(start.profiles, start.counts) {
            counts[profile] = count
            for feature in profiles.features[profile] { featureCounts[feature] += count }
            if let household = householdOf[profile] { householdTaken[household] += count }
        }
        var value = zip(start.profiles, start.counts).reduce(0) { $0 + weights[$1.0] * Double($1.1) }
        // Candidates to take a seat, heaviest first: for each seat given up, the first allowed one is the best.
        let order = counts.indices.sorted { weights[$0] > weights[$1] }
        let hasHouseholds = !profiles.households.isEmpty
        var removable = [Bool](repeating: false, count: quotas.count)
        var addable = [Bool](repeating: false, count: quotas.count)
        // Without households, candidates are tested 64 at a time (`SwapBits`); the household rule keeps the scan.
        var bits = hasHouseholds || !bitsets ? nil : SwapBits(order: order, counts: counts, sizes: sizes, features: features,
                                                  categories: categories, valueCount: quotas.count)
        while true {
            var best: (from: Int, to: Int, gain: Double)?
            for feature in quotas.indices {
                removable[feature] = featureCounts[feature] - 1 >= quotas[feature].min
                addable[feature] = featureCounts[feature] + 1 <= quotas[feature].max
            }
            // Seats of the lightest profiles first: the best swap usually gives one of them up, and once it is found
            // the scans of the other seats stop at their first candidate.
            let seated = counts.indices.filter { counts[$0] > 0 }.sorted { weights[$0] < weights[$1] }
            if bits != nil {
                best = bits!.bestSwap(seated: seated, weights: weights, features: features, removable: removable, addable: addable)
            } else {
                features.withUnsafeBufferPointer { features in
                    for from in seated {
                        let leaving = from * categories
                        for to in order {
                            let gain = weights[to] - weights[from]
                            guard gain > (best?.gain ?? 1e-12) else { break }
                            guard to != from, counts[to] < sizes[to] else { continue }
                            if hasHouseholds, let household = householdOf[to],
                               householdTaken[household] - (householdOf[from] == household ? 1 : 0) > 0 { continue }
                            let arriving = to * categories
                            var allowed = true
                            // Only the values that differ between the two profiles change count.
                            for category in 0..<categories {
                                let out = features[leaving + category], into = features[arriving + category]
                                if out != into, !removable[out] || !addable[into] { allowed = false; break }
                            }
                            if allowed { best = (from, to, gain); break }
                        }
                    }
                }
            }
            guard let move = best else { break }
            counts[move.from] -= 1
            counts[move.to] += 1
            bits?.update(move.from, open: counts[move.from] < sizes[move.from])
            bits?.update(move.to, open: counts[move.to] < sizes[move.to])
            for feature in profiles.features[move.from] { featureCounts[feature] -= 1 }
            for feature in profiles.features[move.to] { featureCounts[feature] += 1 }
            if let household = householdOf[move.from] { householdTaken[household] -= 1 }
            if let household = householdOf[move.to] { householdTaken[household] += 1 }
            value += move.gain
        }
        return (value, PanelTemplate(counts: counts))
    }
}
