import Crypto

/// The published deterministic generator of a draw: SHA-256 in counter mode over a public seed.
///
/// Block j (j = 0, 1, 2...) is SHA-256(seed as UTF-8 ‖ j as an 8-byte big-endian integer); each block gives four
/// 64-bit big-endian words, used in order. A whole number below n is drawn by rejection: words below 2^64 mod n
/// are skipped, and the first other word w gives w mod n, so every outcome is exactly equally likely.
/// Anyone can re-derive the same numbers from the seed with any SHA-256 implementation.
public struct DrawGenerator: Sendable {
    public static let specification = "SHA-256 counter mode: block j = SHA-256(UTF-8 seed || j as 8-byte big-endian), "
        + "four 64-bit big-endian words per block; uniform(n) skips words below 2^64 mod n and returns word mod n"

    private let seed: [UInt8]
    private var counter: UInt64 = 0
    private var words: [UInt64] = []
    private var position = 0

    public init(seed: String) {
        self.seed = Array(seed.utf8)
    }

    public mutating func nextWord() -> UInt64 {
        if position == words.count {
            var input = seed
            withUnsafeBytes(of: counter.bigEndian) { input.append(contentsOf: $0) }
            let digest = Array(SHA256.hash(data: input))
            words = (0..<4).map { w in digest[(w * 8)..<(w * 8 + 8)].reduce(0) { $0 << 8 | UInt64($1) } }
            position = 0
            counter += 1
        }
        defer { position += 1 }
        return words[position]
    }

    /// A whole number in 0..<n, every value equally likely.
    public mutating func uniform(below n: Int) -> Int {
        precondition(n > 0, "uniform(below:) needs a positive bound")
        let bound = UInt64(n)
        let threshold = (0 &- bound) % bound   // 2^64 mod n
        while true {
            let word = nextWord()
            if word >= threshold { return Int(word % bound) }
        }
    }

    /// `count` distinct positions out of 0..<n, by a partial Fisher–Yates shuffle: for step i, swap position i
    /// with i + uniform(n − i); the chosen are the first `count` positions, in the order drawn.
    public mutating func choose(_ count: Int, from n: Int) -> [Int] {
        precondition(count <= n, "cannot choose more than there are")
        var order = Array(0..<n)
        for i in 0..<count { order.swapAt(i, i + uniform(below: n - i)) }
        return Array(order.prefix(count))
    }
}

/// SHA-256 of a text, in lowercase hexadecimal (commitments to published files).
public func sha256Hex(_ text: String) -> String {
    SHA256.hash(data: Array(text.utf8)).map { byte in
        let hex = String(byte, radix: 16)
        return byte < 16 ? "0" + hex : hex
    }.joined()
}
