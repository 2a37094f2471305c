/// Two principal components of the vote matrix, computed as Polis does: votes as numbers
/// (agree = -1, disagree = +1 inside the math), missing votes imputed with the column mean, centred,
/// and the components found by power iteration with deflation.
public struct PrincipalComponents: Sendable {
    /// Column means (the centre), one per statement.
    public var center: [Double]
    /// Two unit vectors, one value per statement.
    public var components: [[Double]]
}

enum PowerIteration {
    /// Iterations of the power method per component.
    static let iterations = 100

    /// The centred, sparse matrix: for each row, (column, value - mean) over voted cells only
    /// (imputed cells are the mean, so centring makes them zero).
    struct Centered {
        let rows: [[(column: Int, value: Double)]]
        let center: [Double]
        let columns: Int
    }

    /// Internal Polis sign: agree = -1. Excluded columns are zero for every row.
    static func centered(_ matrix: VoteMatrix) -> Centered {
        let excluded = matrix.excludedColumns
        let columns = matrix.statementCount
        var sums = [Double](repeating: 0, count: columns)
        var counts = [Double](repeating: 0, count: columns)
        for row in matrix.rows {
            for cell in row where !excluded.contains(Int(cell.column)) {
                sums[Int(cell.column)] += -Double(cell.vote.rawValue)
                counts[Int(cell.column)] += 1
            }
        }
        let center = (0..<columns).map { counts[$0] > 0 && !excluded.contains($0) ? sums[$0] / counts[$0] : 0 }
        let rows = matrix.rows.map { row in
            row.compactMap { cell -> (column: Int, value: Double)? in
                let column = Int(cell.column)
                guard !excluded.contains(column) else { return nil }
                let value = -Double(cell.vote.rawValue) - center[column]
                return value == 0 ? nil : (column, value)
            }
        }
        return Centered(rows: rows, center: center, columns: columns)
    }

    /// XᵀX v for the centred matrix, row by row.
    static func multiply(_ data: Centered, _ vector: [Double]) -> [Double] {
        var result = [Double](repeating: 0, count: data.columns)
        for row in data.rows {
            var dot = 0.0
            for cell in row { dot += cell.value * vector[cell.column] }
            if dot == 0 { continue }
            for cell in row { result[cell.column] += cell.value * dot }
        }
        return result
    }

    static func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }

    /// The dominant eigenvector of XᵀX orthogonal to `previous`, starting from `start`.
    static func component(_ data: Centered, start: [Double], orthogonalTo previous: [[Double]]) -> [Double] {
        func deflate(_ v: inout [Double]) {
            for p in previous {
                let dot = zip(v, p).reduce(0) { $0 + $1.0 * $1.1 }
                for i in v.indices { v[i] -= dot * p[i] }
            }
        }
        var v = start
        deflate(&v)
        var length = norm(v)
        if length == 0 {
            v = (0..<data.columns).map { Double(($0 * 7919) % 101) + 1 }
            deflate(&v)
            length = norm(v)
        }
        guard length > 0 else { return v }
        v = v.map { $0 / length }
        var eigenvalue = -1.0
        for _ in 0..<iterations {
            var next = multiply(data, v)
            deflate(&next)
            let value = norm(next)
            guard value > 0 else { break }
            v = next.map { $0 / value }
            if value == eigenvalue { break }
            eigenvalue = value
        }
        return v
    }

    static func pca(_ matrix: VoteMatrix, start: [[Double]]?, seed: UInt64) -> PrincipalComponents {
        let data = centered(matrix)
        var generator = SplitMix64(seed: seed)
        var components: [[Double]] = []
        for index in 0..<2 {
            let initial = start.flatMap { $0.count > index && $0[index].count == data.columns ? $0[index] : nil }
                ?? (0..<data.columns).map { _ in Double.random(in: -1...1, using: &generator) }
            components.append(component(data, start: initial, orthogonalTo: components))
        }
        return PrincipalComponents(center: data.center, components: components)
    }
}

/// A small, fast, seedable generator (SplitMix64), so every result is reproducible from its seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
