/// Matching positions of two sequences: a longest common subsequence, found by Myers's O((N+M)D) difference
/// algorithm in linear space (each step searches for the middle of an optimal edit path from both ends and splits
/// the problem there), so two long versions never fill an N×M table.
///
/// Where two stretches differ in more than `maximumEdits` places (fewer for very long stretches, so that one search
/// costs at most about `workBudget` steps), the search stops and they are taken as wholly replaced: the comparison
/// stays readable and its cost bounded whatever a request sends.
func longestCommonSubsequence<T: Equatable>(_ a: [T], _ b: [T], maximumEdits: Int = 2_000, workBudget: Int = 20_000_000) -> [(Int, Int)] {
    var pairs: [(Int, Int)] = []
    pairs.reserveCapacity(min(a.count, b.count))

    func solve(_ a0: Int, _ a1: Int, _ b0: Int, _ b1: Int) {
        var a0 = a0, a1 = a1, b0 = b0
        var b1 = b1
        while a0 < a1, b0 < b1, a[a0] == b[b0] {
            pairs.append((a0, b0))
            a0 += 1
            b0 += 1
        }
        var suffix = 0
        while a1 > a0, b1 > b0, a[a1 - 1] == b[b1 - 1] {
            a1 -= 1
            b1 -= 1
            suffix += 1
        }
        // A split point strictly inside the rectangle always makes progress; a corner would not, so it is never taken.
        if a0 < a1, b0 < b1, let (x, y) = middle(a0, a1, b0, b1), (x, y) != (a0, b0), (x, y) != (a1, b1) {
            solve(a0, x, b0, y)
            solve(x, a1, y, b1)
        }
        for k in 0..<suffix { pairs.append((a1 + k, b1 + k)) }
    }

    /// A point (x, y) on an optimal edit path of a[a0..<a1] and b[b0..<b1], or nil when they differ in more than
    /// `maximumEdits` places (or share nothing).
    func middle(_ a0: Int, _ a1: Int, _ b0: Int, _ b1: Int) -> (Int, Int)? {
        let n = a1 - a0, m = b1 - b0
        let limit = min((n + m + 1) / 2, max(8, min(maximumEdits / 2, workBudget / max(1, n + m))))
        let offset = limit + 1, length = 2 * limit + 3
        var forward = [Int](repeating: -1, count: length), backward = [Int](repeating: -1, count: length)
        forward[offset + 1] = 0
        backward[offset + 1] = 0
        let delta = n - m
        let front = delta % 2 != 0
        var k1start = 0, k1end = 0, k2start = 0, k2end = 0
        for d in 0..<limit {
            for k1 in stride(from: -d + k1start, through: d - k1end, by: 2) {
                let i1 = offset + k1
                var x1 = (k1 == -d || (k1 != d && forward[i1 - 1] < forward[i1 + 1])) ? forward[i1 + 1] : forward[i1 - 1] + 1
                var y1 = x1 - k1
                while x1 < n, y1 < m, a[a0 + x1] == b[b0 + y1] {
                    x1 += 1
                    y1 += 1
                }
                forward[i1] = x1
                if x1 > n {
                    k1end += 2
                } else if y1 > m {
                    k1start += 2
                } else if front {
                    let i2 = offset + delta - k1
                    if i2 >= 0, i2 < length, backward[i2] != -1, x1 >= n - backward[i2] {
                        return (a0 + x1, b0 + y1)
                    }
                }
            }
            for k2 in stride(from: -d + k2start, through: d - k2end, by: 2) {
                let i2 = offset + k2
                var x2 = (k2 == -d || (k2 != d && backward[i2 - 1] < backward[i2 + 1])) ? backward[i2 + 1] : backward[i2 - 1] + 1
                var y2 = x2 - k2
                while x2 < n, y2 < m, a[a1 - x2 - 1] == b[b1 - y2 - 1] {
                    x2 += 1
                    y2 += 1
                }
                backward[i2] = x2
                if x2 > n {
                    k2end += 2
                } else if y2 > m {
                    k2start += 2
                } else if !front {
                    let i1 = offset + delta - k2
                    if i1 >= 0, i1 < length, forward[i1] != -1 {
                        let x1 = forward[i1]
                        let y1 = offset + x1 - i1
                        if x1 >= n - x2 { return (a0 + x1, b0 + y1) }
                    }
                }
            }
        }
        return nil
    }

    solve(0, a.count, 0, b.count)
    return pairs
}
