import Crypto
import Foundation
import Storage

/// The time a participant's form was shown, signed with a key of the instance: a robot cannot claim it read the page
/// long ago. The value is `time.signature`, the signature covering the time, the consultation and the browser's CSRF
/// token: a stamp works only in the browser it was given to.
final class FormStamp: Sendable {
    static let keyName = "instance:form-stamp-key"
    private let instanceKey: KeptInstanceKey

    init(persist: PersistRepository) {
        instanceKey = KeptInstanceKey(persist: persist, name: Self.keyName)
    }

    private func key(now: Double) async throws -> SymmetricKey {
        try await instanceKey.key(now: now)
    }

    private func signature(_ time: Int64, _ consultationID: Int64, _ csrf: String, key: SymmetricKey) -> String {
        Tokens.base64URL(Array(HMAC<SHA256>.authenticationCode(for: Data("\(time)|\(consultationID)|\(csrf)".utf8), using: key)))
    }

    func stamp(consultationID: Int64, csrf: String, now: Double) async throws -> String {
        let time = Int64(now.rounded(.down))
        return "\(time).\(signature(time, consultationID, csrf, key: try await key(now: now)))"
    }

    /// The time a stamp says, when its signature holds; nil otherwise.
    func time(of value: String?, consultationID: Int64, csrf: String, now: Double) async throws -> Double? {
        guard let value, let dot = value.firstIndex(of: "."), let time = Int64(value[..<dot]) else { return nil }
        let expected = signature(time, consultationID, csrf, key: try await key(now: now))
        return Tokens.constantTimeEqual(String(value[value.index(after: dot)...]), expected) ? Double(time) : nil
    }
}
