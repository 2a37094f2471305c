import CCoinOR
import Synchronization

/// A CLP model that keeps its basis between solves, so a re-solve after new rows starts warm.
final class CLPProgram: LinearProgram {
    private let model: UnsafeMutableRawPointer

    init(variables: [Variable], constraints: [Constraint], sense: OptimizationSense) {
        model = Clp_newModel()!
        Clp_setLogLevel(model, 0)
        let starts = [CoinBigIndex](repeating: 0, count: variables.count + 1)
        let lower = variables.map { coinBound($0.lower) }
        let upper = variables.map { coinBound($0.upper) }
        let objective = variables.map(\.objective)
        Clp_loadProblem(model, Int32(variables.count), 0, starts, nil, nil, lower, upper, objective, nil, nil)
        Clp_setOptimizationDirection(model, sense.coinValue)
        add(constraints)
    }

    deinit { Clp_deleteModel(model) }

    var constraintCount: Int { Int(Clp_numberRows(model)) }
    var variableCount: Int { Int(Clp_numberColumns(model)) }

    func add(columns: [Column]) {
        guard !columns.isEmpty else { return }
        var starts: [CoinBigIndex] = [0]
        var rows: [Int32] = []
        var elements: [Double] = []
        for column in columns {
            rows += column.rows.map { Int32($0) }
            elements += column.coefficients
            starts.append(CoinBigIndex(rows.count))
        }
        Clp_addColumns(model, Int32(columns.count), columns.map { coinBound($0.variable.lower) },
                       columns.map { coinBound($0.variable.upper) }, columns.map(\.variable.objective), starts, rows, elements)
    }

    func remove(columns: [Int]) {
        guard !columns.isEmpty else { return }
        Clp_deleteColumns(model, Int32(columns.count), columns.map { Int32($0) })
    }

    func add(_ constraints: [Constraint]) {
        guard !constraints.isEmpty else { return }
        let block = RowBlock(constraints)
        Clp_addRows(model, Int32(constraints.count), block.lower, block.upper, block.starts, block.columns, block.elements)
    }

    func setCoefficient(row: Int, column: Int, value: Double) {
        Clp_modifyCoefficient(model, Int32(row), Int32(column), value, true)
    }

    func setBounds(row: Int, lower: Double, upper: Double) {
        let rows = Int(Clp_numberRows(model))
        var lowers = Array(UnsafeBufferPointer(start: Clp_getRowLower(model), count: rows))
        var uppers = Array(UnsafeBufferPointer(start: Clp_getRowUpper(model), count: rows))
        lowers[row] = coinBound(lower)
        uppers[row] = coinBound(upper)
        Clp_chgRowLower(model, lowers)
        Clp_chgRowUpper(model, uppers)
    }

    func setPrimalTolerance(_ value: Double) {
        coinLock.withLock { _ in Clp_setPrimalTolerance(model, value) }
    }

    func solve(_ method: LinearMethod) throws(SolverError) -> LinearSolution {
        coinLock.withLock { _ in
            switch method {
            case .dualSimplex: _ = Clp_dual(model, 0)
            case .primalSimplex: _ = Clp_primal(model, 0)
            }
        }
        // Clp_status: 0 optimal, 1 primal infeasible, 2 dual infeasible (unbounded), 3 stopped, 4 errors.
        switch Clp_status(model) {
        case 0: break
        case 1: throw .infeasible
        case 2: throw .unbounded
        case let status: throw .stopped("CLP status \(status), secondary \(Clp_secondaryStatus(model))")
        }
        let rows = Int(Clp_numberRows(model))
        let variableCount = self.variableCount
        let values = Array(UnsafeBufferPointer(start: Clp_getColSolution(model), count: variableCount))
        let duals = rows == 0 ? [] : Array(UnsafeBufferPointer(start: Clp_getRowPrice(model), count: rows))
        return LinearSolution(objective: Clp_getObjValue(model), values: values, duals: duals)
    }
}
