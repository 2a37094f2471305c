/// Lloyd assignment steps with Hamerly's bounds, for clusterings of fewer points than a `PointTree` pays for (with a
/// hundred centres and ten or so points each, boxes of points hold many centres and the tree prunes little).
///
/// `upper` bounds the distance of each point to its centre and `lower` its distance to any other; both follow the
/// centres' movements between steps, and a point nearer its centre than either bound or half the gap to that centre's
/// nearest neighbour cannot change centre, so it is not searched. The assignment is exactly that of a full scan (ties
/// to the lowest centre index).
///
/// From `halvingSize` points on, the points are taken in two halves, each adding into totals of its own (summed in
/// order), on two threads when asked: the result is the same on one thread or two.
struct BoundedAssignment {
    private let points: [Point]
    private let weights: [Double]?
    private var upper: [Double]
    private var lower: [Double]
    /// The centres of the last step, to measure how far each moved.
    private var previous: [Point] = []

    /// Skips a point only when the bounds separate its centre from the others by more than round-off could blur.
    static let margin = 1e-9
    /// Clusterings of at least this many points are assigned in two halves.
    static let halvingSize = 1_024

    init(points: [Point], weights: [Double]?) {
        self.points = points
        self.weights = weights
        upper = [Double](repeating: .infinity, count: points.count)
        lower = [Double](repeating: 0, count: points.count)
    }

    /// One assignment (in input order) and each centre's totals (Σ w·x, Σ w·y, Σ w, count). The bounds carry over
    /// when the centres are those of the last step moved (none dropped); otherwise every point is searched.
    mutating func assign(to centers: [Point], assignment: UnsafeMutableBufferPointer<Int32>, threads: Int = 1) -> PointTree.Totals {
        if points.count * centers.count <= Self.scanSize { return scan(centers, assignment: assignment) }
        let nearest = KMeans.NearestCenter(centers)
        let halfGap = centers.map { nearest.twoNearest(to: $0).secondDistance.squareRoot() / 2 }
        let valid = previous.count == centers.count
        let moved = valid ? zip(previous, centers).map { $0.distance(to: $1) } : []
        // The largest movement, and the largest of the others (what bounds the approach of any centre to a point
        // assigned to the one that moved most).
        var fastest = -1, largest = 0.0, runnerUp = 0.0
        for (c, distance) in moved.enumerated() {
            if distance > largest { (runnerUp, largest, fastest) = (largest, distance, c) } else { runnerUp = max(runnerUp, distance) }
        }
        previous = centers
        let k = centers.count
        let n = points.count
        let parts = n >= Self.halvingSize ? 2 : 1
        var totals = PointTree.Totals(repeating: .zero, count: k * parts)
        points.withUnsafeBufferPointer { points in
            upper.withUnsafeMutableBufferPointer { upper in
                lower.withUnsafeMutableBufferPointer { lower in
                    totals.withUnsafeMutableBufferPointer { totals in
                        (weights ?? []).withUnsafeBufferPointer { weights in
                            let step = Step(points: points, weights: weights, upper: upper, lower: lower, totals: totals,
                                            assignment: assignment, nearest: nearest, halfGap: halfGap, centers: centers,
                                            moved: moved, valid: valid, fastest: fastest, largest: largest, runnerUp: runnerUp)
                            if parts == 2 {
                                Halves.both(rows: n, split: n / 2, threads: threads) { range, part in
                                    step.run(range, totalsAt: part * k)
                                }
                            } else {
                                step.run(0..<n, totalsAt: 0)
                            }
                        }
                    }
                }
            }
        }
        if parts == 2 {
            for c in 0..<k { totals[c] += totals[k + c] }
            totals.removeLast(k)
        }
        return totals
    }

    /// Clusterings this small (points × centres; the opinion groups on the base clusters' centres) are cheaper to
    /// assign by looking at every centre than to keep bounds for.
    static let scanSize = 4_096

    /// Every point to its nearest centre (the lowest index on a tie) by a look at each, the totals added in point order
    /// as the bounded steps add them.
    private func scan(_ centers: [Point], assignment: UnsafeMutableBufferPointer<Int32>) -> PointTree.Totals {
        var totals = PointTree.Totals(repeating: .zero, count: centers.count)
        for (index, point) in points.enumerated() {
            var best = 0
            var bestDistance = Double.infinity
            for (c, center) in centers.enumerated() {
                let dx = center.x - point.x, dy = center.y - point.y
                let d = dx * dx + dy * dy
                if d < bestDistance { best = c; bestDistance = d }
            }
            assignment[index] = Int32(best)
            let w = weights?[index] ?? 1
            totals[best] += SIMD4(point.x * w, point.y * w, w, 1)
        }
        return totals
    }

    /// One step over a range of points; the buffers are shared, each range writes only its own points and totals.
    private struct Step: @unchecked Sendable {
        let points: UnsafeBufferPointer<Point>
        let weights: UnsafeBufferPointer<Double>
        let upper: UnsafeMutableBufferPointer<Double>
        let lower: UnsafeMutableBufferPointer<Double>
        let totals: UnsafeMutableBufferPointer<SIMD4<Double>>
        let assignment: UnsafeMutableBufferPointer<Int32>
        let nearest: KMeans.NearestCenter
        let halfGap: [Double]
        let centers: [Point]
        let moved: [Double]
        let valid: Bool
        let fastest: Int
        let largest: Double
        let runnerUp: Double

        func run(_ range: Range<Int>, totalsAt offset: Int) {
            for index in range {
                let point = points[index]
                var searched = true
                if valid {
                    let a = Int(assignment[index])
                    upper[index] += moved[a]
                    lower[index] -= a == fastest ? runnerUp : largest
                    let bound = max(halfGap[a], lower[index])
                    let margin = BoundedAssignment.margin * (1 + bound)
                    if upper[index] < bound - margin {
                        searched = false
                    } else {
                        upper[index] = point.distance(to: centers[a])
                        if upper[index] < bound - margin { searched = false }
                    }
                }
                if searched {
                    let found = nearest.twoNearest(to: point)
                    assignment[index] = Int32(found.best)
                    upper[index] = found.bestDistance.squareRoot()
                    lower[index] = found.secondDistance.squareRoot()
                }
                let w = weights.isEmpty ? 1 : weights[index]
                totals[offset + Int(assignment[index])] += SIMD4(point.x * w, point.y * w, w, 1)
            }
        }
    }
}
