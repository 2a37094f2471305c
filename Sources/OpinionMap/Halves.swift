import Dispatch

/// Work over rows split in two, on two threads when allowed.
enum Halves {
    /// Work smaller than this (in cells) is done in one piece by `run`.
    static let minimumWork = 65_536

    /// Calls `body(rows, part)` for rows 0..<split as part 0 and split..<count as part 1 (by default the rows are cut
    /// in the middle), at the same time, when `threads` > 1 and `work` is large enough; else once, for all the rows,
    /// as part 0. Returns the number of parts. For work whose result does not depend on the split (one output per row,
    /// or whole-number sums).
    @discardableResult
    static func run(rows count: Int, work: Int, threads: Int, split: Int? = nil,
                    _ body: @Sendable (Range<Int>, Int) -> Void) -> Int {
        guard threads > 1, work >= minimumWork, count > 1 else {
            body(0..<count, 0)
            return 1
        }
        both(rows: count, split: split ?? count / 2, threads: threads, body)
        return 2
    }

    /// Always the two parts, rows 0..<split and split..<count: at the same time when `threads` > 1, else one after
    /// the other. For work whose floating-point result depends on the split: the caller fixes the split from the size
    /// alone, so one thread or two give the same numbers.
    static func both(rows count: Int, split: Int, threads: Int, _ body: @Sendable (Range<Int>, Int) -> Void) {
        let middle = min(max(split, 0), count)
        if threads > 1 {
            DispatchQueue.concurrentPerform(iterations: 2) { index in body(index == 0 ? 0..<middle : middle..<count, index) }
        } else {
            body(0..<middle, 0)
            body(middle..<count, 1)
        }
    }
}

/// A mutable buffer handed to workers that each write their own part of it.
struct SharedBuffer<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>
}
