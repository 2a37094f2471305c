/// LEGACY, the greedy sequential draw practitioners used before 2020 (the baseline of Flanigan et al. 2021), kept
/// for comparison. At each step it looks at every value still held by someone in the pool, takes the one whose
/// minimum is furthest from being met relative to the people left with it, ((min − selected) / remaining), and
/// picks one of those people uniformly. A value that reaches its maximum removes everyone left with it; a pick
/// removes the person's housemates. A run that cannot meet the quotas starts again, up to `maxAttempts` times.
public enum Legacy {
    public static let maxAttempts = 100

    /// One panel (pool indices, in the order drawn).
    public static func draw(_ instance: SortitionInstance, generator: inout DrawGenerator) throws(SortitionError) -> [Int] {
        try Feasibility.validate(instance)
        let quotas = instance.categories.flatMap(\.values)
        let personFeatures = instance.people.map { instance.features(of: $0) }
        var holders = [[Int]](repeating: [], count: quotas.count)
        for (person, features) in personFeatures.enumerated() { for feature in features { holders[feature].append(person) } }
        var housemates: [String: [Int]] = [:]
        if instance.onePerHousehold {
            for (index, person) in instance.people.enumerated() { if let key = person.household { housemates[key, default: []].append(index) } }
        }
        for _ in 0..<maxAttempts {
            var present = [Bool](repeating: true, count: instance.people.count)
            var remaining = holders.map(\.count)
            var selected = [Int](repeating: 0, count: quotas.count)
            var panel: [Int] = []
            func remove(_ person: Int) {
                guard present[person] else { return }
                present[person] = false
                for feature in personFeatures[person] { remaining[feature] -= 1 }
            }
            attempt: while panel.count < instance.panelSize {
                var best: Int?
                var bestRatio = -Double.infinity
                for feature in quotas.indices {
                    if remaining[feature] == 0 {
                        if selected[feature] < quotas[feature].min { break attempt }
                        continue
                    }
                    let ratio = Double(quotas[feature].min - selected[feature]) / Double(remaining[feature])
                    if ratio > bestRatio { bestRatio = ratio; best = feature }
                }
                guard let feature = best, bestRatio <= 1 else { break attempt }
                let candidates = holders[feature].filter { present[$0] }
                let person = candidates[generator.uniform(below: candidates.count)]
                panel.append(person)
                remove(person)
                if let key = instance.people[person].household { for mate in housemates[key] ?? [] { remove(mate) } }
                for chosen in personFeatures[person] {
                    selected[chosen] += 1
                    if selected[chosen] == quotas[chosen].max { for other in holders[chosen] { remove(other) } }
                }
            }
            if panel.count == instance.panelSize, instance.allows(panel: panel) { return panel }
        }
        throw .impossible("the greedy draw failed \(maxAttempts) times in a row to meet the quotas.")
    }

    /// Selection probabilities estimated from `draws` independent panels (the generator runs on).
    public static func estimatedProbabilities(_ instance: SortitionInstance, draws: Int,
                                              generator: inout DrawGenerator) throws(SortitionError) -> [Double] {
        var counts = [Int](repeating: 0, count: instance.people.count)
        for _ in 0..<draws { for person in try draw(instance, generator: &generator) { counts[person] += 1 } }
        return counts.map { Double($0) / Double(draws) }
    }
}
