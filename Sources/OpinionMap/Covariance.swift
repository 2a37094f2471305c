/// Integer sums over the pairs of statements each participant voted on, from which XᵀX of the centred vote matrix
/// follows exactly for any centre. Polis centres the votes on the column means and treats unseen cells as the mean
/// (zero once centred), so for statements j and k, over the participants who voted on both:
///
///     (XᵀX)jk = Σ vj·vk − μk·Σ vj − μj·Σ vk + μj·μk·n
///
/// Keeping the four sums instead of XᵀX lets an update remove a participant's old row and add the new one without
/// touching anyone else, even though every new vote moves the means. Sums are integers, so the result does not
/// depend on the order of participants. Votes are in Polis's internal sign (agree = −1); excluded columns are left out.
struct CovarianceStatistics: Sendable {
    let columns: Int
    let excluded: [Bool]
    /// Upper triangle (j ≤ k), row by row: (Σ vj·vk, n, Σ vj, Σ vk) over the participants who voted on j and k.
    private(set) var sums: [SIMD4<Int32>]
    /// Index of (j, j) in `sums` minus j, so (j, k) is at `rowBase[j] + k`.
    private let rowBase: [Int]

    init(columns: Int, excluded: [Bool]) {
        self.columns = columns
        self.excluded = excluded
        var base = [Int](repeating: 0, count: columns)
        var offset = 0
        for j in 0..<columns {
            base[j] = offset - j
            offset += columns - j
        }
        rowBase = base
        sums = [SIMD4<Int32>](repeating: .zero, count: offset)
    }

    /// The statistics of every row of `matrix`.
    init(_ matrix: VoteMatrix, progress: OpinionMapProgress? = nil) {
        self.init(columns: matrix.statementCount, excluded: matrix.exclusionMask)
        var columns: [Int32] = []
        var values: [Int8] = []
        let step = max(1, matrix.participantCount / 100)
        for row in 0..<matrix.participantCount {
            if row % step == 0 { progress?("pair statistics", Double(row) / Double(matrix.participantCount)) }
            Self.internalCells(of: row, in: matrix, excluded: excluded, columns: &columns, values: &values)
            add(columns: columns, values: values)
        }
    }

    /// The non-excluded cells of a row in Polis's internal sign.
    static func internalCells(of row: Int, in matrix: VoteMatrix, excluded: [Bool], columns: inout [Int32], values: inout [Int8]) {
        columns.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        for cell in matrix.cells(ofRow: row) where !excluded[Int(matrix.cellColumns[cell])] {
            columns.append(matrix.cellColumns[cell])
            values.append(-matrix.cellVotes[cell])
        }
    }

    /// Increment for a pair of votes a (on the lower column) and b, indexed by (a + 1) * 3 + (b + 1).
    private static let increments: [SIMD4<Int32>] = (-1...1).flatMap { a in
        (-1...1).map { b in SIMD4<Int32>(Int32(a * b), 1, Int32(a), Int32(b)) }
    }

    /// Adds one participant's votes (sorted columns, internal sign, excluded columns already left out).
    mutating func add(columns: [Int32], values: [Int8]) {
        let count = columns.count
        Self.increments.withUnsafeBufferPointer { steps in
            columns.withUnsafeBufferPointer { c in
                values.withUnsafeBufferPointer { v in
                    rowBase.withUnsafeBufferPointer { base in
                        sums.withUnsafeMutableBufferPointer { sums in
                            for a in 0..<count {
                                let first = base[Int(c[a])]
                                let offset = (Int(v[a]) + 1) * 3 + 1
                                for b in a..<count {
                                    sums[first + Int(c[b])] &+= steps[offset + Int(v[b])]
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Marks a cell a row did not have before, in the old values given to `replace`.
    static let absent: Int8 = 2

    /// (Σ vj·vk, n, Σ vj, Σ vk) steps for a pair of cells indexed (a + 1) · 4 + (b + 1), with `absent` (index 3)
    /// adding nothing.
    private static let pairSteps: [SIMD4<Int32>] = (0..<16).map { index -> SIMD4<Int32> in
        let a = index / 4, b = index % 4
        return a < 3 && b < 3 ? increments[a * 3 + b] : SIMD4<Int32>()
    }

    /// Replaces a row's old values with its new ones (sorted columns, internal sign, excluded columns left out; `old`
    /// is `absent` where the row had no vote): only the pairs that involve a changed cell move, each by the new
    /// pair's step less the old one's, in one pass.
    mutating func replace(columns: [Int32], old: [Int8], new: [Int8], changed: [Bool]) {
        let count = columns.count
        Self.pairSteps.withUnsafeBufferPointer { steps in
            columns.withUnsafeBufferPointer { c in
                old.withUnsafeBufferPointer { old in
                    new.withUnsafeBufferPointer { new in
                        changed.withUnsafeBufferPointer { changed in
                            rowBase.withUnsafeBufferPointer { base in
                                sums.withUnsafeMutableBufferPointer { sums in
                                    for a in 0..<count where changed[a] {
                                        for b in 0..<count where !changed[b] || b >= a {
                                            let (i, j) = a <= b ? (a, b) : (b, a)
                                            let before = steps[Int(old[i] &+ 1) &* 4 &+ Int(old[j] &+ 1)]
                                            let after = steps[Int(new[i] &+ 1) &* 4 &+ Int(new[j] &+ 1)]
                                            sums[base[Int(c[i])] &+ Int(c[j])] &+= after &- before
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Column means over the votes cast (passes count as 0); zero for excluded or unvoted columns.
    var center: [Double] {
        (0..<columns).map { j in
            let diagonal = sums[rowBase[j] + j]
            return excluded[j] || diagonal.y == 0 ? 0 : Double(diagonal.z) / Double(diagonal.y)
        }
    }

    /// XᵀX of the matrix centred on `center`: its upper triangle packed row by row (see `PackedSymmetric`), which is
    /// the layout of `sums`. Each entry is computed on its own, so two threads may share the rows.
    func covariance(center: [Double], threads: Int = 1) -> [Double] {
        let m = columns
        var result = [Double](repeating: 0, count: sums.count)
        result.withUnsafeMutableBufferPointer { out in
            sums.withUnsafeBufferPointer { sums in
                center.withUnsafeBufferPointer { center in
                    let shared = SharedTriangle(sums: sums, center: center, out: SharedBuffer(base: out.baseAddress!))
                    let split = m >= 256 ? PackedSymmetric.split(size: m) : m / 2
                    Halves.run(rows: m, work: sums.count, threads: threads, split: split) { rows, _ in
                        let first = rows.lowerBound
                        var at = first * m - first * (first - 1) / 2
                        for j in rows {
                            let muJ = shared.center[j]
                            for k in j..<m {
                                let s = shared.sums[at]
                                let muK = shared.center[k]
                                shared.out.base[at] = Double(s.x) - muK * Double(s.z) - muJ * Double(s.w) + muJ * muK * Double(s.y)
                                at &+= 1
                            }
                        }
                    }
                }
            }
        }
        return result
    }
}

/// The buffers of the covariance's formation shared by the workers of `Halves`.
private struct SharedTriangle: @unchecked Sendable {
    let sums: UnsafeBufferPointer<SIMD4<Int32>>
    let center: UnsafeBufferPointer<Double>
    let out: SharedBuffer<Double>
}
