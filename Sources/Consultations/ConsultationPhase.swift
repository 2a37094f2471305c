import Foundation

/// Where a consultation stands. Only `draft` is stored as such; the other phases follow from the published
/// consultation's dates and from its synthesis.
public enum ConsultationPhase: String, Sendable, CaseIterable, Codable {
    /// The secretariat prepares it; only the council's staff and bureau see it.
    case draft
    /// Published, not yet open: anyone reads what it is about and when it opens.
    case announced
    /// Participants vote and write.
    case open
    /// No more contributions; the map and the figures stay public until the synthesis.
    case closed
    /// The council's synthesis is published and annexed to the linked work.
    case synthesisPublished = "synthesis"
}

/// The dates that set a published consultation's phase, in seconds since the epoch.
public struct ConsultationSchedule: Sendable, Hashable {
    public var isPublished: Bool
    public var opensAt: Double
    public var closesAt: Double
    public var synthesisPublishedAt: Double?

    public init(isPublished: Bool, opensAt: Double, closesAt: Double, synthesisPublishedAt: Double? = nil) {
        self.isPublished = isPublished
        self.opensAt = opensAt
        self.closesAt = closesAt
        self.synthesisPublishedAt = synthesisPublishedAt
    }

    /// The phase at `now`: open from `opensAt` included to `closesAt` excluded.
    public func phase(at now: Double) -> ConsultationPhase {
        guard isPublished else { return .draft }
        if let published = synthesisPublishedAt, published <= now { return .synthesisPublished }
        if now < opensAt { return .announced }
        return now < closesAt ? .open : .closed
    }

    /// Whether the dates are in order (an opening before the closing).
    public var isValid: Bool { opensAt.isFinite && closesAt.isFinite && opensAt < closesAt }
}
