import Crypto
import Foundation
import Storage

/// The private address of a member's calendar: an HMAC, under a key of the instance, of the seat, its council and how
/// many times the member reset it. The address stops working when the seat ends or the member resets it.
struct CalendarTokens: Sendable {
    static let keyName = "sitting_calendars"
    private let instanceKey: KeptInstanceKey

    init(persist: PersistRepository) {
        instanceKey = KeptInstanceKey(persist: persist, name: Self.keyName)
    }

    /// `{seat}-{hmac}`.
    func token(seat: Int64, councilID: Int64, generation: Int, now: Double) async throws -> String {
        "\(seat)-" + (try await signature(seat: seat, councilID: councilID, generation: generation, now: now))
    }

    /// The seat a token names, when its signature is right for the seat's current generation.
    func seat(in token: String, councilID: Int64, now: Double, generation: (Int64) async throws -> Int) async throws -> Int64? {
        let parts = token.split(separator: "-", maxSplits: 1).map(String.init)
        guard parts.count == 2, let seat = Int64(parts[0]) else { return nil }
        let expected = try await signature(seat: seat, councilID: councilID, generation: try await generation(seat), now: now)
        return Tokens.constantTimeEqual(parts[1], expected) ? seat : nil
    }

    /// Addresses given before any reset (generation 0) keep the message they were signed with.
    private func signature(seat: Int64, councilID: Int64, generation: Int, now: Double) async throws -> String {
        let key = try await instanceKey.key(now: now)
        let message = generation == 0 ? "calendar|\(seat)|\(councilID)" : "calendar|\(seat)|\(councilID)|\(generation)"
        return Tokens.base64URL(Array(HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: key)))
    }
}
