@testable import CouncilWork
import Testing

@Suite("Comparing versions in linear space")
struct TextDiffTests {
    /// The length of a longest common subsequence by the textbook table: the reference the linear-space search
    /// must equal.
    static func referenceLength(_ a: [Int], _ b: [Int]) -> Int {
        var previous = [Int](repeating: 0, count: b.count + 1)
        for x in a {
            var current = [Int](repeating: 0, count: b.count + 1)
            for (j, y) in b.enumerated() { current[j + 1] = x == y ? previous[j] + 1 : max(previous[j + 1], current[j]) }
            previous = current
        }
        return previous[b.count]
    }

    @Test func findsALongestCommonSubsequence() {
        var generator = SplitMix(seed: 7)
        for round in 0..<300 {
            let alphabet = 2 + round % 6
            let a = (0..<Int(generator.next() % 40)).map { _ in Int(generator.next() % UInt64(alphabet)) }
            let b = (0..<Int(generator.next() % 40)).map { _ in Int(generator.next() % UInt64(alphabet)) }
            let pairs = longestCommonSubsequence(a, b)
            #expect(pairs.count == Self.referenceLength(a, b), "\(a) / \(b)")
            for (index, pair) in pairs.enumerated() {
                #expect(a[pair.0] == b[pair.1])
                if index > 0 { #expect(pair.0 > pairs[index - 1].0 && pair.1 > pairs[index - 1].1) }
            }
        }
    }

    @Test func twoLongVersionsAreComparedWithoutAQuadraticTable() {
        // 150,000 words each: an n×m table would hold 2.25e10 cells. Nearly the same texts: a few edits.
        let words = (0..<150_000).map { "w\($0 % 997) " }
        var edited = words
        for index in stride(from: 1_000, to: 150_000, by: 15_000) { edited[index] = "changed " }
        let segments = TextDiff.words(words.joined(), edited.joined())
        #expect(segments.filter { if case .inserted = $0 { true } else { false } }.count == 10)
        // Wholly different texts: the search stops at its bound and shows one replacement.
        let other = (0..<150_000).map { "z\($0) " }
        let replaced = TextDiff.words(words.joined(), other.joined())
        #expect(replaced.count == 2)
    }
}
