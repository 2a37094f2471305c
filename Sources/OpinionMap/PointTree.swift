import Dispatch
import Synchronization

/// The points of a k-means run in a tree of boxes (the cells of a quadtree over them, in Z order) whose every node
/// knows its bounding box and the weighted sum of its points, for the filtering algorithm of Kanungo et al. (2002):
/// one Lloyd step assigns whole boxes at once.
///
/// The points never move during a run, only the centres do, so the tree is built once. A step walks down from the
/// root with the centres that may still own some point of the box; the candidate nearest the box's middle rules out
/// every other that is further from each corner of the box than it is (strictly, with a margin for round-off), and a
/// box left with one candidate goes to it whole: its sums are added without looking at its points. Only boxes that
/// straddle a boundary between clusters are opened. The assignment is exactly that of a full scan over the centres
/// (nearest, ties to the lowest centre index); only the order in which the centre sums are added differs.
struct PointTree {
    /// Points in tree order, and the index each had in the input.
    private let xs: [Double]
    private let ys: [Double]
    /// (w·x, w·y, w, 1) of each point in tree order: what it adds to its centre's totals.
    private let shares: [SIMD4<Double>]
    let order: [Int32]
    private let nodes: [Node]

    private struct Node {
        var low: Int32, high: Int32
        /// Children, or -1 for a leaf.
        var left: Int32 = -1, right: Int32 = -1
        var minX = 0.0, maxX = 0.0, minY = 0.0, maxY = 0.0
        /// (Σ w·x, Σ w·y, Σ w, count) of its points.
        var sums = SIMD4<Double>()
    }

    /// Points in a leaf at most.
    private static let leafSize = 16

    init(points: [Point], weights: [Double]?) {
        let n = points.count
        // Points in Z order (Morton codes of 16 bits a side over their bounding box, a stable radix sort), so that
        // every node of the tree is a range of slots: the cells of a quadtree, split where the codes first differ.
        var minX = Double.infinity, maxX = -Double.infinity, minY = Double.infinity, maxY = -Double.infinity
        for point in points {
            minX = min(minX, point.x); maxX = max(maxX, point.x)
            minY = min(minY, point.y); maxY = max(maxY, point.y)
        }
        let scaleX = maxX > minX ? 65535 / (maxX - minX) : 0, scaleY = maxY > minY ? 65535 / (maxY - minY) : 0
        var keyed = points.enumerated().map { index, point in
            UInt64(Self.interleave(UInt32(((point.x - minX) * scaleX).rounded(.down)),
                                   UInt32(((point.y - minY) * scaleY).rounded(.down)))) << 32 | UInt64(index)
        }
        Self.radixSort(&keyed)
        let order = keyed.map { Int32(truncatingIfNeeded: $0) }
        let codes = keyed.map { UInt32($0 >> 32) }
        let xs = order.map { points[Int($0)].x }, ys = order.map { points[Int($0)].y }
        let shares = (0..<n).map { slot -> SIMD4<Double> in
            let w = weights?[Int(order[slot])] ?? 1
            return SIMD4(xs[slot] * w, ys[slot] * w, w, 1)
        }
        var tree: [Node] = []
        tree.reserveCapacity(2 * (n / Self.leafSize + 1))
        if n > 0 { _ = Self.build(0, n, codes: codes, xs: xs, ys: ys, shares: shares, into: &tree) }
        self.xs = xs
        self.ys = ys
        self.shares = shares
        self.order = order
        nodes = tree
    }

    /// The bits of x and y interleaved (x in the even bits).
    private static func interleave(_ x: UInt32, _ y: UInt32) -> UInt32 {
        func spread(_ value: UInt32) -> UInt32 {
            var v = value & 0xFFFF
            v = (v | v << 8) & 0x00FF_00FF
            v = (v | v << 4) & 0x0F0F_0F0F
            v = (v | v << 2) & 0x3333_3333
            v = (v | v << 1) & 0x5555_5555
            return v
        }
        return spread(x) | spread(y) << 1
    }

    /// Sorts by the upper 32 bits, keeping the input order among equal ones (four passes of eight bits).
    private static func radixSort(_ keys: inout [UInt64]) {
        var other = keys
        for shift in stride(from: 32, to: 64, by: 8) {
            var counts = [Int](repeating: 0, count: 257)
            for key in keys { counts[Int((key >> UInt64(shift)) & 0xFF) + 1] += 1 }
            for digit in 0..<256 { counts[digit + 1] += counts[digit] }
            for key in keys {
                let digit = Int((key >> UInt64(shift)) & 0xFF)
                other[counts[digit]] = key
                counts[digit] += 1
            }
            swap(&keys, &other)
        }
    }

    /// Builds the subtree of the slots low..<high and returns its node index; children come after their parent.
    private static func build(_ low: Int, _ high: Int, codes: [UInt32], xs: [Double], ys: [Double],
                              shares: [SIMD4<Double>], into tree: inout [Node]) -> Int32 {
        let index = Int32(tree.count)
        tree.append(Node(low: Int32(low), high: Int32(high)))
        var node = tree[Int(index)]
        let first = codes[low], last = codes[high - 1]
        if high - low <= leafSize || first == last {
            // A leaf: few points, or points of the same cell.
            var minX = xs[low], maxX = xs[low], minY = ys[low], maxY = ys[low]
            var sums = SIMD4<Double>()
            for slot in low..<high {
                minX = min(minX, xs[slot]); maxX = max(maxX, xs[slot])
                minY = min(minY, ys[slot]); maxY = max(maxY, ys[slot])
                sums += shares[slot]
            }
            (node.minX, node.maxX, node.minY, node.maxY, node.sums) = (minX, maxX, minY, maxY, sums)
        } else {
            // Split where the highest bit in which the codes of the range differ turns to one.
            let bit = UInt32(1) << (31 - (first ^ last).leadingZeroBitCount)
            var lower = low, upper = high - 1
            while lower < upper {
                let middle = (lower + upper) / 2
                if codes[middle] & bit == 0 { lower = middle + 1 } else { upper = middle }
            }
            node.left = build(low, lower, codes: codes, xs: xs, ys: ys, shares: shares, into: &tree)
            node.right = build(lower, high, codes: codes, xs: xs, ys: ys, shares: shares, into: &tree)
            let left = tree[Int(node.left)], right = tree[Int(node.right)]
            node.minX = min(left.minX, right.minX); node.maxX = max(left.maxX, right.maxX)
            node.minY = min(left.minY, right.minY); node.maxY = max(left.maxY, right.maxY)
            node.sums = left.sums + right.sums
        }
        tree[Int(index)] = node
        return index
    }

    /// Per-centre totals of one assignment step: (Σ w·x, Σ w·y, Σ w, count).
    typealias Totals = [SIMD4<Double>]

    /// One Lloyd assignment: each point to its nearest centre (ties to the lowest index), written in `assignment`
    /// (tree order), and each centre's totals.
    ///
    /// Trees of many points are cut into subtrees (about thirty-two) that `threads` workers walk at the same time, each
    /// subtree adding into totals of its own; these are summed in subtree order, so the result does not depend on the
    /// number of threads.
    func assign(to centers: [Point], assignment: UnsafeMutableBufferPointer<Int32>, threads: Int = 1) -> Totals {
        let k = centers.count
        var totals = Totals(repeating: .zero, count: k)
        guard !nodes.isEmpty, k > 0 else { return totals }
        let cx = centers.map(\.x), cy = centers.map(\.y)
        // Candidate lists, one per level of the walk, each at most k long: room for each worker.
        let scratchSize = k * 64
        let cut = xs.count >= Self.parallelSize ? xs.count / 32 : Int.max
        var tasks: [(node: Int, candidates: [Int32])] = []
        let scratch = UnsafeMutableBufferPointer<Int32>.allocate(capacity: scratchSize * max(1, threads))
        defer { scratch.deallocate() }
        for c in 0..<k { scratch[c] = Int32(c) }
        nodes.withUnsafeBufferPointer { nodes in
            xs.withUnsafeBufferPointer { xs in
                ys.withUnsafeBufferPointer { ys in
                    shares.withUnsafeBufferPointer { shares in
                        cx.withUnsafeBufferPointer { cx in
                            cy.withUnsafeBufferPointer { cy in
                                totals.withUnsafeMutableBufferPointer { totals in
                                    let walk = Walk(nodes: nodes, xs: xs, ys: ys, shares: shares, cx: cx, cy: cy,
                                                    scratch: UnsafeMutableBufferPointer(rebasing: scratch[0..<scratchSize]),
                                                    assignment: assignment, totals: totals)
                                    walk.filter(node: 0, candidates: 0, count: k, cut: cut, handOff: { tasks.append(($0, $1)) })
                                }
                                guard !tasks.isEmpty else { return }
                                let partial = UnsafeMutableBufferPointer<SIMD4<Double>>.allocate(capacity: k * tasks.count)
                                defer { partial.deallocate() }
                                partial.initialize(repeating: .zero)
                                let workers = max(1, min(threads, tasks.count))
                                let template = Walk(nodes: nodes, xs: xs, ys: ys, shares: shares, cx: cx, cy: cy, scratch: scratch,
                                                    assignment: assignment, totals: partial)
                                let jobs = tasks
                                // Workers take the next subtree as they finish one (subtrees differ in work); each
                                // subtree's totals are its own, so the sum does not depend on who took which.
                                let next = Atomic<Int>(0)
                                let work = { @Sendable (worker: Int) in
                                    let own = UnsafeMutableBufferPointer(rebasing: template.scratch[(worker * scratchSize)..<((worker + 1) * scratchSize)])
                                    while true {
                                        let index = next.add(1, ordering: .relaxed).oldValue
                                        guard index < jobs.count else { break }
                                        let task = jobs[index]
                                        for (slot, c) in task.candidates.enumerated() { own[slot] = c }
                                        let totals = UnsafeMutableBufferPointer(rebasing: template.totals[(index * k)..<((index + 1) * k)])
                                        template.with(scratch: own, totals: totals)
                                            .filter(node: task.node, candidates: 0, count: task.candidates.count)
                                    }
                                }
                                if workers == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: work) }
                                for index in tasks.indices {
                                    for c in 0..<k { totals[c] += partial[index * k + c] }
                                }
                            }
                        }
                    }
                }
            }
        }
        return totals
    }

    /// Trees of at least this many points are walked in parallel.
    static let parallelSize = 16_384

    /// Unsafe buffers shared between workers: each writes only its own scratch, its own totals and the assignments of
    /// its own subtrees (disjoint slot ranges).
    private struct Walk: @unchecked Sendable {
        let nodes: UnsafeBufferPointer<Node>
        let xs: UnsafeBufferPointer<Double>, ys: UnsafeBufferPointer<Double>
        let shares: UnsafeBufferPointer<SIMD4<Double>>
        let cx: UnsafeBufferPointer<Double>, cy: UnsafeBufferPointer<Double>
        let scratch: UnsafeMutableBufferPointer<Int32>
        let assignment: UnsafeMutableBufferPointer<Int32>
        let totals: UnsafeMutableBufferPointer<SIMD4<Double>>

        func with(scratch: UnsafeMutableBufferPointer<Int32>, totals: UnsafeMutableBufferPointer<SIMD4<Double>>) -> Walk {
            Walk(nodes: nodes, xs: xs, ys: ys, shares: shares, cx: cx, cy: cy, scratch: scratch, assignment: assignment,
                 totals: totals)
        }

        /// Candidates are scratch[candidates..<candidates + count]; the survivors are written just after them. Nodes
        /// of at most `cut` points that need opening are handed to `handOff` with their candidates instead.
        func filter(node index: Int, candidates: Int, count: Int, cut: Int = .max,
                    handOff: ((Int, [Int32]) -> Void)? = nil) {
            let node = nodes[index]
            if let handOff, count > 1, Int(node.high - node.low) <= cut {
                handOff(index, Array(scratch[candidates..<(candidates &+ count)]))
                return
            }
            if count == 1 {
                give(node, to: Int(scratch[candidates]))
                return
            }
            if count == 2 {
                filter(node, candidates: candidates, Int(scratch[candidates]), Int(scratch[candidates &+ 1]), cut: cut,
                       handOff: handOff)
                return
            }
            // The candidate nearest the middle of the box (the lowest index on a tie).
            let mx = (node.minX + node.maxX) * 0.5, my = (node.minY + node.maxY) * 0.5
            var best = Int(scratch[candidates])
            var bestDistance = Double.infinity
            for slot in candidates..<(candidates &+ count) {
                let c = Int(scratch[slot])
                let dx = cx[c] - mx, dy = cy[c] - my
                let d = dx * dx + dy * dy
                if d < bestDistance || (d == bestDistance && c < best) { best = c; bestDistance = d }
            }
            // Keep the others that are, at the corner of the box furthest towards them, not clearly further than it.
            let survivors = candidates &+ count
            var kept = 0
            let bx = cx[best], by = cy[best]
            for slot in candidates..<(candidates &+ count) {
                let c = Int(scratch[slot])
                let vx = cx[c] > bx ? node.maxX : node.minX
                let vy = cy[c] > by ? node.maxY : node.minY
                let dc = (cx[c] - vx) * (cx[c] - vx) + (cy[c] - vy) * (cy[c] - vy)
                let db = (bx - vx) * (bx - vx) + (by - vy) * (by - vy)
                // (The best itself gives dc == db and stays.)
                scratch[survivors &+ kept] = Int32(c)
                kept &+= dc - db > 1e-9 * (dc + db) ? 0 : 1
            }
            if kept == 1 {
                give(node, to: best)
            } else if node.left < 0 {
                assignPoints(of: node, candidates: survivors, count: kept)
            } else {
                filter(node: Int(node.left), candidates: survivors, count: kept, cut: cut, handOff: handOff)
                filter(node: Int(node.right), candidates: survivors, count: kept, cut: cut, handOff: handOff)
            }
        }

        /// The commonest case, a box on the boundary between two centres, without the loops.
        func filter(_ node: Node, candidates: Int, _ a: Int, _ b: Int, cut: Int, handOff: ((Int, [Int32]) -> Void)?) {
            let mx = (node.minX + node.maxX) * 0.5, my = (node.minY + node.maxY) * 0.5
            let ma = (cx[a] - mx) * (cx[a] - mx) + (cy[a] - my) * (cy[a] - my)
            let mb = (cx[b] - mx) * (cx[b] - mx) + (cy[b] - my) * (cy[b] - my)
            let (best, other) = ma < mb || (ma == mb && a < b) ? (a, b) : (b, a)
            let vx = cx[other] > cx[best] ? node.maxX : node.minX
            let vy = cy[other] > cy[best] ? node.maxY : node.minY
            let dOther = (cx[other] - vx) * (cx[other] - vx) + (cy[other] - vy) * (cy[other] - vy)
            let dBest = (cx[best] - vx) * (cx[best] - vx) + (cy[best] - vy) * (cy[best] - vy)
            if dOther - dBest > 1e-9 * (dOther + dBest) {
                give(node, to: best)
            } else if node.left < 0 || node.high - node.low <= 64 {
                let (ax, ay, bx, by) = (cx[a], cy[a], cx[b], cy[b])
                for slot in Int(node.low)..<Int(node.high) {
                    let x = xs[slot], y = ys[slot]
                    let da = (x - ax) * (x - ax) + (y - ay) * (y - ay)
                    let db = (x - bx) * (x - bx) + (y - by) * (y - by)
                    let owner = da < db || (da == db && a < b) ? a : b
                    totals[owner] += shares[slot]
                    assignment[slot] = Int32(owner)
                }
            } else {
                filter(node: Int(node.left), candidates: candidates, count: 2, cut: cut, handOff: handOff)
                filter(node: Int(node.right), candidates: candidates, count: 2, cut: cut, handOff: handOff)
            }
        }

        /// A whole box to one centre.
        func give(_ node: Node, to c: Int) {
            totals[c] += node.sums
            for slot in Int(node.low)..<Int(node.high) { assignment[slot] = Int32(c) }
        }

        /// The points of a leaf one by one, among the candidates left.
        func assignPoints(of node: Node, candidates: Int, count: Int) {
            for slot in Int(node.low)..<Int(node.high) {
                let x = xs[slot], y = ys[slot]
                var best = -1
                var bestDistance = Double.infinity
                for entry in candidates..<(candidates &+ count) {
                    let c = Int(scratch[entry])
                    let dx = x - cx[c], dy = y - cy[c]
                    let d = dx * dx + dy * dy
                    if d < bestDistance || (d == bestDistance && c < best) { best = c; bestDistance = d }
                }
                totals[best] += shares[slot]
                assignment[slot] = Int32(best)
            }
        }
    }
}
