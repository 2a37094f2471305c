import Foundation

/// What a test needs from outside the package (shared data, a tool, a service). Under CI (`CI=true`, set by
/// `.ci/run`) such a test always runs, so a missing piece fails it; elsewhere it runs only when the piece is there
/// and otherwise shows as skipped — never as passed.
public enum Requirement {
    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// For `.enabled(if:)`: whether a test needing `what` runs; prints why when it does not.
    public static func runs(when present: Bool, _ what: String) -> Bool {
        if present || isCI { return true }
        print("note: \(what) is missing: skipped (scripts/test provides it).")
        return false
    }

    public struct Missing: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    /// Inside a test that runs: fails it when `what` is missing (under CI, where it always runs).
    public static func require(_ present: Bool, _ what: String) throws {
        guard present else { throw Missing(description: "\(what) is missing (CI requires it; scripts/test provides it)") }
    }
}
