import CSVFormat
import LinearSolvers

/// Volunteer pools made to measure the engine where real pools cannot be shared: the categories a convention draws
/// on (sex, age band, education, occupation, region, kind of area, housing, household), population shares close to
/// France's, category values that depend on each other the way they do in a population (the young are more often
/// graduates and tenants, the old retired, managers graduates, some regions rural), and a self-selection that makes
/// the pool unlike the population (graduates, people in their fifties to seventies and city dwellers volunteer more,
/// manual workers and the young less), as invitations by lot do. Quotas are the population shares of the panel
/// within ten per cent, rounded outwards; where the pool cannot meet them together they take the smallest relaxation the engine
/// finds, as organisers widen quotas their pool cannot fill.
///
/// With six or more categories most volunteers have a profile of their own, which is what makes real pools hard.
/// Deterministic: the same parameters and seed give the same pool.
public enum SyntheticPool {
    /// One category of the catalogue: its values with their population shares, and how a value depends on the
    /// values already drawn (`factor(previous, value)` multiplies the share) and how it moves someone to volunteer.
    struct Category: Sendable {
        let name: String
        let values: [String]
        let shares: [Double]
        var factor: @Sendable (_ previous: [Int], _ value: Int) -> Double = { _, _ in 1 }
        var propensity: [Double]? = nil
    }

    /// The catalogue, in the order categories are taken (a pool with c categories uses the first c).
    static let catalogue: [Category] = [
        Category(name: "age", values: ["16-24", "25-34", "35-49", "50-64", "65-74", "75+"],
                 shares: [0.13, 0.15, 0.24, 0.24, 0.13, 0.11], propensity: [0.55, 0.75, 0.9, 1.3, 1.6, 0.9]),
        Category(name: "sex", values: ["female", "male"], shares: [0.515, 0.485]),
        Category(name: "education", values: ["no diploma", "secondary", "two or three years of higher education", "master or more"],
                 shares: [0.20, 0.42, 0.20, 0.18],
                 factor: { previous, value in
                     // The young are more often graduates, the old less.
                     let age = previous[0]
                     let tilt: [[Double]] = [[0.6, 1.0, 1.3, 1.3], [0.5, 0.9, 1.3, 1.6], [0.7, 1.0, 1.1, 1.2],
                                             [1.1, 1.1, 0.9, 0.8], [1.6, 1.0, 0.7, 0.6], [2.4, 0.9, 0.4, 0.3]]
                     return tilt[age][value]
                 },
                 propensity: [0.45, 0.85, 1.35, 2.1]),
        Category(name: "occupation",
                 values: ["farmers", "craftspeople and shopkeepers", "managers", "intermediate professions", "employees",
                          "manual workers", "retired", "other inactive"],
                 shares: [0.01, 0.04, 0.10, 0.14, 0.16, 0.12, 0.32, 0.11],
                 factor: { previous, value in
                     let age = previous[0], education = previous[2]
                     // Retired from 65, students and other inactive among the young.
                     let byAge: [[Double]] = [[0.3, 0.4, 0.3, 1.0, 1.4, 1.2, 0.0, 4.0], [1.0, 1.0, 1.3, 1.6, 1.5, 1.5, 0.0, 0.8],
                                              [1.2, 1.4, 1.5, 1.5, 1.4, 1.4, 0.0, 0.5], [1.5, 1.4, 1.3, 1.2, 1.2, 1.2, 0.4, 0.7],
                                              [0.5, 0.3, 0.2, 0.1, 0.1, 0.1, 3.2, 0.4], [0.1, 0.1, 0.0, 0.0, 0.0, 0.0, 3.6, 0.5]]
                     let byEducation: [[Double]] = [[1.4, 1.2, 0.1, 0.4, 1.1, 2.0, 1.2, 1.3], [1.1, 1.2, 0.5, 0.9, 1.3, 1.2, 1.0, 1.0],
                                                    [0.8, 0.8, 1.3, 1.8, 0.9, 0.4, 0.9, 0.8], [0.5, 0.6, 3.5, 1.3, 0.4, 0.1, 0.9, 0.8]]
                     return byAge[age][value] * byEducation[education][value]
                 },
                 propensity: [0.9, 1.0, 1.5, 1.3, 0.9, 0.6, 1.1, 0.8]),
        Category(name: "region",
                 values: ["Auvergne-Rhône-Alpes", "Bourgogne-Franche-Comté", "Bretagne", "Centre-Val de Loire", "Corse",
                          "Grand Est", "Hauts-de-France", "Île-de-France", "Normandie", "Nouvelle-Aquitaine", "Occitanie",
                          "Pays de la Loire", "Provence-Alpes-Côte d'Azur", "Outre-mer"],
                 shares: [0.12, 0.04, 0.05, 0.04, 0.005, 0.08, 0.09, 0.18, 0.05, 0.09, 0.09, 0.06, 0.075, 0.03]),
        Category(name: "area", values: ["city centre", "suburb", "rural"], shares: [0.45, 0.35, 0.20],
                 factor: { previous, value in
                     // Île-de-France is urban; Corsica, Centre, Bourgogne and Normandy are more rural.
                     switch (previous[4], value) {
                     case (7, 2): 0.15
                     case (7, _): 1.3
                     case (1, 2), (3, 2), (4, 2), (8, 2): 1.9
                     default: 1
                     }
                 },
                 propensity: [1.2, 1.0, 0.75]),
        Category(name: "housing", values: ["owner", "tenant", "other"], shares: [0.58, 0.37, 0.05],
                 factor: { previous, value in
                     let tilt: [[Double]] = [[0.3, 1.8, 3.0], [0.6, 1.6, 1.0], [1.0, 1.0, 0.7], [1.2, 0.7, 0.6], [1.4, 0.5, 0.6], [1.3, 0.5, 1.5]]
                     return tilt[previous[0]][value]
                 }),
        Category(name: "household", values: ["alone", "couple without children", "with children", "other"],
                 shares: [0.36, 0.27, 0.30, 0.07],
                 factor: { previous, value in
                     let tilt: [[Double]] = [[0.7, 0.4, 0.5, 3.5], [1.0, 1.1, 1.0, 1.0], [0.6, 0.5, 2.0, 0.7],
                                             [0.9, 1.4, 1.0, 0.6], [1.2, 1.9, 0.2, 0.5], [2.0, 1.2, 0.05, 0.8]]
                     return tilt[previous[0]][value]
                 }),
    ]

    /// The largest number of categories a pool can have.
    public static var maximumCategories: Int { catalogue.count }

    /// A pool of `people` volunteers for a panel of `panelSize`, on the first `categories` categories of the
    /// catalogue, from `seed`.
    public static func make(people: Int, panelSize: Int, categories count: Int, seed: String = "synthetic") throws(SortitionError) -> SortitionInstance {
        guard (1...catalogue.count).contains(count) else {
            throw .invalidInstance("A synthetic pool has between 1 and \(catalogue.count) categories.")
        }
        guard panelSize > 0, people >= panelSize else { throw .invalidInstance("The pool must be at least as large as the panel.") }
        // Always draw every category so that values depend on the same ones whatever the count; keep the first ones.
        let used = Array(catalogue.prefix(count))
        var generator = DrawGenerator(seed: seed)
        let highest = catalogue.reduce(1.0) { $0 * ($1.propensity?.max() ?? 1) }
        var volunteers: [Volunteer] = []
        while volunteers.count < people {
            let person = draw(&generator)
            let propensity = catalogue.indices.reduce(1.0) { $0 * (catalogue[$1].propensity?[person[$1]] ?? 1) }
            guard unit(&generator) * highest < propensity else { continue }
            volunteers.append(Volunteer(id: "p\(volunteers.count)", values: Array(person.prefix(count))))
        }
        var quotas = used.indices.map { c in
            used[c].values.indices.map { v in
                let target = Double(panelSize) * populationShares[c][v]
                return (min: Int((target * 0.9).rounded(.down)), max: Int((target * 1.1).rounded(.up)))
            }
        }
        func instance() -> SortitionInstance {
            SortitionInstance(categories: used.indices.map { c in
                QuotaCategory(name: used[c].name, values: used[c].values.indices.map { v in
                    QuotaValue(name: used[c].values[v], min: quotas[c][v].min, max: quotas[c][v].max)
                })
            }, people: volunteers, panelSize: panelSize)
        }
        let candidate = instance()
        do {
            try Feasibility.check(candidate, profiles: Profiles(candidate), backend: COINOR())
            return candidate
        } catch let .infeasibleQuotas(_, relaxation) {
            for change in relaxation {
                guard let c = used.firstIndex(where: { $0.name == change.category }),
                      let v = used[c].values.firstIndex(of: change.value) else { continue }
                quotas[c][v] = (min: change.min.to, max: change.max.to)
            }
            return instance()
        }
    }

    /// One person of the population: a value index for every category of the catalogue.
    static func draw(_ generator: inout DrawGenerator) -> [Int] {
        var person: [Int] = []
        for category in catalogue {
            let weights = category.values.indices.map { category.shares[$0] * category.factor(person, $0) }
            person.append(pick(weights, &generator))
        }
        return person
    }

    /// Each value's share of the population, estimated once from 100,000 people (the conditional draws move the
    /// catalogue's shares a little; the quotas follow the population actually drawn from). The same for every pool.
    public static let populationShares: [[Double]] = {
        var generator = DrawGenerator(seed: "population")
        let samples = 100_000
        var counts = catalogue.map { [Int](repeating: 0, count: $0.values.count) }
        for _ in 0..<samples {
            for (c, value) in draw(&generator).enumerated() { counts[c][value] += 1 }
        }
        return counts.map { $0.map { Double($0) / Double(samples) } }
    }()

    static func unit(_ generator: inout DrawGenerator) -> Double {
        Double(generator.nextWord() >> 11) / Double(1 << 53)
    }

    static func pick(_ weights: [Double], _ generator: inout DrawGenerator) -> Int {
        let total = weights.reduce(0, +)
        var remaining = unit(&generator) * total
        for (index, weight) in weights.enumerated() {
            remaining -= weight
            if remaining < 0 { return index }
        }
        return weights.count - 1
    }
}

extension SyntheticPool {
    /// The pool in the replication format of Flanigan et al. (`categories.csv`, `respondents.csv`), which
    /// `InstanceReader` and the reference implementations read.
    public static func replicationFiles(_ instance: SortitionInstance) -> (categories: String, respondents: String) {
        var categories = CSVWriter(header: ["category", "feature", "min", "max"])
        for category in instance.categories {
            for value in category.values { categories.append([category.name, value.name, "\(value.min)", "\(value.max)"]) }
        }
        var respondents = CSVWriter(header: instance.categories.map(\.name))
        for person in instance.people {
            respondents.append(zip(instance.categories, person.values).map { $0.values[$1].name })
        }
        return (categories.text, respondents.text)
    }
}
