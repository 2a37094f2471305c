/// The silhouette Polis chooses the number of opinion groups by (computed on the base clusters' centres).
extension KMeans {
    /// Mean silhouette of a clustering (unweighted, Euclidean) from its points' distances, computed once for every
    /// clustering of the same points; a singleton scores 0.
    static func silhouette(distances: PairwiseDistances, clusters: [Cluster]) -> Double {
        guard clusters.count > 1, distances.count > 0 else { return 0 }
        var total = 0.0
        var count = 0
        for (ci, cluster) in clusters.enumerated() {
            for i in cluster.members {
                count += 1
                guard cluster.members.count > 1 else { continue }
                var within = 0.0
                for j in cluster.members where j != i { within += distances[i, j] }
                let a = within / Double(cluster.members.count - 1)
                var b = Double.infinity
                for (cj, other) in clusters.enumerated() where cj != ci && !other.members.isEmpty {
                    var sum = 0.0
                    for j in other.members { sum += distances[i, j] }
                    b = min(b, sum / Double(other.members.count))
                }
                let denominator = max(a, b)
                if denominator > 0 { total += (b - a) / denominator }
            }
        }
        return count > 0 ? total / Double(count) : 0
    }

    /// Euclidean distances between every two of a few points (the base clusters' centres), in a square table.
    struct PairwiseDistances {
        let count: Int
        private let table: [Double]

        init(_ points: [Point]) {
            count = points.count
            var table = [Double](repeating: 0, count: count * count)
            for i in 0..<count {
                for j in 0..<count where j != i { table[i * count + j] = points[i].distance(to: points[j]) }
            }
            self.table = table
        }

        subscript(i: Int, j: Int) -> Double { table[i * count + j] }
    }
}
