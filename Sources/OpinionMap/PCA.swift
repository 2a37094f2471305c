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
    /// Iterations of the power method per component (Polis's maximum).
    static let iterations = 100
    /// The power method has converged when the unit vector moves less than this (Euclidean) in one
    /// iteration. Polis stops only when the eigenvalue repeats exactly (or after 100 iterations); at
    /// 1e-10 the components agree with it to far better than the |cosine| >= 0.99 we check.
    static let tolerance = 1e-10

    /// The centred, sparse matrix in compressed rows: for each row, (column, value - mean) over voted
    /// cells only (imputed cells are the mean, so centring makes them zero).
    struct Centered {
        let rowStart: [Int]
        let columnIndex: [Int32]
        let values: [Double]
        let center: [Double]
        let columns: Int
    }

    /// Internal Polis sign: agree = -1. Excluded columns are zero for every row.
    static func centered(_ matrix: VoteMatrix) -> Centered {
        let columns = matrix.statementCount
        var isExcluded = [Bool](repeating: false, count: columns)
        for column in matrix.excludedColumns { isExcluded[column] = true }
        var sums = [Double](repeating: 0, count: columns)
        var counts = [Double](repeating: 0, count: columns)
        for row in matrix.rows {
            for cell in row where !isExcluded[Int(cell.column)] {
                sums[Int(cell.column)] += -Double(cell.vote.rawValue)
                counts[Int(cell.column)] += 1
            }
        }
        let center = (0..<columns).map { counts[$0] > 0 && !isExcluded[$0] ? sums[$0] / counts[$0] : 0 }
        var rowStart = [0]
        var columnIndex: [Int32] = []
        var values: [Double] = []
        rowStart.reserveCapacity(matrix.rows.count + 1)
        for row in matrix.rows {
            for cell in row where !isExcluded[Int(cell.column)] {
                let value = -Double(cell.vote.rawValue) - center[Int(cell.column)]
                if value != 0 {
                    columnIndex.append(cell.column)
                    values.append(value)
                }
            }
            rowStart.append(values.count)
        }
        return Centered(rowStart: rowStart, columnIndex: columnIndex, values: values, center: center, columns: columns)
    }

    /// XᵀX v for the centred matrix, row by row.
    static func multiply(_ data: Centered, _ vector: [Double]) -> [Double] {
        var result = [Double](repeating: 0, count: data.columns)
        data.values.withUnsafeBufferPointer { values in
            data.columnIndex.withUnsafeBufferPointer { columns in
                vector.withUnsafeBufferPointer { v in
                    result.withUnsafeMutableBufferPointer { out in
                        for row in 0..<(data.rowStart.count - 1) {
                            let start = data.rowStart[row], end = data.rowStart[row + 1]
                            var dot = 0.0
                            for i in start..<end { dot += values[i] * v[Int(columns[i])] }
                            if dot == 0 { continue }
                            for i in start..<end { out[Int(columns[i])] += values[i] * dot }
                        }
                    }
                }
            }
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
            next = next.map { $0 / value }
            var moved = 0.0
            for i in next.indices { moved += (next[i] - v[i]) * (next[i] - v[i]) }
            v = next
            if moved.squareRoot() < tolerance || value == eigenvalue { break }
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
