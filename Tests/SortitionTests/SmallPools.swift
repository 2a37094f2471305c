import Sortition

/// Small pools built in the tests, reproducible from a seed.
enum SmallPools {
    static let categories = [
        QuotaCategory(name: "sex", values: [QuotaValue(name: "female", min: 4, max: 6), QuotaValue(name: "male", min: 4, max: 6)]),
        QuotaCategory(name: "age", values: [QuotaValue(name: "16-29", min: 2, max: 4), QuotaValue(name: "30-59", min: 3, max: 5),
                                            QuotaValue(name: "60+", min: 2, max: 4)]),
        QuotaCategory(name: "area", values: [QuotaValue(name: "urban", min: 5, max: 7), QuotaValue(name: "rural", min: 3, max: 5)]),
    ]

    /// `n` volunteers with values drawn from `seed`, skewed so that young rural women are rare; panel of 10.
    static func pool(n: Int = 60, seed: String = "small-pool", households: Bool = false) -> SortitionInstance {
        var generator = DrawGenerator(seed: seed)
        let people = (0..<n).map { index -> Volunteer in
            let sex = generator.uniform(below: 2)
            let age = [0, 1, 1, 2, 2][generator.uniform(below: 5)]
            let area = sex == 0 && age == 0 ? 0 : [0, 0, 1][generator.uniform(below: 3)]
            return Volunteer(id: "v\(index)", values: [sex, age, area], household: households ? "home\(index / 2)" : nil)
        }
        return SortitionInstance(categories: categories, people: people, panelSize: 10, onePerHousehold: households)
    }
}
