import LinearSolvers

/// A distribution of allowed panels that gives every member of each profile a given probability, found by column
/// generation: minimise the people-weighted shortfall Σ_j size_j·s_j subject to Σ_P λ_P a_jP + s_j ≥ π_j for every
/// profile j, Σ_P λ_P = 1, λ, s ≥ 0 (a_jP = seats of j on P / size of j). Its duals y_j (between 0 and size_j) price a
/// panel at Σ_j (y_j / size_j)·seats_j(P); a panel priced above the convexity row's dual lowers the shortfall, and the
/// same pricing as LEXIMIN's finds it (`ColumnGenerator`).
///
/// The targets are reached when the shortfall is 0; when no panel prices above the bound while some shortfall
/// remains, no distribution of panels reaches them, and `reach` says so with nil.
enum PanelDecomposition {
    /// A shortfall below this, for every profile, counts as none (the simplex's round-off is about 1e-12).
    static let tolerance = 1e-9

    struct Progress {
        /// True while the first panels are herded toward the target (no program solved yet).
        let herding: Bool
        /// People whose probability the panels found so far already reach.
        let reached: Int
        let panels: Int
    }

    static func reach(targets: [Double], profiles: Profiles, instance: SortitionInstance, generator: inout ColumnGenerator,
                      backend: any SolverBackend, progress: ((Progress) -> Void)?) throws(SortitionError) -> PanelDistribution? {
        let p = profiles.count
        // Variables 0..<p: the shortfalls; then one λ per panel, in the order the panels were given.
        let variables = (0..<p).map { profile in
            Variable(lower: 0, upper: targets[profile] > 0 ? .infinity : 0, objective: Double(profiles.size(profile)))
        }
        var rows = (0..<p).map { Constraint(indices: [$0], coefficients: [1], lower: targets[$0]) }
        rows.append(.equal([], [], 1))
        let program = backend.linearProgram(variables: variables, constraints: rows, sense: .minimize)
        var panels: [PanelTemplate] = []
        func add(_ new: [PanelTemplate]) {
            program.add(columns: new.map { panel in
                Column(variable: Variable(lower: 0), rows: panel.profiles + [p],
                       coefficients: zip(panel.profiles, panel.counts).map { Double($1) / Double(profiles.size($0)) } + [1])
            })
            panels += new
        }
        // Columns around the target from the start: far fewer rounds of pricing, each a re-solve of a dense program.
        generator.herd(toward: targets, steps: p) { found in
            progress?(Progress(herding: true, reached: 0, panels: found))
        }
        add(generator.panels)
        var tightened = false
        while true {
            let solution: LinearSolution
            do { solution = try program.solve(.primalSimplex) } catch { throw .solver("panel decomposition: \(error)") }
            let short = (0..<p).filter { solution.values[$0] > tolerance }
            progress?(Progress(herding: false, reached: (0..<p).reduce(0) { $0 + (solution.values[$1] > tolerance ? 0 : profiles.size($1)) },
                               panels: panels.count))
            if short.isEmpty {
                let weights = (0..<panels.count).map { min(1, max(0, solution.values[p + $0])) }
                let total = weights.reduce(0, +)
                let support = panels.indices.filter { weights[$0] > 0 }
                let distribution = PanelDistribution(instance: instance, profiles: profiles, panels: support.map { panels[$0] },
                                                     weights: support.map { weights[$0] / total })
                // The solver's own feasibility tolerance could hide a shortfall: the mixture itself is checked.
                let reached = zip(distribution.profileProbabilities, targets).allSatisfy { $0 >= $1 - Leximin.pricingTolerance }
                if reached { return distribution }
                // Within CLP's default tolerance (1e-7, scaled) the weights may sum to a little more than 1 and a row
                // fall short by as much (1.4e-7 on a pool of 2,000): once, the program is solved again, tighter.
                if tightened { return nil }
                tightened = true
                program.setPrimalTolerance(1e-10)
                continue
            }
            // The solver's sign convention: the rows' duals are non-negative for a minimisation with ≥ rows, and a
            // profile left short has the dual size_j (its shortfall is basic).
            let sign: Double = solution.duals[short[0]] < 0 ? -1 : 1
            let weights = (0..<p).map { max(0, sign * solution.duals[$0]) / Double(profiles.size($0)) }
            let bound = -sign * solution.duals[p]
            let better = try generator.panels(above: bound + Leximin.pricingTolerance * max(1, abs(bound)), weights: weights)
            if better.isEmpty { return nil }
            add(better)
        }
    }
}
