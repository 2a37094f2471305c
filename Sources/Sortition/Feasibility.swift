import LinearSolvers

/// Checks that some panel meets the quotas; when none does, finds the smallest relaxation that makes one possible.
enum Feasibility {
    static func validate(_ instance: SortitionInstance) throws(SortitionError) {
        let n = instance.people.count
        guard instance.panelSize > 0 else { throw .invalidInstance("The panel size must be at least 1.") }
        guard instance.panelSize <= n else {
            throw .impossible("the panel needs \(instance.panelSize) people but the pool has \(n).")
        }
        for category in instance.categories {
            for value in category.values where value.min > value.max || value.min < 0 {
                throw .invalidInstance("The quota of \(category.name)=\(value.name) is invalid: minimum \(value.min), maximum \(value.max).")
            }
        }
        for person in instance.people where person.values.count != instance.categories.count {
            throw .invalidInstance("Volunteer \(person.id) has \(person.values.count) values for \(instance.categories.count) categories.")
        }
    }

    /// Throws `.infeasibleQuotas` with the smallest relaxation when no panel meets the quotas.
    static func check(_ instance: SortitionInstance, profiles: Profiles, backend: any SolverBackend) throws(SortitionError) {
        try validate(instance)
        let model = PanelModel(instance: instance, profiles: profiles, backend: backend)
        do {
            _ = try model.bestPanels(weights: Array(repeating: 0, count: profiles.count))
            return
        } catch .infeasible {
            throw relaxation(instance, profiles: profiles, backend: backend,
                             conflicting: conflictingCategories(instance, profiles: profiles, backend: backend))
        } catch {
            throw .solver(error.description)
        }
    }

    /// A smallest set of categories whose quotas cannot be met together (deletion filter: drop each category's
    /// quotas in turn and keep it out if the rest still admit no panel).
    static func conflictingCategories(_ instance: SortitionInstance, profiles: Profiles, backend: any SolverBackend) -> [String] {
        var active = Set(instance.categories.indices)
        func feasible(_ categories: Set<Int>) -> Bool {
            var relaxed = instance
            for c in relaxed.categories.indices where !categories.contains(c) {
                for v in relaxed.categories[c].values.indices {
                    relaxed.categories[c].values[v].min = 0
                    relaxed.categories[c].values[v].max = instance.panelSize
                }
            }
            let model = PanelModel(instance: relaxed, profiles: profiles, backend: backend)
            return (try? model.bestPanels(weights: Array(repeating: 0, count: profiles.count))) != nil
        }
        for c in instance.categories.indices {
            var without = active
            without.remove(c)
            if !feasible(without) { active = without }
        }
        return active.sorted().map { instance.categories[$0].name }
    }

    private static func relaxation(_ instance: SortitionInstance, profiles: Profiles, backend: any SolverBackend,
                                   conflicting: [String]) -> SortitionError {
        let quotas = instance.categories.flatMap(\.values)
        let p = profiles.count, f = quotas.count
        var variables = (0..<p).map { Variable(lower: 0, upper: Double(profiles.size($0)), isInteger: true) }
        for quota in quotas {   // how far each minimum is lowered
            variables.append(Variable(lower: 0, upper: Double(max(0, quota.min - (quota.minFlex ?? 0))), objective: 1, isInteger: true))
        }
        for quota in quotas {   // how far each maximum is raised
            let ceiling = quota.maxFlex ?? instance.panelSize
            variables.append(Variable(lower: 0, upper: Double(max(0, ceiling - quota.max)), objective: 1, isInteger: true))
        }
        var rows = [Constraint.equal(Array(0..<p), Array(repeating: 1, count: p), Double(instance.panelSize))]
        var holders = [[Int]](repeating: [], count: f)
        for profile in 0..<p { for feature in profiles.features[profile] { holders[feature].append(profile) } }
        for (feature, quota) in quotas.enumerated() {
            let ones = Array(repeating: 1.0, count: holders[feature].count)
            rows.append(Constraint(indices: holders[feature] + [p + feature], coefficients: ones + [1], lower: Double(quota.min)))
            rows.append(Constraint(indices: holders[feature] + [p + f + feature], coefficients: ones + [-1], upper: Double(quota.max)))
        }
        for household in profiles.households {
            rows.append(Constraint(indices: household, coefficients: Array(repeating: 1, count: household.count), upper: 1))
        }
        let program = backend.integerProgram(variables: variables, constraints: rows, sense: .minimize)
        guard let solution = try? program.solve(objective: variables.map(\.objective), options: SearchOptions(seconds: 60)) else {
            return .impossible("even with every quota relaxed as far as its flex bounds allow, no panel of \(instance.panelSize) exists"
                + (instance.onePerHousehold ? " with one person per household." : "."))
        }
        var changes: [QuotaRelaxation] = []
        var categories = conflicting
        for (feature, (c, v)) in instance.features.enumerated() {
            let lowered = Int(solution.values[p + feature].rounded()), raised = Int(solution.values[p + f + feature].rounded())
            guard lowered > 0 || raised > 0 else { continue }
            let quota = quotas[feature]
            changes.append(QuotaRelaxation(category: instance.categories[c].name, value: instance.categories[c].values[v].name,
                                           min: (quota.min, quota.min - lowered), max: (quota.max, quota.max + raised)))
            if !categories.contains(instance.categories[c].name) { categories.append(instance.categories[c].name) }
        }
        return .infeasibleQuotas(categories: categories, relaxation: changes)
    }
}
