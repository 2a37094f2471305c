import Foundation

/// A sitting as the secretariat's form gives it, checked before anything is stored.
public struct SittingDraft: Sendable, Equatable {
    public var body: SittingBody
    /// The commission that meets (for a commission's sitting only).
    public var commissionID: Int64?
    public var times: SittingTimes
    /// Where: a room and an address.
    public var place: String
    /// The address of the video link, for those who take part from afar.
    public var remoteURL: String?

    /// The longest sitting: a day and a night (plenary sessions run over two days as two sittings).
    public static let longestInSeconds = 24.0 * 3_600

    public init(body: SittingBody, commissionID: Int64?, times: SittingTimes, place: String, remoteURL: String?) {
        self.body = body
        self.commissionID = commissionID
        self.times = times
        self.place = place
        self.remoteURL = remoteURL
    }

    /// The first refusal, as the key of its sentence; nil when the sitting may be stored.
    public func problem() -> String? {
        if body == .commission && commissionID == nil { return "sitting_error_commission" }
        if times.endsAt <= times.startsAt || times.endsAt - times.startsAt > Self.longestInSeconds { return "sitting_error_times" }
        if place.isEmpty && remoteURL == nil { return "sitting_error_place" }
        if let remoteURL, !Self.isWebAddress(remoteURL) { return "sitting_error_remote" }
        return nil
    }

    /// An `https` (or `http`) address with a host: a video link, never `javascript:` or a file.
    static func isWebAddress(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
              let host = url.host, !host.isEmpty else { return false }
        return !text.contains(where: \.isWhitespace)
    }
}
