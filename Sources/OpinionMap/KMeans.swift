/// A point of the plane.
public struct Point: Sendable, Hashable {
    public var x: Double
    public var y: Double

    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }

    func distance(to other: Point) -> Double { squaredDistance(to: other).squareRoot() }

    func squaredDistance(to other: Point) -> Double { (x - other.x) * (x - other.x) + (y - other.y) * (y - other.y) }
}

/// A cluster: its centre and the indexes of its members in the clustered points.
public struct Cluster: Sendable, Hashable {
    public var center: Point
    public var members: [Int]
}

/// Polis's k-means (clusters.clj `kmeans`): cold start on the first k distinct points in data order; warm start from
/// the previous clusters' members (`clean-start-clusters`); weighted points; empty clusters dropped; one more step
/// than `maxIterations` at most; stop when the sorted centres all moved less than 0.01.
enum KMeans {
    /// Centres moving less than this end the iterations (Polis `same-clustering?` threshold).
    static let convergence = 0.01

    /// The previous clustering a warm start begins from: each cluster's identifier and members (indexes into the
    /// points of this run; members no longer among them are left out by the caller).
    struct Start: Sendable {
        var ids: [Int]
        var members: [[Int]]
    }

    /// Clusters with their identifiers (kept from the start, new ones numbered after the largest), in identifier order.
    /// `useTree` chooses how each step assigns the points (by default, the tree for large clusterings); the clusters
    /// are the same either way.
    static func run(points: [Point], weights: [Double]? = nil, k: Int, maxIterations: Int, start: Start? = nil,
                    threads: Int = 1, useTree: Bool? = nil,
                    progress: ((Double) -> Void)? = nil) -> (clusters: [Cluster], ids: [Int]) {
        guard !points.isEmpty, k > 0 else { return ([], []) }
        var centers: [Point]
        var ids: [Int]
        if let start, start.members.contains(where: { !$0.isEmpty }) {
            (centers, ids) = cleanStart(points: points, weights: weights, k: k, start: start)
        } else {
            centers = []
            var seen = Set<Point>()
            for point in points where centers.count < k && !seen.contains(point) {
                centers.append(point)
                seen.insert(point)
            }
            ids = Array(centers.indices)
        }
        // Each step assigns the points either through a tree of boxes of them (built once: only the centres move), whole
        // boxes at a time where a single centre can own them (`PointTree`), or, for fewer points, one by one with
        // bounds that skip those that cannot change centre (`BoundedAssignment`).
        let n = points.count
        progress?(0)
        let tree = (useTree ?? (n >= PointTree.parallelSize)) ? PointTree(points: points, weights: weights) : nil
        var bounded = tree == nil ? BoundedAssignment(points: points, weights: weights) : nil
        let assignment = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
        defer { assignment.deallocate() }
        assignment.initialize(repeating: 0)
        var kept: [Int] = []
        var sortedCenters = Self.sortedForComparison(centers)
        // Polis counts down from maxIterations and stops after the step taken at zero: maxIterations + 1 steps at most.
        for iteration in 0...max(0, maxIterations) {
            progress?(Double(iteration) / Double(max(1, maxIterations + 1)))
            let totals = tree?.assign(to: centers, assignment: assignment, threads: threads)
                ?? bounded!.assign(to: centers, assignment: assignment, threads: threads)
            var next: [Point] = []
            kept = []
            for c in centers.indices where totals[c].w > 0 {
                let sum = totals[c].z
                next.append(sum > 0 ? Point(totals[c].x / sum, totals[c].y / sum) : centers[c])
                kept.append(c)
            }
            let sortedNext = Self.sortedForComparison(next)
            let converged = Self.sameClustering(sorted: sortedCenters, sortedNext)
            sortedCenters = sortedNext
            centers = next
            ids = kept.map { ids[$0] }
            if converged { break }
        }
        // Members from the last assignment, numbered as the centres kept.
        var renumber = [Int](repeating: -1, count: (kept.max() ?? -1) + 1)
        for (new, old) in kept.enumerated() { renumber[old] = new }
        var owner = [Int](repeating: 0, count: n)
        for slot in 0..<n { owner[tree.map { Int($0.order[slot]) } ?? slot] = renumber[Int(assignment[slot])] }
        var members = [[Int]](repeating: [], count: centers.count)
        for index in 0..<n { members[owner[index]].append(index) }
        return (zip(centers, members).map { Cluster(center: $0, members: $1) }, ids)
    }

    /// Polis's `same-clustering?`: both lists of centres sorted (by x, then y: `sortedForComparison`, once per step's
    /// centres) and compared pairwise, the longer list cut to the shorter; the same when every pair is nearer than
    /// `convergence`.
    static func sameClustering(sorted first: [Point], _ second: [Point]) -> Bool {
        zip(first, second).allSatisfy { $0.distance(to: $1) < convergence }
    }

    /// Centres sorted by x, then y.
    static func sortedForComparison(_ centers: [Point]) -> [Point] {
        centers.sorted { $0.x != $1.x ? $0.x < $1.x : $0.y < $1.y }
    }

    /// Polis's `clean-start-clusters`: each previous cluster re-centred on its members' current positions (clusters left
    /// without members dropped, identical centres merged), then, while there are fewer clusters than min(k, distinct
    /// points), the point furthest from every centre is taken out of its cluster and made a cluster of its own.
    static func cleanStart(points: [Point], weights: [Double]?, k: Int, start: Start) -> (centers: [Point], ids: [Int]) {
        func mean(_ members: [Int]) -> Point? {
            var sx = 0.0, sy = 0.0, sw = 0.0
            for i in members {
                let w = weights?[i] ?? 1
                sx += points[i].x * w
                sy += points[i].y * w
                sw += w
            }
            return members.isEmpty ? nil : (sw > 0 ? Point(sx / sw, sy / sw) : points[members[0]])
        }
        var ids: [Int] = [], members: [[Int]] = [], centers: [Point] = []
        for (id, list) in zip(start.ids, start.members) {
            guard let center = mean(list) else { continue }
            if let same = centers.firstIndex(of: center) {
                // Merged under the identifier of the larger (the later one on a tie), members of both.
                if list.count >= members[same].count { ids[same] = id }
                members[same] += list
            } else {
                ids.append(id)
                members.append(list)
                centers.append(center)
            }
        }
        var nextID = (start.ids.max() ?? -1) + 1
        if ids.isEmpty {
            ids = [nextID]
            members = [Array(points.indices)]
            nextID += 1
        }
        // min(k, distinct points), counted only as far as needed.
        var possible = k
        if ids.count < k {
            var distinct = Set<Point>()
            for point in points where distinct.count < k { distinct.insert(point) }
            possible = distinct.count
        }
        while true {
            var kept: [Int] = []
            centers = []
            for (index, list) in members.enumerated() {
                if let center = mean(list) { centers.append(center); kept.append(index) }
            }
            ids = kept.map { ids[$0] }
            members = kept.map { members[$0] }
            guard centers.count < possible else { break }
            // The most distal point: the largest distance to its nearest centre (the last one on a tie).
            let nearest = NearestCenter(centers)
            var outlier = -1
            var distance = -1.0
            for (index, point) in points.enumerated() {
                let d = nearest.twoNearest(to: point).bestDistance
                if d >= distance { distance = d; outlier = index }
            }
            guard distance > 0 else { break }
            for index in members.indices { members[index].removeAll { $0 == outlier } }
            ids.append(nextID)
            members.append([outlier])
            nextID += 1
        }
        return (centers, ids)
    }

    /// Nearest centre by an exact search on centres sorted by x: a centre further away in x than the best distance
    /// found cannot be nearer, so most are never looked at. Ties go to the lowest centre index, as a full scan would.
    struct NearestCenter {
        /// Centres sorted by x (ties by index), as separate coordinate arrays, and their original indexes.
        let xs: [Double]
        let ys: [Double]
        let ids: [Int]

        init(_ centers: [Point]) {
            var keyed = centers.enumerated().map { ($1.x, $0) }
            keyed.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            ids = keyed.map(\.1)
            xs = keyed.map(\.0)
            ys = keyed.map { centers[$0.1].y }
        }

        /// The nearest centre (ties to the lowest index) and the squared distances to it and to the next nearest.
        func twoNearest(to point: Point) -> (best: Int, bestDistance: Double, secondDistance: Double) {
            let count = xs.count
            guard count > 0 else { return (-1, .infinity, .infinity) }
            // The first centre not left of the point, by a binary search whose steps do not branch on the data.
            var base = 0, length = count
            while length > 1 {
                let half = length >> 1
                base = xs[base &+ half] < point.x ? base &+ half : base
                length &-= half
            }
            let low = base &+ (xs[base] < point.x ? 1 : 0)
            var best = -1
            var bestDistance = Double.infinity, secondDistance = Double.infinity
            var right = low
            var left = low &- 1
            // Walk outwards, right side then left side, stopping where x alone is further than the second best.
            while true {
                let position: Int
                let dx: Double
                if right < count, (xs[right] - point.x) * (xs[right] - point.x) <= secondDistance {
                    position = right
                    dx = xs[right] - point.x
                    right &+= 1
                } else if left >= 0, (point.x - xs[left]) * (point.x - xs[left]) <= secondDistance {
                    position = left
                    dx = point.x - xs[left]
                    left &-= 1
                } else {
                    break
                }
                let dy = ys[position] - point.y
                let d = dx * dx + dy * dy
                let c = ids[position]
                if d < bestDistance || (d == bestDistance && c < best) {
                    secondDistance = bestDistance
                    bestDistance = d
                    best = c
                } else if d < secondDistance {
                    secondDistance = d
                }
            }
            return (best, bestDistance, secondDistance)
        }

        func index(of point: Point) -> Int { twoNearest(to: point).best }
    }
}
