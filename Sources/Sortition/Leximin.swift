import LinearSolvers

/// Where LEXIMIN is: finding panels toward the relaxation's probabilities, mixing them to reach those exactly, or
/// the rounds over panels.
public enum LeximinStage: String, Sendable {
    case herding, decomposition, rounds
}

/// What column generation is doing, for a progress display.
public struct LeximinProgress: Sendable {
    public let stage: LeximinStage
    /// Volunteers whose probability is settled (the rounds over panels) or already reached by the panels found (the
    /// relaxation first), out of the pool.
    public let fixedPeople: Int
    public let poolSize: Int
    /// Panels generated so far.
    public let panels: Int
    /// Panels in the master program now (the others wait in its pool).
    public let columns: Int
    /// The smallest probability still being raised, as far as the current panels allow.
    public let level: Double
}

/// LEXIMIN (Flanigan, Gölz, Gupta, Hennig, Procaccia, Nature 2021): maximise the smallest selection probability,
/// then the next smallest, and so on, by column generation over panels.
///
/// Each round solves "maximise the smallest unsettled probability, keeping the settled ones" over the panels found
/// so far (`MasterProgram`). Its duals y (one per volunteer, summing to 1 over the unsettled) and ŷ give the dual
/// program: minimise ŷ − Σ_settled π_i y_i subject to Σ_{i∈P} y_i ≤ ŷ for every allowed panel P. Pricing looks for
/// a panel that breaks that (a local search first, then the integer program, which alone can say that none does);
/// when none does, the round is optimal, and every volunteer with a positive dual value must sit at the round's value in every optimal
/// distribution (complementary slackness), so their probability is settled; at least one is settled per round.
/// Interchangeable volunteers are handled as profiles (see `Profiles`).
///
/// Those rounds are tried last. First comes the same sequence over the quotas' linear relaxation (`RelaxedLeximin`,
/// one variable per profile, no panel to find: milliseconds), then a search for a distribution of panels giving
/// exactly the probabilities it found (`PanelDecomposition`). Every distribution of panels is a point of the relaxation,
/// so one that reaches the relaxation's leximin vector is LEXIMIN; that is the case on every pool measured (synthetic
/// pools the size of the paper's, the shared instances), and the rounds over panels, which settle one level at a time
/// with a column generation each, are left for pools where the quotas' integrality keeps the relaxation out of reach.
public enum Leximin {
    /// A panel is added only if it beats the current dual bound by more than this; below it the panels found are
    /// treated as enough (probabilities stay within this of the exact optimum; tested against 1e-4).
    public static let pricingTolerance = 1e-7
    /// A dual value above this counts as positive when settling probabilities (simplex duals are exact up to
    /// round-off of about 1e-12; the open duals sum to 1, so the largest is at least 1 / profiles).
    public static let settlingTolerance = 1e-6
    /// When round-off makes the settled probabilities jointly unreachable, they are all lowered by this and the round
    /// is solved again, twice as much at each further failure in a row up to `largestRelaxationStep` (the
    /// reference implementation lowers them by 1e-4 at once, which costs every settled volunteer that much).
    public static let relaxationStep = 1e-9
    /// The step stops growing here (the reference implementation's step).
    public static let largestRelaxationStep = 1e-4

    public static func distribution(
        for instance: SortitionInstance, backend: any SolverBackend = COINOR(), relaxationFirst: Bool = true,
        progress: ((LeximinProgress) -> Void)? = nil
    ) throws(SortitionError) -> PanelDistribution {
        try distribution(for: instance, backend: backend, columnsPerRow: MasterProgram.activeLimit, relaxationFirst: relaxationFirst,
                         progress: progress)
    }

    /// `columnsPerRow`: how many columns per row the master keeps when it prunes (nil: it keeps every panel, for
    /// comparison in benchmarks and tests). `relaxationFirst`: try the relaxation's leximin vector first
    /// (`RelaxedLeximin`, `PanelDecomposition`); false goes straight to the rounds over panels, for comparison.
    public static func distribution(
        for instance: SortitionInstance, backend: any SolverBackend, columnsPerRow: Int?, relaxationFirst: Bool = true,
        progress: ((LeximinProgress) -> Void)?
    ) throws(SortitionError) -> PanelDistribution {
        let profiles = Profiles(instance)
        try Feasibility.check(instance, profiles: profiles, backend: backend)
        let model = PanelModel(instance: instance, profiles: profiles, backend: backend)
        var generator = ColumnGenerator(model: model)
        let p = profiles.count
        var fixed = [Double?](repeating: nil, count: p)
        let unseated = try generator.coverEveryone()
        for profile in unseated { fixed[profile] = 0 }
        if relaxationFirst, let reached = try relaxationReached(
            instance: instance, profiles: profiles, unseated: unseated, generator: &generator, backend: backend, progress: progress) {
            return reached
        }

        func peopleFixed(_ fixed: [Double?]) -> Int { (0..<p).filter { fixed[$0] != nil }.reduce(0) { $0 + profiles.size($1) } }
        var master = MasterProgram(profiles: profiles, fixed: fixed, panels: generator.panels, backend: backend, columnsPerRow: columnsPerRow)
        var relaxation = relaxationStep
        while master.fixed.contains(where: { $0 == nil }) {
            while true {
                let solution: MasterProgram.Duals
                do {
                    solution = try master.solve()
                } catch .infeasible {
                    // Settled probabilities jointly out of reach by round-off: lower them slightly and solve again.
                    for index in 0..<p { if let value = master.fixed[index] { master.settle(index, at: max(0, value - relaxation)) } }
                    relaxation = min(relaxation * 2, largestRelaxationStep)
                    continue
                } catch {
                    throw .solver("master program: \(error)")
                }
                relaxation = relaxationStep
                if master.recall(above: solution.bound + pricingTolerance, duals: solution.profiles) { continue }
                let weights = (0..<p).map { solution.profiles[$0] / Double(profiles.size($0)) }
                let better = try generator.panels(above: solution.bound + pricingTolerance, weights: weights)
                if better.isEmpty {
                    let level = max(0, solution.level)
                    for index in 0..<p where master.fixed[index] == nil && solution.profiles[index] > settlingTolerance {
                        master.settle(index, at: level)
                    }
                    progress?(LeximinProgress(stage: .rounds, fixedPeople: peopleFixed(master.fixed), poolSize: instance.people.count,
                                              panels: generator.panels.count, columns: master.columns, level: level))
                    break
                }
                master.add(better)
            }
        }
        return try finalDistribution(instance: instance, profiles: profiles, panels: generator.panels,
                                     targets: master.fixed.map { $0 ?? 0 }, backend: backend)
    }

    /// The relaxation's leximin vector (`RelaxedLeximin`) and a distribution of panels that reaches it
    /// (`PanelDecomposition`): since every distribution of panels is a point of the relaxation (P ⊆ Q), one that
    /// reaches the relaxation's leximin vector is LEXIMIN. Nil when the relaxation's rounds fail or no distribution
    /// reaches its vector (the quotas' integrality matters there); the rounds over panels then decide, starting from
    /// the panels found here.
    static func relaxationReached(
        instance: SortitionInstance, profiles: Profiles, unseated: [Int], generator: inout ColumnGenerator,
        backend: any SolverBackend, progress: ((LeximinProgress) -> Void)?
    ) throws(SortitionError) -> PanelDistribution? {
        guard let targets = try? RelaxedLeximin.probabilities(instance: instance, profiles: profiles, zero: unseated, backend: backend)
        else { return nil }
        let open = Set(0..<profiles.count).subtracting(unseated)
        let smallest = open.map { targets[$0] }.min() ?? 0
        var reached = 0
        // A solver failure here (a pricing search that does not finish) leaves the decision to the rounds as well.
        return try? PanelDecomposition.reach(targets: targets, profiles: profiles, instance: instance, generator: &generator,
                                             backend: backend) { step in
            reached = max(reached, step.reached)
            progress?(LeximinProgress(stage: step.herding ? .herding : .decomposition, fixedPeople: reached, poolSize: instance.people.count, panels: step.panels,
                                      columns: step.panels, level: smallest))
        }
    }

    /// The distribution over the generated panels that reaches every settled probability (up to the smallest
    /// possible shortfall ε, which round-off alone makes non-zero). Simplex ends at a vertex: a sparse support.
    static func finalDistribution(instance: SortitionInstance, profiles: Profiles, panels: [PanelTemplate],
                                  targets: [Double], backend: any SolverBackend) throws(SortitionError) -> PanelDistribution {
        let q = panels.count
        var variables = [Variable](repeating: Variable(lower: 0), count: q)
        variables.append(Variable(lower: 0, objective: 1))
        var rows = [Constraint.equal(Array(0..<q), Array(repeating: 1, count: q), 1)]
        var terms = [[(Int, Double)]](repeating: [], count: profiles.count)
        for (index, panel) in panels.enumerated() {
            for (profile, count) in zip(panel.profiles, panel.counts) {
                terms[profile].append((index, Double(count) / Double(profiles.size(profile))))
            }
        }
        for (profile, entries) in terms.enumerated() {
            rows.append(Constraint(indices: entries.map(\.0) + [q], coefficients: entries.map(\.1) + [1], lower: targets[profile]))
        }
        let program = backend.linearProgram(variables: variables, constraints: rows, sense: .minimize)
        let solution: LinearSolution
        do { solution = try program.solve(.primalSimplex) } catch { throw .solver("final distribution: \(error)") }
        let clipped = solution.values[0..<q].map { min(1, max(0, $0)) }
        let total = clipped.reduce(0, +)
        var support: [PanelTemplate] = []
        var weights: [Double] = []
        for (panel, weight) in zip(panels, clipped) where weight > 0 {
            support.append(panel)
            weights.append(weight / total)
        }
        return PanelDistribution(instance: instance, profiles: profiles, panels: support, weights: weights)
    }
}
