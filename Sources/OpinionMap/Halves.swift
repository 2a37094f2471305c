import Dispatch

/// Work over rows split in two, on two threads when allowed. Used only where each row's result does not depend on the
/// split (one output per row, or integer sums), so the result is the same either way.
enum Halves {
    /// Work smaller than this (in cells) is done in one piece.
    static let minimumWork = 65_536

    /// Calls `body(rows, part)` for rows 0..<split as part 0 and split..<count as part 1 (by default the rows are cut
    /// in the middle), at the same time, when `threads` > 1 and `work` is large enough; else once, for all the rows,
    /// as part 0. Returns the number of parts.
    @discardableResult
    static func run(rows count: Int, work: Int, threads: Int, split: Int? = nil,
                    _ body: @Sendable (Range<Int>, Int) -> Void) -> Int {
        guard threads > 1, work >= minimumWork, count > 1 else {
            body(0..<count, 0)
            return 1
        }
        let middle = min(max(split ?? count / 2, 0), count)
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            body(part == 0 ? 0..<middle : middle..<count, part)
        }
        return 2
    }
}

/// A mutable buffer handed to workers that each write their own part of it.
struct SharedBuffer<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>
}
