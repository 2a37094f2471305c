import LinearSolvers

/// The panels found so far, and the pricing step that finds more.
struct ColumnGenerator {
    let model: PanelModel
    private let search: PanelSearch
    private(set) var panels: [PanelTemplate] = []
    private var known: Set<PanelTemplate> = []
    /// Pricing integer programs solved (the rest of the panels came from the local search).
    private(set) var integerSolves = 0

    /// Local searches start from this many of the heaviest known panels.
    static let searchStarts = 10

    init(model: PanelModel) {
        self.model = model
        search = PanelSearch(shape: PanelShape(instance: model.instance, profiles: model.profiles))
    }

    private mutating func insert(_ panel: PanelTemplate) -> Bool {
        precondition(model.allows(panel), "the solver returned a panel that breaks the quotas")
        guard known.insert(panel).inserted else { return false }
        panels.append(panel)
        return true
    }

    /// Finds panels until every profile that can sit on some panel sits on one; returns the profiles that cannot
    /// (no allowed panel contains them, so their probability is 0 under any algorithm).
    mutating func coverEveryone() throws(SortitionError) -> [Int] {
        let profiles = model.profiles
        var covered = [Bool](repeating: false, count: profiles.count)
        while true {
            let weights = (0..<profiles.count).map { covered[$0] ? 0 : 1 / Double(profiles.size($0)) }
            // The local search from the last panel found seats profiles not yet covered in a few milliseconds; the
            // integer program (seconds on pools of thousands of profiles) is left to find the first panel and to
            // prove that the profiles left fit on none.
            if let last = panels.last {
                let found = search.improve(last, weights: weights).panel
                if found.profiles.contains(where: { !covered[$0] }) {
                    _ = insert(found)
                    for profile in found.profiles { covered[profile] = true }
                    continue
                }
            }
            let found: [(value: Double, panel: PanelTemplate)]
            do { found = try model.bestPanels(weights: weights) } catch { throw .solver(error.description) }
            guard let best = found.first, best.value > 1e-9 else { break }
            for candidate in found {
                guard candidate.panel.profiles.contains(where: { !covered[$0] }) else { continue }
                _ = insert(candidate.panel)
                for profile in candidate.panel.profiles { covered[profile] = true }
            }
        }
        return (0..<profiles.count).filter { !covered[$0] }
    }

    /// Panels whose average approaches given probabilities, by herding (a Frank–Wolfe step per panel): each next panel
    /// is the local search's best under the seats still owed, profile by profile, after the panels so far, starting from
    /// the one before. They give the decomposition's first program columns that surround its target. Returns how many
    /// were new.
    @discardableResult
    mutating func herd(toward probabilities: [Double], steps: Int, progress: ((Int) -> Void)? = nil) -> Int {
        let profiles = model.profiles
        let expected = probabilities.indices.map { probabilities[$0] * Double(profiles.size($0)) }
        var seats = [Double](repeating: 0, count: profiles.count)
        guard var current = panels.max(by: { weightOf($0, expected) < weightOf($1, expected) }) else { return 0 }
        var added = 0
        for step in 1...max(1, steps) {
            let weights = expected.indices.map { (Double(step) * expected[$0] - seats[$0]) / Double(profiles.size($0)) }
            // The previous panel has just been paid for and is the worst start; the heaviest known panel under the
            // seats still owed is usually a few swaps from the best.
            let start = panels.max(by: { weightOf($0, weights) < weightOf($1, weights) }) ?? current
            current = search.improve(start, weights: weights).panel
            for (profile, count) in zip(current.profiles, current.counts) { seats[profile] += Double(count) }
            if insert(current) { added += 1 }
            if step % 100 == 0 { progress?(panels.count) }
        }
        return added
    }

    private func weightOf(_ panel: PanelTemplate, _ weights: [Double]) -> Double {
        zip(panel.profiles, panel.counts).reduce(0) { $0 + weights[$1.0] * Double($1.1) }
    }

    /// New panels whose total weight exceeds `threshold` (empty when none: the panels are enough). The local search
    /// is tried first, from the heaviest known panels; the integer program decides when it finds nothing.
    mutating func panels(above threshold: Double, weights: [Double], starts count: Int = searchStarts) throws(SortitionError) -> [PanelTemplate] {
        var added: [PanelTemplate] = []
        let starts = panels.map { (weightOf($0, weights), $0) }.sorted { $0.0 > $1.0 }.prefix(count)
        for (_, start) in starts {
            let found = search.improve(start, weights: weights)
            if found.value > threshold, insert(found.panel) { added.append(found.panel) }
        }
        if !added.isEmpty { return added }
        integerSolves += 1
        let found: [(value: Double, panel: PanelTemplate)]
        do { found = try model.bestPanels(weights: weights) } catch { throw .solver(error.description) }
        for candidate in found where candidate.value > threshold {
            if insert(candidate.panel) { added.append(candidate.panel) }
        }
        return added
    }
}

/// The restricted master program of one LEXIMIN round, over the panels found so far:
/// maximise t subject to Σ_P λ_P a_uP ≥ t for every open profile u, Σ_P λ_P a_uP ≥ π_u for every settled one,
/// Σ_P λ_P = 1, λ ≥ 0, where a_uP = (seats of u on P) / (size of u) is a member's chance under panel P.
/// New panels are new columns, so primal simplex re-solves from the previous basis. Its row duals are the y of the
/// LEXIMIN dual (one per profile) and ŷ (the convexity row).
/// It lives across rounds: settling a profile turns its row from "≥ t" into "≥ π_u" in place, so every solve
/// starts from the previous basis.
///
/// Only some of the panels are columns at a time: every simplex step prices every column, and most panels found
/// along the way are never used again. When the columns grow past twice `activeLimit` per row, the nonbasic ones
/// that the duals price worst leave the program (the basis stays as it was); they stay in the pool, and
/// `recall` brings back any that the current duals price above the bound before new panels are looked for, so
/// every known panel is priced at every step and the optimum is the same.
struct MasterProgram {
    private let profiles: Profiles
    private let program: any LinearProgram
    private(set) var fixed: [Double?]
    /// Every panel given to the master: the profiles it seats and a member's chance under it.
    private var pool: [(rows: [Int], chances: [Double])] = []
    /// The pool index of each column after t, in column order.
    private var active: [Int] = []
    private var isActive: [Bool] = []
    /// Profiles settled so far, and the level and settled count at the last pruning: pruning again needs progress
    /// (a higher level, or a profile settled since), so pruning and recalling cannot cycle on a degenerate program.
    private var settled = 0
    private var lastPrune: (level: Double, settled: Int)?

    /// Columns are pruned back to this many per row when they exceed twice as many (nil: never).
    static let activeLimit = 2
    private let columnsPerRow: Int?

    struct Duals {
        /// One per profile, non-negative, summing to 1 over the open profiles.
        let profiles: [Double]
        /// The dual of Σλ = 1: no panel may weigh more than this under `profiles`.
        let bound: Double
        /// The round's optimum t (the smallest open probability the panels so far allow).
        let level: Double
    }

    init(profiles: Profiles, fixed: [Double?], panels: [PanelTemplate], backend: any SolverBackend,
         columnsPerRow: Int? = activeLimit) {
        self.profiles = profiles
        self.columnsPerRow = columnsPerRow
        self.fixed = fixed
        let p = profiles.count
        // Variable 0 is t (minimise −t); rows 0..<p are the profiles, row p is the convexity row.
        var rows = (0..<p).map { u in
            fixed[u] == nil ? Constraint(indices: [0], coefficients: [-1], lower: 0)
                : Constraint(indices: [], coefficients: [], lower: fixed[u]!)
        }
        rows.append(.equal([], [], 1))
        program = backend.linearProgram(variables: [Variable(lower: -.infinity, objective: -1)], constraints: rows, sense: .minimize)
        add(panels)
    }

    mutating func add(_ panels: [PanelTemplate]) {
        let first = pool.count
        for panel in panels {
            pool.append((panel.profiles, zip(panel.profiles, panel.counts).map { Double($1) / Double(profiles.size($0)) }))
            isActive.append(false)
        }
        activate(Array(first..<pool.count))
    }

    /// Panels that are columns of the program now.
    var columns: Int { active.count }

    private mutating func activate(_ entries: [Int]) {
        let p = profiles.count
        program.add(columns: entries.map { entry in
            Column(variable: Variable(lower: 0), rows: pool[entry].rows + [p], coefficients: pool[entry].chances + [1])
        })
        for entry in entries { isActive[entry] = true }
        active += entries
    }

    private func weight(_ entry: Int, _ duals: [Double]) -> Double {
        zip(pool[entry].rows, pool[entry].chances).reduce(0) { $0 + duals[$1.0] * $1.1 }
    }

    /// Brings back the pooled panels that weigh more than `threshold` under `duals`; whether there were any.
    mutating func recall(above threshold: Double, duals: [Double]) -> Bool {
        let entries = pool.indices.filter { !isActive[$0] && weight($0, duals) > threshold }
        activate(entries)
        return !entries.isEmpty
    }

    /// Moves out of the program the nonbasic columns the duals price worst, when there are too many.
    private mutating func prune(_ solution: LinearSolution, _ duals: Duals) {
        guard let columnsPerRow else { return }
        let limit = columnsPerRow * (profiles.count + 1)
        guard active.count > 2 * limit else { return }
        if let lastPrune, lastPrune.settled == settled, duals.level <= lastPrune.level + 1e-12 { return }
        lastPrune = (duals.level, settled)
        // A column priced strictly below the bound is nonbasic (basic columns price exactly at it).
        let candidates = active.indices
            .map { (column: $0, slack: duals.bound - weight(active[$0], duals.profiles)) }
            .filter { solution.values[$0.column + 1] <= 0 && $0.slack > 1e-9 }
            .sorted { $0.slack > $1.slack }
            .prefix(active.count - limit)
        let leaving = candidates.map(\.column).sorted()
        program.remove(columns: leaving.map { $0 + 1 })
        for column in leaving { isActive[active[column]] = false }
        let gone = Set(leaving)
        active = active.indices.filter { !gone.contains($0) }.map { active[$0] }
    }

    /// Settles a profile's probability (or lowers a settled one).
    mutating func settle(_ profile: Int, at value: Double) {
        if fixed[profile] == nil { program.setCoefficient(row: profile, column: 0, value: 0) }
        fixed[profile] = value
        settled += 1
        program.setBounds(row: profile, lower: value, upper: .infinity)
    }

    mutating func solve() throws(SolverError) -> Duals {
        let solution = try program.solve(.primalSimplex)
        let p = profiles.count
        // Normalise the solver's sign convention: the open profiles' duals must sum to 1 (the t column).
        let openSum = (0..<p).filter { fixed[$0] == nil }.reduce(0) { $0 + solution.duals[$1] }
        let sign: Double = openSum < 0 ? -1 : 1
        let duals = Duals(profiles: (0..<p).map { max(0, sign * solution.duals[$0]) },
                          bound: -sign * solution.duals[p],
                          level: solution.values[0])
        prune(solution, duals)
        return duals
    }
}
