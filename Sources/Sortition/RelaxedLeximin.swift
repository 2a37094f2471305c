import LinearSolvers

/// LEXIMIN over the quotas' linear relaxation: the same sequence of rounds as `Leximin`, but over members'
/// probabilities that need only meet the quotas on average (the polytope Q of fractional panels: counts per profile
/// between 0 and the profile's size, the panel size, every quota and the household rule), not over distributions of
/// whole panels (the polytope P of their averages, inside Q).
///
/// Since P ⊆ Q, the relaxation's leximin vector is at least as good, in the leximin order, as any distribution of
/// panels. When a distribution of panels reaches it exactly (`PanelDecomposition`), that distribution is the LEXIMIN
/// one, with no column generation round by round: Q has one variable per profile and no panel to search for, so its
/// rounds take milliseconds where the rounds over panels take most of the engine's time on varied pools.
enum RelaxedLeximin {
    /// Each profile's probability (per member) in the relaxation's leximin vector; `zero` are held at 0 (profiles no
    /// allowed panel seats).
    static func probabilities(instance: SortitionInstance, profiles: Profiles, zero: [Int],
                              backend: any SolverBackend) throws(SortitionError) -> [Double] {
        let p = profiles.count
        // Variable 0 is the level t (minimise −t), free so that it stays basic and the open rows' duals sum to 1 (the
        // profiles' sizes bound it); variable 1 + j the members of profile j seated, on average.
        var variables = [Variable(lower: -.infinity, upper: .infinity, objective: -1)]
        let isZero = Set(zero)
        for profile in 0..<p {
            variables.append(Variable(lower: 0, upper: isZero.contains(profile) ? 0 : Double(profiles.size(profile))))
        }
        // Rows 0..<p: seated(j) − size(j)·t ≥ 0 while j is open, seated(j) ≥ size(j)·π_j once settled.
        var rows = (0..<p).map { profile in
            isZero.contains(profile)
                ? Constraint(indices: [], coefficients: [], lower: 0)
                : Constraint(indices: [0, profile + 1], coefficients: [-Double(profiles.size(profile)), 1], lower: 0)
        }
        rows += PanelModel.constraints(instance, profiles).map { row in
            Constraint(indices: row.indices.map { $0 + 1 }, coefficients: row.coefficients, lower: row.lower, upper: row.upper)
        }
        let program = backend.linearProgram(variables: variables, constraints: rows, sense: .minimize)
        var settled = [Double?](repeating: nil, count: p)
        for profile in zero { settled[profile] = 0 }
        var relaxation = Leximin.relaxationStep
        while settled.contains(where: { $0 == nil }) {
            let solution: LinearSolution
            do {
                solution = try program.solve(.dualSimplex)
            } catch .infeasible {
                // The settled values jointly out of reach by round-off: lower them slightly, as the rounds over panels do.
                for profile in 0..<p {
                    if let value = settled[profile], value > 0 {
                        settled[profile] = max(0, value - relaxation)
                        program.setBounds(row: profile, lower: Double(profiles.size(profile)) * settled[profile]!, upper: .infinity)
                    }
                }
                relaxation = min(relaxation * 2, Leximin.largestRelaxationStep)
                continue
            } catch {
                throw .solver("relaxed LEXIMIN: \(error)")
            }
            relaxation = Leximin.relaxationStep
            let level = min(1, max(0, solution.values[0]))
            // The open rows' duals, scaled to a member, sum to 1 (the t column); the solver's sign is normalised.
            let open = (0..<p).filter { settled[$0] == nil }
            let sum = open.reduce(0) { $0 + solution.duals[$1] * Double(profiles.size($1)) }
            let sign: Double = sum < 0 ? -1 : 1
            var any = false
            for profile in open where sign * solution.duals[profile] * Double(profiles.size(profile)) > Leximin.settlingTolerance {
                settled[profile] = level
                program.setCoefficient(row: profile, column: 0, value: 0)
                program.setBounds(row: profile, lower: Double(profiles.size(profile)) * level, upper: .infinity)
                any = true
            }
            // Duals summing to 1 always leave one above the tolerance; round-off that hides them all leaves the
            // relaxation undecided, and the rounds over panels decide instead.
            if !any { throw .solver("relaxed LEXIMIN: a round settled no probability") }
        }
        return settled.map { $0 ?? 0 }
    }
}
