/// Lloyd assignment steps with Hamerly's bounds, for clusterings of fewer points than a `PointTree` pays for (with a
/// hundred centres and ten or so points each, boxes of points hold many centres and the tree prunes little).
///
/// `upper` bounds the distance of each point to its centre and `lower` its distance to any other; both follow the
/// centres' movements between steps, and a point nearer its centre than either bound or half the gap to that centre's
/// nearest neighbour cannot change centre, so it is not searched. The assignment is exactly that of a full scan (ties
/// to the lowest centre index).
struct BoundedAssignment {
    private let points: [Point]
    private let weights: [Double]?
    private var upper: [Double]
    private var lower: [Double]
    /// The centres of the last step, to measure how far each moved.
    private var previous: [Point] = []

    /// Skips a point only when the bounds separate its centre from the others by more than round-off could blur.
    static let margin = 1e-9

    init(points: [Point], weights: [Double]?) {
        self.points = points
        self.weights = weights
        upper = [Double](repeating: .infinity, count: points.count)
        lower = [Double](repeating: 0, count: points.count)
    }

    /// One assignment (in input order) and each centre's totals (Σ w·x, Σ w·y, Σ w, count). The bounds carry over
    /// when the centres are those of the last step moved (none dropped); otherwise every point is searched.
    mutating func assign(to centers: [Point], assignment: UnsafeMutableBufferPointer<Int32>) -> PointTree.Totals {
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
        var totals = PointTree.Totals(repeating: .zero, count: centers.count)
        points.withUnsafeBufferPointer { points in
            upper.withUnsafeMutableBufferPointer { upper in
                lower.withUnsafeMutableBufferPointer { lower in
                    for index in points.indices {
                        let point = points[index]
                        var searched = true
                        if valid {
                            let a = Int(assignment[index])
                            upper[index] += moved[a]
                            lower[index] -= a == fastest ? runnerUp : largest
                            let bound = max(halfGap[a], lower[index])
                            let margin = Self.margin * (1 + bound)
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
                        let w = weights?[index] ?? 1
                        totals[Int(assignment[index])] += SIMD4(point.x * w, point.y * w, w, 1)
                    }
                }
            }
        }
        return totals
    }
}
