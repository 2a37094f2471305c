/// A decision variable: bounds, objective coefficient and whether it must take whole values.
public struct Variable: Sendable, Equatable {
    public var lower: Double
    public var upper: Double
    public var objective: Double
    public var isInteger: Bool

    public init(lower: Double = 0, upper: Double = .infinity, objective: Double = 0, isInteger: Bool = false) {
        self.lower = lower
        self.upper = upper
        self.objective = objective
        self.isInteger = isInteger
    }
}

/// `lower <= sum(coefficients[j] * x[indices[j]]) <= upper`; use infinities for one-sided rows.
public struct Constraint: Sendable, Equatable {
    public var indices: [Int]
    public var coefficients: [Double]
    public var lower: Double
    public var upper: Double

    public init(indices: [Int], coefficients: [Double], lower: Double = -.infinity, upper: Double = .infinity) {
        precondition(indices.count == coefficients.count, "one coefficient per index")
        self.indices = indices
        self.coefficients = coefficients
        self.lower = lower
        self.upper = upper
    }

    /// `sum(terms) == value`.
    public static func equal(_ indices: [Int], _ coefficients: [Double], _ value: Double) -> Constraint {
        Constraint(indices: indices, coefficients: coefficients, lower: value, upper: value)
    }
}

public enum OptimizationSense: Sendable {
    case minimize, maximize

    var coinValue: Double { self == .minimize ? 1 : -1 }
}

/// How a linear program is solved: dual simplex after new rows, primal simplex after new columns (both warm).
public enum LinearMethod: Sendable {
    case dualSimplex, primalSimplex
}

public enum SolverError: Error, Sendable, Equatable, CustomStringConvertible {
    case infeasible
    case unbounded
    case stopped(String)

    public var description: String {
        switch self {
        case .infeasible: "the problem has no feasible solution"
        case .unbounded: "the problem is unbounded"
        case .stopped(let reason): "the solver stopped: \(reason)"
        }
    }
}

public struct LinearSolution: Sendable {
    public let objective: Double
    /// One value per variable.
    public let values: [Double]
    /// One dual value (shadow price) per constraint, in the solver's sign convention for the sense given.
    public let duals: [Double]
}

public struct IntegerSolution: Sendable {
    public let objective: Double
    public let values: [Double]
    /// Whether the search finished: the objective is optimal (within the solver's gap) rather than the best found in time.
    public let isProvenOptimal: Bool
    /// Other whole-valued solutions met during the search, best first, with their objectives.
    public let alternatives: [(objective: Double, values: [Double])]
}

/// A new variable with its coefficients in the existing rows.
public struct Column: Sendable, Equatable {
    public var variable: Variable
    public var rows: [Int]
    public var coefficients: [Double]

    public init(variable: Variable, rows: [Int], coefficients: [Double]) {
        precondition(rows.count == coefficients.count, "one coefficient per row")
        self.variable = variable
        self.rows = rows
        self.coefficients = coefficients
    }
}

/// A linear program whose rows and columns can grow between solves (column generation adds one column per panel
/// found); a re-solve starts from the previous basis.
public protocol LinearProgram: AnyObject {
    var constraintCount: Int { get }
    var variableCount: Int { get }
    func add(_ constraints: [Constraint])
    func add(columns: [Column])
    /// Removes columns (by index; later columns move down). A removed column that was nonbasic leaves the basis
    /// as it was, so the next solve still starts warm.
    func remove(columns: [Int])
    func setCoefficient(row: Int, column: Int, value: Double)
    func setBounds(row: Int, lower: Double, upper: Double)
    func solve(_ method: LinearMethod) throws(SolverError) -> LinearSolution
    /// How far a solution may break a constraint (CLP's default is 1e-7, in its scaled units).
    func setPrimalTolerance(_ value: Double)
}

/// A mixed-integer program solved again and again with different objectives over the same constraints.
public protocol IntegerProgram: AnyObject {
    /// A search stopped by its time limit returns the best solution found, with `isProvenOptimal` false.
    func solve(objective: [Double], options: SearchOptions) throws(SolverError) -> IntegerSolution
}

/// How a branch-and-bound search runs: when it stops if it has not finished, and whether it spends time on cut
/// generation (worth it on hard programs, pure overhead on the small pricing programs solved again and again).
public struct SearchOptions: Sendable {
    public var seconds: Double?
    public var cuts: Bool

    public init(seconds: Double? = nil, cuts: Bool = true) {
        self.seconds = seconds
        self.cuts = cuts
    }

    public static let `default` = SearchOptions()
}

extension IntegerProgram {
    public func solve(objective: [Double]) throws(SolverError) -> IntegerSolution {
        try solve(objective: objective, options: .default)
    }
}

/// Makes solver models; the COIN-OR back end is the default, others (HiGHS) can be added beside it.
public protocol SolverBackend: Sendable {
    func linearProgram(variables: [Variable], constraints: [Constraint], sense: OptimizationSense) -> any LinearProgram
    func integerProgram(variables: [Variable], constraints: [Constraint], sense: OptimizationSense) -> any IntegerProgram
}
