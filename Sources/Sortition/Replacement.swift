/// A replacement draw when selected people withdraw: the people who stay keep their seats, and the seats left
/// are drawn from the rest of the pool under the quotas that remain, so the whole panel still meets every quota.
public enum Replacement {
    /// The instance of the replacement draw: the pool without anyone already drawn (nor, under the household rule,
    /// the housemates of those who stay), quotas reduced by what the people who stay already fill, and as many
    /// seats as people withdrew.
    public static func instance(original: SortitionInstance, panel: [String], withdrawn: [String]) throws(SortitionError)
        -> (instance: SortitionInstance, record: DrawManifest.Replacement)
    {
        let index = Dictionary(original.people.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let unknown = (panel + withdrawn).filter { index[$0] == nil }
        guard unknown.isEmpty else { throw .invalidInstance("Not in the pool: \(unknown.joined(separator: ", ")).") }
        let notSeated = withdrawn.filter { !panel.contains($0) }
        guard notSeated.isEmpty else { throw .invalidInstance("Not on the panel: \(notSeated.joined(separator: ", ")).") }
        guard !withdrawn.isEmpty else { throw .invalidInstance("Name at least one person who withdrew.") }
        let kept = panel.filter { !withdrawn.contains($0) }
        var counts = [Int](repeating: 0, count: original.features.count)
        for id in kept { for feature in original.features(of: original.people[index[id]!]) { counts[feature] += 1 } }
        var categories = original.categories
        var feature = 0
        for c in categories.indices {
            for v in categories[c].values.indices {
                var quota = categories[c].values[v]
                guard quota.max >= counts[feature] else {
                    throw .invalidInstance("The people who stay already exceed the maximum of \(categories[c].name)=\(quota.name).")
                }
                quota.min = max(0, quota.min - counts[feature])
                quota.max -= counts[feature]
                quota.minFlex = quota.minFlex.map { max(0, $0 - counts[feature]) }
                quota.maxFlex = quota.maxFlex.map { max(0, $0 - counts[feature]) }
                categories[c].values[v] = quota
                feature += 1
            }
        }
        let seated = Set(panel)
        let keptHouseholds = Set(kept.compactMap { original.people[index[$0]!].household })
        let pool = original.people.filter { person in
            !seated.contains(person.id) && !(original.onePerHousehold && person.household.map(keptHouseholds.contains) == true)
        }
        let instance = SortitionInstance(categories: categories, people: pool, panelSize: withdrawn.count,
                                         onePerHousehold: original.onePerHousehold)
        return (instance, DrawManifest.Replacement(kept: kept, withdrawn: withdrawn))
    }
}
