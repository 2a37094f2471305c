/// The two leading eigenvectors of a symmetric positive semi-definite operator, by the Lanczos method with full
/// reorthogonalisation.
///
/// Polis finds each principal component by the power method (up to 100 iterations); its error falls like
/// (λ2/λ1)^n, slowly when two opinion axes are about as strong. The Krylov space of the same start vector holds the
/// same eigenvectors with far fewer products (each step is one product with XᵀX), and once converged the vectors
/// are the eigenvectors themselves, so the result does not depend on where the iteration started.
enum Lanczos {
    /// Converged when ‖A x − θ x‖ ≤ tolerance · θ1 for both vectors.
    static let tolerance = 1e-9
    /// Steps at most (the Krylov space dimension).
    static let maximumSteps = 160

    /// `apply(x, y)` must set y = A x. Returns two orthonormal vectors (the second is zero when size < 2).
    static func leadingPair(size m: Int, start: [Double], apply: ([Double], inout [Double]) -> Void) -> [[Double]] {
        guard m > 0 else { return [[], []] }
        let limit = min(m, maximumSteps)
        var basis: [[Double]] = []
        var alpha: [Double] = [], beta: [Double] = []
        var next = start
        var restart = 0
        var product = [Double](repeating: 0, count: m)
        var result: [[Double]]?
        while basis.count < limit {
            // The new basis vector: what is left of `next` once made orthogonal to the basis (twice is enough).
            var q = next
            orthogonalize(&q, against: basis)
            orthogonalize(&q, against: basis)
            var length = norm(q)
            while length <= 1e-12 * max(1, norm(next)) && restart < m {
                // The Krylov space is invariant: go on with a fixed vector outside it (beta = 0 decouples it).
                q = (0..<m).map { Double((($0 + restart) * 7919) % 101) + 1 }
                if restart > 0 { q[(restart - 1) % m] += Double(m) }
                restart += 1
                orthogonalize(&q, against: basis)
                orthogonalize(&q, against: basis)
                length = norm(q)
                if !beta.isEmpty { beta[beta.count - 1] = 0 }
            }
            guard length > 0 else { break }
            for i in 0..<m { q[i] /= length }
            basis.append(q)
            apply(q, &product)
            let a = dot(q, product)
            alpha.append(a)
            var w = product
            orthogonalize(&w, against: basis)
            orthogonalize(&w, against: basis)
            let b = norm(w)
            beta.append(b)
            next = w
            let steps = basis.count
            if steps >= 2, steps % 2 == 0 || steps == limit || b <= 1e-14 * max(abs(a), 1) {
                // The residual of each Ritz pair is b times the last component of its eigenvector: only the last row
                // of the eigenvectors is followed until they converge.
                let (values, last) = TridiagonalEigen.solve(diagonal: alpha, offDiagonal: Array(beta.dropLast()),
                                                            rows: (steps - 1)..<steps)
                let order = values.indices.sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 }
                let scale = max(abs(values[order[0]]), .leastNormalMagnitude)
                let converged = order.prefix(2).allSatisfy { abs(b * last[$0][0]) <= tolerance * scale }
                if converged || steps == limit {
                    let vectors = TridiagonalEigen.solve(diagonal: alpha, offDiagonal: Array(beta.dropLast())).vectors
                    result = order.prefix(2).map { index in
                        var x = [Double](repeating: 0, count: m)
                        for (j, vector) in basis.enumerated() {
                            let weight = vectors[index][j]
                            for i in 0..<m { x[i] += weight * vector[i] }
                        }
                        let length = norm(x)
                        return length > 0 ? x.map { $0 / length } : x
                    }
                    break
                }
            }
        }
        if result == nil {
            // Fewer than two steps (m = 1): the basis itself.
            result = basis.prefix(2).map { $0 }
        }
        var pair = result!
        while pair.count < 2 { pair.append([Double](repeating: 0, count: m)) }
        return pair
    }

    static func orthogonalize(_ v: inout [Double], against basis: [[Double]]) {
        for q in basis {
            let projection = dot(v, q)
            if projection != 0 { for i in v.indices { v[i] -= projection * q[i] } }
        }
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for i in a.indices { sum += a[i] * b[i] }
        return sum
    }

    static func norm(_ v: [Double]) -> Double { dot(v, v).squareRoot() }
}

/// Eigenvalues and eigenvectors of a small symmetric tridiagonal matrix, by implicit QL with Wilkinson shifts.
enum TridiagonalEigen {
    /// `offDiagonal[i]` couples i and i + 1. Returns the eigenvalues and, for each, its eigenvector (unit length), or
    /// only the components `rows` of it: each row of the eigenvectors evolves on its own, so fewer rows cost less and
    /// give the same numbers.
    static func solve(diagonal: [Double], offDiagonal: [Double], rows: Range<Int>? = nil) -> (values: [Double], vectors: [[Double]]) {
        let n = diagonal.count
        let rows = rows ?? 0..<n
        var d = diagonal
        var e = offDiagonal + [0]
        // z[r * n + i]: component rows.lowerBound + r of eigenvector i.
        let width = rows.count
        var z = [Double](repeating: 0, count: width * n)
        for (r, k) in rows.enumerated() { z[r * n + k] = 1 }
        for l in 0..<n {
            var iterations = 0
            while true {
                var m = l
                while m < n - 1 {
                    let scale = abs(d[m]) + abs(d[m + 1])
                    if abs(e[m]) <= Double.ulpOfOne * scale { break }
                    m += 1
                }
                if m == l || iterations == 60 { break }
                iterations += 1
                var g = (d[l + 1] - d[l]) / (2 * e[l])
                var r = (g * g + 1).squareRoot()
                g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r))
                var s = 1.0, c = 1.0, p = 0.0
                var i = m - 1
                var deflated = false
                while i >= l {
                    let f = s * e[i], b = c * e[i]
                    r = (f * f + g * g).squareRoot()
                    e[i + 1] = r
                    if r == 0 {
                        d[i + 1] -= p
                        e[m] = 0
                        deflated = true
                        break
                    }
                    s = f / r
                    c = g / r
                    g = d[i + 1] - p
                    r = (d[i] - g) * s + 2 * c * b
                    p = s * r
                    d[i + 1] = g + p
                    g = c * r - b
                    for r in 0..<width {
                        let t = z[r * n + i + 1]
                        z[r * n + i + 1] = s * z[r * n + i] + c * t
                        z[r * n + i] = c * z[r * n + i] - s * t
                    }
                    i -= 1
                }
                if deflated { continue }
                d[l] -= p
                e[l] = g
                e[m] = 0
            }
        }
        let vectors = (0..<n).map { i in (0..<width).map { z[$0 * n + i] } }
        return (d, vectors)
    }
}
