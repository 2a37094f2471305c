import Foundation
@testable import OpinionMap
import Testing

@Suite struct LanczosTests {
    /// A = Q diag(λ) Qᵀ with known eigenvectors (Gram–Schmidt of random vectors) and eigenvalues.
    static func known(size m: Int, eigenvalues: [Double], seed: UInt64) -> (matrix: [Double], vectors: [[Double]]) {
        var generator = SplitMix64(seed: seed)
        var basis: [[Double]] = []
        for _ in 0..<m {
            var v = (0..<m).map { _ in Double.random(in: -1...1, using: &generator) }
            Lanczos.orthogonalize(&v, against: basis)
            Lanczos.orthogonalize(&v, against: basis)
            let length = Lanczos.norm(v)
            basis.append(v.map { $0 / length })
        }
        var matrix = [Double](repeating: 0, count: m * m)
        for (value, q) in zip(eigenvalues, basis) {
            for i in 0..<m { for j in 0..<m { matrix[i * m + j] += value * q[i] * q[j] } }
        }
        return (matrix, basis)
    }

    @Test(arguments: [(12, 1), (40, 2), (90, 3)])
    func findsTheTwoLeadingEigenvectors(size: Int, seed: Int) {
        // Two leading eigenvalues close together (power iteration's slow case), the rest spread below them.
        let eigenvalues = [100.0, 97.0] + (2..<size).map { 80 * Double(size - $0) / Double(size) }
        let (matrix, vectors) = Self.known(size: size, eigenvalues: eigenvalues, seed: UInt64(seed))
        var generator = SplitMix64(seed: 9)
        let start = (0..<size).map { _ in Double.random(in: -1...1, using: &generator) }
        let packed = packedUpperTriangle(matrix, size: size)
        let found = Lanczos.leadingPair(size: size, start: start) { x, y in
            PackedSymmetric.multiply(packed, size: size, x, into: &y)
        }
        for index in 0..<2 {
            #expect(abs(abs(Lanczos.dot(found[index], vectors[index])) - 1) < 1e-9, "component \(index)")
        }
        #expect(abs(Lanczos.dot(found[0], found[1])) < 1e-9)
    }

    @Test(arguments: [1, 4, 13, 30, 300])
    func theTriangleProductEqualsTheFullProduct(size: Int) {
        var generator = SplitMix64(seed: UInt64(size))
        var matrix = [Double](repeating: 0, count: size * size)
        for i in 0..<size {
            for j in i..<size {
                let value = Double.random(in: -5...5, using: &generator)
                matrix[i * size + j] = value
                matrix[j * size + i] = value
            }
        }
        let x = (0..<size).map { _ in Double.random(in: -1...1, using: &generator) }
        var y = [Double](repeating: .nan, count: size)
        let packed = packedUpperTriangle(matrix, size: size)
        PackedSymmetric.multiply(packed, size: size, x, into: &y)
        for i in 0..<size {
            let expected = (0..<size).reduce(0.0) { $0 + matrix[i * size + $1] * x[$1] }
            #expect(abs(y[i] - expected) < 1e-9, "row \(i)")
        }
        // On two threads, exactly the same numbers.
        var parallel = [Double](repeating: .nan, count: size)
        PackedSymmetric.multiply(packed, size: size, x, into: &parallel, threads: 2)
        #expect(parallel == y)
    }

    @Test func theSparseProductIsTheSameOnOneThreadOrTwo() {
        let (statements, votes) = SyntheticConversation.make(participants: 1_500, statements: 60, votes: 30_000, seed: 4)
        let matrix = VoteMatrix(statements: statements, votes: votes)
        let data = CenteredRows(matrix)
        #expect(data.values.count >= CenteredRows.halvingSize)
        var generator = SplitMix64(seed: 1)
        let x = (0..<matrix.statementCount).map { _ in Double.random(in: -1...1, using: &generator) }
        var one = [Double](repeating: .nan, count: x.count), two = one
        data.gram(x, into: &one, threads: 1)
        data.gram(x, into: &two, threads: 2)
        #expect(one == two)
        // And it is XᵀX x, computed plainly.
        for column in 0..<x.count {
            var expected = 0.0
            for row in 0..<(data.rowStart.count - 1) {
                let cells = data.rowStart[row]..<data.rowStart[row + 1]
                let dot = cells.reduce(0.0) { $0 + data.values[$1] * x[Int(data.columnIndex[$1])] }
                for cell in cells where Int(data.columnIndex[cell]) == column { expected += data.values[cell] * dot }
            }
            #expect(abs(one[column] - expected) < 1e-9 * max(1, abs(expected)), "column \(column)")
        }
    }

    @Test func aZeroMatrixGivesTwoOrthonormalVectors() {
        let found = Lanczos.leadingPair(size: 5, start: [1, 2, 3, 4, 5]) { _, y in
            for i in y.indices { y[i] = 0 }
        }
        #expect(abs(Lanczos.norm(found[0]) - 1) < 1e-12)
        #expect(abs(Lanczos.norm(found[1]) - 1) < 1e-12)
        #expect(abs(Lanczos.dot(found[0], found[1])) < 1e-12)
    }

    @Test func tridiagonalEigenvaluesOfAKnownMatrix() {
        // The path graph's Laplacian-like matrix 2 on the diagonal, -1 beside: eigenvalues 2 - 2 cos(kπ/(n+1)).
        let n = 7
        let (values, vectors) = TridiagonalEigen.solve(diagonal: Array(repeating: 2, count: n), offDiagonal: Array(repeating: -1, count: n - 1))
        let expected: [Double] = (1...n).map { k -> Double in
            let angle = Double(k) * Double.pi / Double(n + 1)
            return 2 - 2 * cos(angle)
        }.sorted()
        for (a, b) in zip(values.sorted(), expected) { #expect(abs(a - b) < 1e-12) }
        for (value, vector) in zip(values, vectors) {
            for i in 0..<n {
                let product = 2 * vector[i] - (i > 0 ? vector[i - 1] : 0) - (i < n - 1 ? vector[i + 1] : 0)
                #expect(abs(product - value * vector[i]) < 1e-10)
            }
        }
    }

    @Test func someRowsOfTheEigenvectorsAreThoseOfTheFullSolution() {
        let diagonal: [Double] = [4, 1, 3, 2.5, 7, 0.5, 2, 6, 1.5]
        let offDiagonal: [Double] = [0.3, -1.2, 0.8, 2.1, -0.4, 0.9, 1.7, -0.6]
        let full = TridiagonalEigen.solve(diagonal: diagonal, offDiagonal: offDiagonal)
        for rows in [8..<9, 0..<1, 3..<6] {
            let part = TridiagonalEigen.solve(diagonal: diagonal, offDiagonal: offDiagonal, rows: rows)
            #expect(part.values == full.values)
            for (vector, partial) in zip(full.vectors, part.vectors) {
                #expect(Array(vector[rows]) == partial)
            }
        }
    }

    @Test func theDenseAndTheSparsePathsGiveTheSameComponents() {
        let (statements, votes) = SyntheticConversation.make(participants: 300, statements: 60, votes: 6_000, seed: 4)
        let matrix = VoteMatrix(statements: statements, votes: votes)
        let dense = PrincipalComponentAnalysis.compute(CovarianceStatistics(matrix), start: nil, seed: 1)
        let sparse = PrincipalComponentAnalysis.compute(matrix, start: nil, seed: 1)
        #expect(dense.center == sparse.center)
        for index in 0..<2 {
            #expect(abs(Lanczos.dot(dense.components[index], sparse.components[index]) - 1) < 1e-9)
        }
    }
}

/// The packed upper triangle (row j holds entries j...m−1) of a full row-major symmetric matrix, as `PackedSymmetric`
/// stores it.
private func packedUpperTriangle(_ full: [Double], size m: Int) -> [Double] {
    (0..<m).flatMap { j in full[(j * m + j)..<(j * m + m)] }
}
