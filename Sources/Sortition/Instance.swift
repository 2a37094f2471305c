/// One value of a category with its quota: at least `min` and at most `max` panel members have it.
/// `minFlex`/`maxFlex` (Sortition Foundation format) bound how far the quota may be relaxed when it cannot be met.
public struct QuotaValue: Sendable, Equatable {
    public var name: String
    public var min: Int
    public var max: Int
    public var minFlex: Int?
    public var maxFlex: Int?

    public init(name: String, min: Int, max: Int, minFlex: Int? = nil, maxFlex: Int? = nil) {
        self.name = name
        self.min = min
        self.max = max
        self.minFlex = minFlex
        self.maxFlex = maxFlex
    }
}

/// A stratification category (sex, age band, region...) and the quotas of its values.
public struct QuotaCategory: Sendable, Equatable {
    public var name: String
    public var values: [QuotaValue]

    public init(name: String, values: [QuotaValue]) {
        self.name = name
        self.values = values
    }
}

/// A volunteer in the pool: an id and, for every category, the index of their value in that category.
public struct Volunteer: Sendable, Equatable {
    public var id: String
    public var values: [Int]
    /// People with the same household key may not sit together when the household rule applies.
    public var household: String?

    public init(id: String, values: [Int], household: String? = nil) {
        self.id = id
        self.values = values
        self.household = household
    }
}

/// A draw to make: the pool, the quotas and the panel size.
public struct SortitionInstance: Sendable, Equatable {
    public var categories: [QuotaCategory]
    public var people: [Volunteer]
    public var panelSize: Int
    /// "At most one person per household" (an address column was given).
    public var onePerHousehold: Bool

    public init(categories: [QuotaCategory], people: [Volunteer], panelSize: Int, onePerHousehold: Bool = false) {
        self.categories = categories
        self.people = people
        self.panelSize = panelSize
        self.onePerHousehold = onePerHousehold
    }

    /// Every (category, value) pair numbered in order: the features quotas apply to.
    public var features: [(category: Int, value: Int)] {
        categories.indices.flatMap { c in categories[c].values.indices.map { (c, $0) } }
    }

    /// First feature index of each category, so `featureOffset[c] + value` numbers a feature.
    var featureOffset: [Int] {
        var offsets: [Int] = []
        var next = 0
        for category in categories { offsets.append(next); next += category.values.count }
        return offsets
    }

    /// The feature indices of a person.
    func features(of person: Volunteer) -> [Int] {
        let offsets = featureOffset
        return person.values.enumerated().map { offsets[$0.offset] + $0.element }
    }

    /// A readable name for a feature, such as `gender=female`.
    public func featureName(_ feature: Int) -> String {
        let (c, v) = features[feature]
        return "\(categories[c].name)=\(categories[c].values[v].name)"
    }

    /// Whether a set of people (indices into `people`) is a panel these quotas allow: size, every quota, households.
    public func allows(panel: [Int]) -> Bool {
        guard panel.count == panelSize, Set(panel).count == panel.count else { return false }
        var counts = [Int](repeating: 0, count: features.count)
        for index in panel { for feature in features(of: people[index]) { counts[feature] += 1 } }
        let quotas = categories.flatMap(\.values)
        for (feature, count) in counts.enumerated() where count < quotas[feature].min || count > quotas[feature].max { return false }
        if onePerHousehold {
            let households = panel.compactMap { people[$0].household }
            if Set(households).count != households.count { return false }
        }
        return true
    }
}
