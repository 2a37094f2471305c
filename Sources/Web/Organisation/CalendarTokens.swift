import Crypto
import Foundation
import Storage

/// The private address of a member's calendar: an HMAC, under a key of the instance, of the seat and its council.
/// Nothing is stored; the address stops working when the seat ends.
struct CalendarTokens: Sendable {
    static let keyName = "sitting_calendars"
    private let instanceKey: KeptInstanceKey

    init(persist: PersistRepository) {
        instanceKey = KeptInstanceKey(persist: persist, name: Self.keyName)
    }

    /// `{seat}-{hmac}`.
    func token(seat: Int64, councilID: Int64, now: Double) async throws -> String {
        "\(seat)-" + (try await signature(seat: seat, councilID: councilID, now: now))
    }

    /// The seat a token names, when its signature is right.
    func seat(in token: String, councilID: Int64, now: Double) async throws -> Int64? {
        let parts = token.split(separator: "-", maxSplits: 1).map(String.init)
        guard parts.count == 2, let seat = Int64(parts[0]) else { return nil }
        return Tokens.constantTimeEqual(parts[1], try await signature(seat: seat, councilID: councilID, now: now)) ? seat : nil
    }

    private func signature(seat: Int64, councilID: Int64, now: Double) async throws -> String {
        let key = try await instanceKey.key(now: now)
        return Tokens.base64URL(Array(HMAC<SHA256>.authenticationCode(for: Data("calendar|\(seat)|\(councilID)".utf8), using: key)))
    }
}
