/// Where a news post stands. A post is published by scheduling it, for now or for later: it appears when its time
/// comes, without a worker, and `at(_:publishAt:now:)` says so.
public enum NewsStatus: String, Sendable, CaseIterable, Codable {
    /// Being written; only the communication staff read it.
    case draft
    /// Submitted by its writer for an editor to read.
    case review
    /// Accepted by an editor, to appear at its publication time.
    case scheduled
    /// Public: scheduled, and its time has come.
    case published
    /// Taken down by an editor after publication; the trace of both stays.
    case unpublished

    /// What a stored status is at `now`: a scheduled post whose time has come is published.
    public static func at(_ stored: String, publishAt: Double?, now: Double) -> NewsStatus {
        let status = NewsStatus(rawValue: stored) ?? .draft
        if status == .scheduled, let publishAt, publishAt <= now { return .published }
        return status
    }

    /// Whether the public reads a post in this status.
    public var isPublic: Bool { self == .published }
}

/// The themes a council files its news under; feeds can follow one.
public enum NewsCategory: String, Sendable, CaseIterable, Codable {
    case international
    case plenary
    case work
    case participation
    case institution
}
