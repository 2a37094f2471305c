/// Two principal components of the vote matrix, computed as Polis does: votes as numbers
/// (agree = -1, disagree = +1 inside the math), missing votes imputed with the column mean, centred,
/// and the two leading eigenvectors of XᵀX, started from the previous components (or a random vector).
public struct PrincipalComponents: Sendable {
    /// Column means (the centre), one per statement.
    public var center: [Double]
    /// Two unit vectors, one value per statement.
    public var components: [[Double]]
}

enum PrincipalComponentAnalysis {
    /// From the pair statistics: XᵀX is formed once (its upper triangle, statements²/2 numbers) and each Lanczos step
    /// reads it once.
    static func compute(_ statistics: CovarianceStatistics, start: [[Double]]?, seed: UInt64, threads: Int = 1,
                        progress: OpinionMapProgress? = nil) -> PrincipalComponents {
        let m = statistics.columns
        let center = statistics.center
        let covariance = statistics.covariance(center: center, threads: threads)
        let components = solve(size: m, start: start, seed: seed, progress: progress) { x, y in
            PackedSymmetric.multiply(covariance, size: m, x, into: &y, threads: threads)
        }
        return PrincipalComponents(center: center, components: components)
    }

    /// From the votes alone: each step is two passes over the voted cells (X x, then Xᵀ of it), which is cheaper than
    /// forming XᵀX when participants vote on few statements each.
    static func compute(_ matrix: VoteMatrix, start: [[Double]]?, seed: UInt64, threads: Int = 1,
                        progress: OpinionMapProgress? = nil) -> PrincipalComponents {
        let data = CenteredRows(matrix)
        let components = solve(size: matrix.statementCount, start: start, seed: seed, progress: progress) { x, y in
            data.gram(x, into: &y, threads: threads)
        }
        return PrincipalComponents(center: data.center, components: components)
    }

    /// Whether the pair statistics are the cheaper way for this matrix (about 40 Lanczos steps).
    static func prefersStatistics(_ matrix: VoteMatrix) -> Bool {
        var pairs = 0
        for row in 0..<matrix.participantCount {
            let n = matrix.cells(ofRow: row).count
            pairs += n * (n + 1) / 2
        }
        let m = matrix.statementCount
        let dense = 2 * pairs + m * m / 2 + 40 * m * m / 4
        let sparse = 40 * 4 * matrix.voteCount
        return dense < sparse
    }

    static func solve(size m: Int, start: [[Double]]?, seed: UInt64, progress: OpinionMapProgress? = nil,
                      apply: ([Double], inout [Double]) -> Void) -> [[Double]] {
        let previous = start.flatMap { $0.count == 2 && $0.allSatisfy { $0.count == m } ? $0 : nil }
        var initial: [Double]
        if let previous {
            // Both previous components in one start vector: the Krylov space then holds both from the first steps.
            initial = (0..<m).map { previous[0][$0] + 0.5 * previous[1][$0] }
        } else {
            var generator = SplitMix64(seed: seed)
            initial = (0..<m).map { _ in Double.random(in: -1...1, using: &generator) }
        }
        progress?("principal components", 0)
        var steps = 0
        var components = Lanczos.leadingPair(size: m, start: initial) { x, y in
            apply(x, &y)
            steps += 1
            progress?("principal components", Double(steps) / Double(min(m, Lanczos.maximumSteps)))
        }
        // Keep the orientation of the previous map (a flip would move every warm-started centre), or, on a cold
        // start, make each component's largest entry positive.
        for index in components.indices {
            let orientation = previous.map { Lanczos.dot($0[index], components[index]) }
                ?? components[index].max { abs($0) < abs($1) } ?? 0
            if orientation < 0 { components[index] = components[index].map { -$0 } }
        }
        return components
    }
}

/// Products with a symmetric matrix of which only the upper triangle is stored, row by row (row j holds the entries
/// j...m−1): half the memory of the full matrix, read once per product.
enum PackedSymmetric {
    /// y = C x. Matrices of 256 rows or more are multiplied in two halves of about equal work (rows before and after
    /// `split`), on two threads when `threads` > 1, the second half into a buffer of its own that is then added: the
    /// result is the same on one thread or two.
    static func multiply(_ c: [Double], size m: Int, _ x: [Double], into y: inout [Double], threads: Int = 1) {
        y.withUnsafeMutableBufferPointer { out in
            for k in 0..<m { out[k] = 0 }
            guard m > 0 else { return }
            c.withUnsafeBufferPointer { matrix in
                x.withUnsafeBufferPointer { x in
                    guard m >= 256 else {
                        multiplyRows(0..<m, matrix, size: m, x, into: out.baseAddress!)
                        return
                    }
                    let split = Self.split(size: m)
                    let second = UnsafeMutableBufferPointer<Double>.allocate(capacity: m)
                    defer { second.deallocate() }
                    second.initialize(repeating: 0)
                    let buffers = ProductBuffers(matrix: matrix, x: x, first: out.baseAddress!, second: second.baseAddress!)
                    Halves.both(rows: m, split: split, threads: threads) { rows, half in
                        multiplyRows(rows, buffers.matrix, size: m, buffers.x, into: half == 0 ? buffers.first : buffers.second)
                    }
                    for k in split..<m { out[k] += second[k] }
                }
            }
        }
    }

    /// The buffers of one product, shared by the two halves (each writes only its own output).
    private struct ProductBuffers: @unchecked Sendable {
        let matrix: UnsafeBufferPointer<Double>
        let x: UnsafeBufferPointer<Double>
        let first: UnsafeMutablePointer<Double>
        let second: UnsafeMutablePointer<Double>
    }

    /// The first row of the second half: rows before it hold about half the entries of the triangle.
    static func split(size m: Int) -> Int {
        var entries = 0
        for j in 0..<m {
            entries += m - j
            if 2 * entries >= m * (m + 1) / 2 { return j + 1 }
        }
        return m
    }

    /// Adds the products of `rows` of the triangle to out (indexed by column): for row j, its dot product with x (the
    /// upper part of row j) to out[j], and x_j times the entries after the diagonal to out[k] (the lower part, by
    /// symmetry), four lanes at a time.
    static func multiplyRows(_ rows: Range<Int>, _ matrix: UnsafeBufferPointer<Double>, size m: Int,
                             _ x: UnsafeBufferPointer<Double>, into out: UnsafeMutablePointer<Double>) {
        let base = UnsafeRawPointer(matrix.baseAddress!)
        let target = UnsafeMutableRawPointer(out)
        let source = UnsafeRawPointer(x.baseAddress!)
        let first = rows.lowerBound
        var row = first * m - first * (first - 1) / 2
        for j in rows {
            let weight = x[j]
            var dot = matrix[row] * weight
            // Entries j+1..<m of row j sit at row + 1 ..< row + m − j.
            let w4 = SIMD4<Double>(repeating: weight)
            var dot4 = SIMD4<Double>()
            var k = j &+ 1
            var at = row &+ 1
            while k &+ 4 <= m {
                let entries = base.loadUnaligned(fromByteOffset: at &* 8, as: SIMD4<Double>.self)
                dot4 += entries * source.loadUnaligned(fromByteOffset: k &* 8, as: SIMD4<Double>.self)
                let sum = target.loadUnaligned(fromByteOffset: k &* 8, as: SIMD4<Double>.self) + w4 * entries
                target.storeBytes(of: sum, toByteOffset: k &* 8, as: SIMD4<Double>.self)
                k &+= 4
                at &+= 4
            }
            while k < m {
                dot += matrix[at] * x[k]
                out[k] += weight * matrix[at]
                k &+= 1
                at &+= 1
            }
            out[j] += dot + dot4.sum()
            row &+= m &- j
        }
    }
}

/// The centred vote matrix in compressed rows: (column, vote − mean) over voted cells only (unseen cells are the
/// mean, so centring makes them zero). Excluded columns are zero for every row.
struct CenteredRows {
    let rowStart: [Int]
    let columnIndex: [Int32]
    let values: [Double]
    let center: [Double]

    init(_ matrix: VoteMatrix) {
        let columns = matrix.statementCount
        let excluded = matrix.exclusionMask
        var sums = [Double](repeating: 0, count: columns)
        var counts = [Double](repeating: 0, count: columns)
        for row in 0..<matrix.participantCount {
            for cell in matrix.cells(ofRow: row) {
                let column = Int(matrix.cellColumns[cell])
                if excluded[column] { continue }
                sums[column] += -Double(matrix.cellVotes[cell])
                counts[column] += 1
            }
        }
        let center = (0..<columns).map { counts[$0] > 0 && !excluded[$0] ? sums[$0] / counts[$0] : 0 }
        // Each column's value for each vote (agree, pass, disagree), zero where excluded.
        var valueOf = [Double](repeating: 0, count: 3 * columns)
        for column in 0..<columns where !excluded[column] {
            for vote in -1...1 { valueOf[3 * column + vote + 1] = -Double(vote) - center[column] }
        }
        var rowStart = [Int](repeating: 0, count: matrix.participantCount + 1)
        var columnIndex = [Int32](repeating: 0, count: matrix.voteCount)
        var values = [Double](repeating: 0, count: matrix.voteCount)
        var filled = 0
        matrix.cellColumns.withUnsafeBufferPointer { cellColumns in
            matrix.cellVotes.withUnsafeBufferPointer { cellVotes in
                columnIndex.withUnsafeMutableBufferPointer { columnIndex in
                    values.withUnsafeMutableBufferPointer { values in
                        for row in 0..<matrix.participantCount {
                            for cell in matrix.cells(ofRow: row) {
                                let column = cellColumns[cell]
                                let value = valueOf[3 * Int(column) + Int(cellVotes[cell]) + 1]
                                columnIndex[filled] = column
                                values[filled] = value
                                filled &+= value != 0 ? 1 : 0
                            }
                            rowStart[row + 1] = filled
                        }
                    }
                }
            }
        }
        columnIndex.removeLast(columnIndex.count - filled)
        values.removeLast(values.count - filled)
        self.rowStart = rowStart
        self.columnIndex = columnIndex
        self.values = values
        self.center = center
    }

    /// Matrices of at least this many cells are multiplied in two halves of rows.
    static let halvingSize = 16_384

    /// y = XᵀX x, row by row. Matrices of `halvingSize` cells or more are taken in two halves of rows of about equal
    /// cells, on two threads when `threads` > 1, the second half into a buffer of its own that is then added: the
    /// result is the same on one thread or two.
    func gram(_ x: [Double], into y: inout [Double], threads: Int = 1) {
        let rows = rowStart.count - 1
        y.withUnsafeMutableBufferPointer { out in
            for k in out.indices { out[k] = 0 }
            guard rows > 0 else { return }
            values.withUnsafeBufferPointer { values in
                columnIndex.withUnsafeBufferPointer { columns in
                    x.withUnsafeBufferPointer { v in
                        rowStart.withUnsafeBufferPointer { rowStart in
                            let shared = GramShared(rowStart: rowStart, values: values, columns: columns, x: v)
                            guard values.count >= Self.halvingSize else {
                                shared.add(rows: 0..<rows, into: out.baseAddress!)
                                return
                            }
                            // The first row of the second half.
                            var lower = 0, upper = rows
                            while lower < upper {
                                let middle = (lower + upper) / 2
                                if 2 * rowStart[middle] < values.count { lower = middle + 1 } else { upper = middle }
                            }
                            let second = UnsafeMutableBufferPointer<Double>.allocate(capacity: out.count)
                            defer { second.deallocate() }
                            second.initialize(repeating: 0)
                            let outputs = Outputs(first: out.baseAddress!, second: second.baseAddress!)
                            Halves.both(rows: rows, split: lower, threads: threads) { range, half in
                                shared.add(rows: range, into: half == 0 ? outputs.first : outputs.second)
                            }
                            for k in out.indices { out[k] += second[k] }
                        }
                    }
                }
            }
        }
    }

    private struct Outputs: @unchecked Sendable {
        let first: UnsafeMutablePointer<Double>
        let second: UnsafeMutablePointer<Double>
    }

    /// The read-only buffers of one product.
    private struct GramShared: @unchecked Sendable {
        let rowStart: UnsafeBufferPointer<Int>
        let values: UnsafeBufferPointer<Double>
        let columns: UnsafeBufferPointer<Int32>
        let x: UnsafeBufferPointer<Double>

        /// Adds XᵀX x over `rows` to out.
        func add(rows: Range<Int>, into out: UnsafeMutablePointer<Double>) {
            for row in rows {
                let start = rowStart[row], end = rowStart[row + 1]
                var dot = 0.0
                for i in start..<end { dot += values[i] * x[Int(columns[i])] }
                if dot == 0 { continue }
                for i in start..<end { out[Int(columns[i])] += values[i] * dot }
            }
        }
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
