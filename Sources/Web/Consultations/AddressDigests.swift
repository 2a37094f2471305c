import Crypto
import Foundation
import Storage
import Synchronization

/// The digest a council's list and people's declarations keep of an e-mail address: an HMAC keyed by a secret of the
/// instance, so that nobody reading the database can test whether an address is on a list. The same address gives the
/// same digest across accounts: an account erased and made again with the address finds its declaration.
final class AddressDigests: Sendable {
    static let keyName = "instance:address-digest-key"
    private let instanceKey: InstanceKey
    private let cached = Mutex<SymmetricKey?>(nil)

    init(persist: PersistRepository) {
        instanceKey = InstanceKey(persist: persist, name: Self.keyName)
    }

    func digest(_ address: String, now: Double) async throws -> String {
        let key: SymmetricKey
        if let kept = cached.withLock({ $0 }) {
            key = kept
        } else {
            key = try await instanceKey.key(now: now)
            cached.withLock { $0 = key }
        }
        return Tokens.hex(HMAC<SHA256>.authenticationCode(for: Data(address.lowercased().utf8), using: key))
    }
}
