import CCoinOR
import Synchronization

/// A CBC model built once; every solve runs on a clone, because a CBC model must not be solved twice.
final class CBCProgram: IntegerProgram {
    private let base: UnsafeMutableRawPointer
    private let variableCount: Int

    init(variables: [Variable], constraints: [Constraint], sense: OptimizationSense) {
        base = Cbc_newModel()!
        variableCount = variables.count
        var columnStarts = [CoinBigIndex](repeating: 0, count: variables.count + 1)
        // Transpose the rows into the compressed-column form `Cbc_loadProblem` takes.
        var perColumn = [[(row: Int32, value: Double)]](repeating: [], count: variables.count)
        for (r, row) in constraints.enumerated() {
            for (j, column) in row.indices.enumerated() { perColumn[column].append((Int32(r), row.coefficients[j])) }
        }
        var rowIndex: [Int32] = []
        var values: [Double] = []
        for (c, entries) in perColumn.enumerated() {
            rowIndex += entries.map(\.row)
            values += entries.map(\.value)
            columnStarts[c + 1] = CoinBigIndex(rowIndex.count)
        }
        Cbc_loadProblem(base, Int32(variables.count), Int32(constraints.count), columnStarts, rowIndex, values,
                        variables.map { coinBound($0.lower) }, variables.map { coinBound($0.upper) },
                        variables.map(\.objective),
                        constraints.map { coinBound($0.lower) }, constraints.map { coinBound($0.upper) })
        for (c, variable) in variables.enumerated() where variable.isInteger { Cbc_setInteger(base, Int32(c)) }
        Cbc_setObjSense(base, sense.coinValue)
        Cbc_setLogLevel(base, 0)
    }

    /// The search stops when the best solution is within this of the bound. Objectives here are sums of at most a
    /// few thousand weights below 1 (pricing) or small integers: 1e-9 makes the answer exact for them, well below
    /// the LEXIMIN pricing tolerance of 1e-7.
    static let absoluteGap = 1e-9

    deinit { Cbc_deleteModel(base) }

    func solve(objective: [Double], options: SearchOptions) throws(SolverError) -> IntegerSolution {
        precondition(objective.count == variableCount, "one objective coefficient per variable")
        let model = Cbc_clone(base)!
        defer { Cbc_deleteModel(model) }
        for (c, value) in objective.enumerated() { Cbc_setObjCoeff(model, Int32(c), value) }
        Cbc_setLogLevel(model, 0)
        Cbc_setAllowableGap(model, Self.absoluteGap)
        Cbc_setAllowableFractionGap(model, 0)
        if !options.cuts { Cbc_setParameter(model, "cuts", "off") }
        if let seconds = options.seconds { Cbc_setMaximumSeconds(model, seconds) }
        coinLock.withLock { _ in _ = Cbc_solve(model) }
        if Cbc_isProvenInfeasible(model) != 0 { throw .infeasible }
        if Cbc_isContinuousUnbounded(model) != 0 { throw .unbounded }
        guard let best = Cbc_bestSolution(model) else {
            throw .stopped("CBC found no whole-valued solution (status \(Cbc_status(model)), secondary \(Cbc_secondaryStatus(model)))")
        }
        let values = Array(UnsafeBufferPointer(start: best, count: variableCount))
        var alternatives: [(objective: Double, values: [Double])] = []
        let saved = Cbc_numberSavedSolutions(model)
        if saved > 1 {
            for index in 1..<saved {
                guard let solution = Cbc_savedSolution(model, index) else { continue }
                alternatives.append((Cbc_savedSolutionObj(model, index),
                                     Array(UnsafeBufferPointer(start: solution, count: variableCount))))
            }
        }
        return IntegerSolution(objective: Cbc_getObjValue(model), values: values,
                               isProvenOptimal: Cbc_isProvenOptimal(model) != 0, alternatives: alternatives)
    }
}
