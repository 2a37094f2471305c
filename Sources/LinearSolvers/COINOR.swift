import CCoinOR
import Synchronization

/// CBC's solve goes through CbcMain1, which keeps global state, and CLP shares some statics: solves from different
/// threads (parallel tests, two draws at once on a server) take turns.
let coinLock = Mutex(())

/// COIN-OR: CLP for linear programs, CBC for mixed-integer programs.
public struct COINOR: SolverBackend {
    public init() {}

    public func linearProgram(variables: [Variable], constraints: [Constraint], sense: OptimizationSense) -> any LinearProgram {
        CLPProgram(variables: variables, constraints: constraints, sense: sense)
    }

    public func integerProgram(variables: [Variable], constraints: [Constraint], sense: OptimizationSense) -> any IntegerProgram {
        CBCProgram(variables: variables, constraints: constraints, sense: sense)
    }

    public static var version: String { "CBC " + String(cString: Cbc_getVersion()) + ", CLP " + String(cString: Clp_Version()) }
}

/// COIN-OR reads these as infinite bounds.
let coinInfinity = 1e30

func coinBound(_ value: Double) -> Double {
    value.isInfinite ? (value > 0 ? coinInfinity : -coinInfinity) : value
}

/// Constraints in compressed-row form, as `Clp_addRows` takes them.
struct RowBlock {
    var starts: [CoinBigIndex] = [0]
    var columns: [Int32] = []
    var elements: [Double] = []
    var lower: [Double] = []
    var upper: [Double] = []

    init(_ constraints: [Constraint]) {
        for row in constraints {
            columns += row.indices.map { Int32($0) }
            elements += row.coefficients
            starts.append(CoinBigIndex(columns.count))
            lower.append(coinBound(row.lower))
            upper.append(coinBound(row.upper))
        }
    }
}
