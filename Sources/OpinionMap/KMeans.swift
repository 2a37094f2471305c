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

/// Polis's k-means: cold start on the first k distinct points in data order, warm start from the
/// previous clusters, weighted points, empty clusters dropped, stop when no centre moves 0.01.
enum KMeans {
    /// Centres moving less than this end the iterations (Polis `kmeans` threshold).
    static let convergence = 0.01

    static func run(points: [Point], weights: [Double]? = nil, k: Int, maxIterations: Int, start: [Point]? = nil) -> [Cluster] {
        guard !points.isEmpty, k > 0 else { return [] }
        var centers = start.map { Array($0.prefix(k)) } ?? []
        if centers.count < k {
            for point in points where centers.count < k && !centers.contains(point) { centers.append(point) }
        }
        var clusters: [Cluster] = []
        for _ in 0..<max(1, maxIterations) {
            var members = [[Int]](repeating: [], count: centers.count)
            let nearest = NearestCenter(centers)
            for (index, point) in points.enumerated() {
                members[nearest.index(of: point)].append(index)
            }
            var next: [Cluster] = []
            for (c, list) in members.enumerated() where !list.isEmpty {
                var sx = 0.0, sy = 0.0, sw = 0.0
                for i in list {
                    let w = weights?[i] ?? 1
                    sx += points[i].x * w
                    sy += points[i].y * w
                    sw += w
                }
                let center = sw > 0 ? Point(sx / sw, sy / sw) : centers[c]
                next.append(Cluster(center: center, members: list))
            }
            let converged = next.count == centers.count
                && zip(next.map(\.center), centers).allSatisfy { $0.distance(to: $1) < convergence }
            clusters = next
            centers = next.map(\.center)
            if converged { break }
        }
        return clusters
    }

    /// Nearest centre by an exact search on centres sorted by x: a centre further away in x than the best distance
    /// found cannot be nearer, so most are never looked at. Ties go to the lowest centre index, as a full scan would.
    struct NearestCenter {
        let centers: [Point]
        let order: [Int]
        let xs: [Double]

        init(_ centers: [Point]) {
            self.centers = centers
            order = centers.indices.sorted { centers[$0].x != centers[$1].x ? centers[$0].x < centers[$1].x : $0 < $1 }
            xs = order.map { centers[$0].x }
        }

        func index(of point: Point) -> Int {
            var low = 0, high = xs.count
            while low < high {
                let middle = (low + high) / 2
                if xs[middle] < point.x { low = middle + 1 } else { high = middle }
            }
            var best = -1
            var bestDistance = Double.infinity
            func consider(_ position: Int) {
                let c = order[position]
                let d = point.squaredDistance(to: centers[c])
                if d < bestDistance || (d == bestDistance && c < best) { bestDistance = d; best = c }
            }
            var right = low
            while right < xs.count, (xs[right] - point.x) * (xs[right] - point.x) <= bestDistance { consider(right); right += 1 }
            var left = low - 1
            while left >= 0, (point.x - xs[left]) * (point.x - xs[left]) <= bestDistance { consider(left); left -= 1 }
            return best
        }
    }

    /// Mean silhouette of a clustering of `points` (unweighted, Euclidean); a singleton scores 0.
    static func silhouette(points: [Point], clusters: [Cluster]) -> Double {
        guard clusters.count > 1, !points.isEmpty else { return 0 }
        var total = 0.0
        var count = 0
        for (ci, cluster) in clusters.enumerated() {
            for i in cluster.members {
                count += 1
                guard cluster.members.count > 1 else { continue }
                let a = cluster.members.filter { $0 != i }.reduce(0) { $0 + points[i].distance(to: points[$1]) }
                    / Double(cluster.members.count - 1)
                var b = Double.infinity
                for (cj, other) in clusters.enumerated() where cj != ci && !other.members.isEmpty {
                    let mean = other.members.reduce(0) { $0 + points[i].distance(to: points[$1]) } / Double(other.members.count)
                    b = min(b, mean)
                }
                let denominator = max(a, b)
                if denominator > 0 { total += (b - a) / denominator }
            }
        }
        return count > 0 ? total / Double(count) : 0
    }
}
