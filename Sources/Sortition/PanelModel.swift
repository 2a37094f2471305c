import LinearSolvers

/// The integer program whose whole-valued solutions are exactly the panels the quotas allow, over counts per
/// profile. Pricing solves it with weights as the objective: the allowed panel of greatest total weight.
struct PanelModel {
    let instance: SortitionInstance
    let profiles: Profiles
    private let program: any IntegerProgram

    /// Pricing programs are small and solved many times: CBC's cut generation costs more than it saves on them.
    static let pricingOptions = SearchOptions(cuts: false)

    init(instance: SortitionInstance, profiles: Profiles, backend: any SolverBackend) {
        self.instance = instance
        self.profiles = profiles
        let variables = (0..<profiles.count).map {
            Variable(lower: 0, upper: Double(profiles.size($0)), isInteger: true)
        }
        program = backend.integerProgram(variables: variables, constraints: Self.constraints(instance, profiles), sense: .maximize)
    }

    /// Panel size, every quota, and at most one member per household.
    static func constraints(_ instance: SortitionInstance, _ profiles: Profiles) -> [Constraint] {
        let all = Array(0..<profiles.count)
        var rows = [Constraint.equal(all, Array(repeating: 1, count: all.count), Double(instance.panelSize))]
        let quotas = instance.categories.flatMap(\.values)
        var holders = [[Int]](repeating: [], count: quotas.count)
        for profile in all { for feature in profiles.features[profile] { holders[feature].append(profile) } }
        for (feature, quota) in quotas.enumerated() {
            rows.append(Constraint(indices: holders[feature], coefficients: Array(repeating: 1, count: holders[feature].count),
                                   lower: Double(quota.min), upper: Double(quota.max)))
        }
        for household in profiles.households {
            rows.append(Constraint(indices: household, coefficients: Array(repeating: 1, count: household.count), upper: 1))
        }
        return rows
    }

    /// The allowed panel maximising the sum of `weights` (one per profile, counted once per member taken), with
    /// the other panels the search met, best first. Throws `.infeasible` when no panel meets the quotas.
    func bestPanels(weights: [Double]) throws(SolverError) -> [(value: Double, panel: PanelTemplate)] {
        let solution = try program.solve(objective: weights, options: Self.pricingOptions)
        guard solution.isProvenOptimal else { throw .stopped("the panel search did not finish") }
        var found = [(solution.objective, panel(from: solution.values))]
        for alternative in solution.alternatives { found.append((alternative.objective, panel(from: alternative.values))) }
        return found
    }

    private func panel(from values: [Double]) -> PanelTemplate {
        PanelTemplate(counts: values.map { Int($0.rounded()) })
    }

    func allows(_ panel: PanelTemplate) -> Bool {
        PanelShape(instance: instance, profiles: profiles).allows(panel)
    }
}

/// The quota rules applied to a panel given as counts per profile, without a solver.
struct PanelShape {
    let instance: SortitionInstance
    let profiles: Profiles

    func allows(_ panel: PanelTemplate) -> Bool {
        guard panel.size == instance.panelSize, Set(panel.profiles).count == panel.profiles.count else { return false }
        let quotas = instance.categories.flatMap(\.values)
        var counts = [Int](repeating: 0, count: quotas.count)
        for (profile, count) in zip(panel.profiles, panel.counts) {
            guard profile >= 0, profile < profiles.count, count >= 0, count <= profiles.size(profile) else { return false }
            for feature in profiles.features[profile] { counts[feature] += count }
        }
        for (feature, count) in counts.enumerated() where count < quotas[feature].min || count > quotas[feature].max { return false }
        let taken = Set(panel.profiles)
        for household in profiles.households where household.filter(taken.contains).count > 1 { return false }
        return true
    }
}
