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
    /// The most a probability of the distribution returned may fall below its target: the pricing tolerance is
    /// relative to the bound (the convexity row's dual, up to the panel size), so the last shortfalls it lets through
    /// can reach a few 1e-7 (6.5e-7 for one profile of a pool of 2,000).
    static let acceptance = 1e-6

    /// Local searches per pricing round: the searches are cheap beside a re-solve of this dense program, and more
    /// panels per round mean fewer re-solves (10 per round: 60 rounds on a pool of 2,000 with 1,391 profiles).
    static func searchStarts(profiles: Int) -> Int { max(ColumnGenerator.searchStarts, profiles / 20) }

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
        // The herded panels' average approaches the target as 1/steps; with two per profile the first program
        // reached it on the pool of 2,000 (one per profile: 22–24 rounds of pricing after it).
        generator.herd(toward: targets, steps: 2 * p) { found in
            progress?(Progress(herding: true, reached: 0, panels: found))
        }
        add(generator.panels)
        var tightened = false
        // The first solve starts from the shortfalls alone, where every panel's reduced cost is 0: a start for the
        // dual simplex, about twice as fast there as the primal; after new panels, the primal goes on from the basis.
        var method = LinearMethod.dualSimplex
        while true {
            let solution: LinearSolution
            do { solution = try program.solve(method) } catch { throw .solver("panel decomposition: \(error)") }
            method = .primalSimplex
            let short = (0..<p).filter { solution.values[$0] > tolerance }
            progress?(Progress(herding: false, reached: (0..<p).reduce(0) { $0 + (solution.values[$1] > tolerance ? 0 : profiles.size($1)) },
                               panels: panels.count))
            var better: [PanelTemplate] = []
            if !short.isEmpty {
                // The solver's sign convention: the rows' duals are non-negative for a minimisation with ≥ rows, and
                // a profile left short has the dual size_j (its shortfall is basic).
                let sign: Double = solution.duals[short[0]] < 0 ? -1 : 1
                let weights = (0..<p).map { max(0, sign * solution.duals[$0]) / Double(profiles.size($0)) }
                let bound = -sign * solution.duals[p]
                better = try generator.panels(above: bound + Leximin.pricingTolerance * max(1, abs(bound)), weights: weights,
                                              starts: searchStarts(profiles: p))
                // No panel beats the bound by the pricing tolerance: a shortfall beyond round-off is the quotas'
                // integrality (Q's vector is out of reach); one within `acceptance` is the pricing's own tolerance.
                if better.isEmpty, short.contains(where: { solution.values[$0] > acceptance }) { return nil }
            }
            if better.isEmpty {
                let weights = (0..<panels.count).map { min(1, max(0, solution.values[p + $0])) }
                let total = weights.reduce(0, +)
                let support = panels.indices.filter { weights[$0] > 0 }
                let distribution = PanelDistribution(instance: instance, profiles: profiles, panels: support.map { panels[$0] },
                                                     weights: support.map { weights[$0] / total })
                // The solver's own feasibility tolerance could hide a shortfall: the mixture itself is checked.
                if zip(distribution.profileProbabilities, targets).allSatisfy({ $0 >= $1 - acceptance }) { return distribution }
                // Within CLP's default tolerance (1e-7, in its scaled units) the weights may sum to a little more than 1
                // and rows fall short by as much (1.4e-7 on a pool of 2,000): once, the program is solved again with a
                // tighter one.
                if tightened { return nil }
                tightened = true
                program.setPrimalTolerance(1e-10)
                continue
            }
            add(better)
        }
    }
}
