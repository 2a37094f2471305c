import LinearSolvers
import Testing

@Suite("COIN-OR through the Swift solver interface")
struct SolverTests {
    let backend = COINOR()

    @Test("a linear program: optimum, values and duals")
    func linearProgram() throws {
        // max 3x + 2y  s.t.  x + y <= 4,  x + 3y <= 7,  x <= 3
        let program = backend.linearProgram(
            variables: [Variable(lower: 0, upper: 3, objective: 3), Variable(lower: 0, objective: 2)],
            constraints: [Constraint(indices: [0, 1], coefficients: [1, 1], upper: 4),
                          Constraint(indices: [0, 1], coefficients: [1, 3], upper: 7)],
            sense: .maximize)
        let solution = try program.solve(.dualSimplex)
        #expect(abs(solution.objective - 11) < 1e-9)
        #expect(abs(solution.values[0] - 3) < 1e-9 && abs(solution.values[1] - 1) < 1e-9)
        #expect(abs(abs(solution.duals[0]) - 2) < 1e-9)   // the first row binds with shadow price 2
        #expect(abs(solution.duals[1]) < 1e-9)
        // A new row is taken into account on the next solve (warm start).
        program.add([Constraint(indices: [1], coefficients: [1], upper: 0.5)])
        #expect(abs(try program.solve(.dualSimplex).objective - 10) < 1e-9)
    }

    @Test("an infeasible linear program is reported")
    func infeasibleLinearProgram() {
        let program = backend.linearProgram(variables: [Variable(lower: 0, upper: 1)],
                                            constraints: [Constraint(indices: [0], coefficients: [1], lower: 2)], sense: .minimize)
        #expect(throws: SolverError.infeasible) { try program.solve(.dualSimplex) }
    }

    @Test("a knapsack, solved again with another objective on the same model")
    func integerProgram() throws {
        let weights: [Double] = [5, 4, 3, 2]
        let program = backend.integerProgram(
            variables: weights.map { _ in Variable(lower: 0, upper: 1, isInteger: true) },
            constraints: [Constraint(indices: [0, 1, 2, 3], coefficients: weights, upper: 7)],
            sense: .maximize)
        let first = try program.solve(objective: [10, 7, 5, 3])
        #expect(first.isProvenOptimal)
        #expect(abs(first.objective - 13) < 1e-9)   // items 0 and 3
        #expect(first.values.map { Int($0.rounded()) } == [1, 0, 0, 1])
        let second = try program.solve(objective: [1, 7, 5, 3])
        #expect(abs(second.objective - 12) < 1e-9)   // items 1 and 2
    }

    @Test("an infeasible integer program is reported")
    func infeasibleIntegerProgram() {
        let program = backend.integerProgram(
            variables: [Variable(lower: 0, upper: 1, isInteger: true), Variable(lower: 0, upper: 1, isInteger: true)],
            constraints: [Constraint(indices: [0, 1], coefficients: [2, 2], lower: 3, upper: 3)], sense: .maximize)
        #expect(throws: SolverError.infeasible) { try program.solve(objective: [1, 1]) }
    }
}
