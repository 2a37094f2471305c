import Crypto
import Foundation
import Storage

/// The digest a council's list and people's declarations keep of an e-mail address: an HMAC keyed by a secret of the
/// instance, so that nobody reading the database can test whether an address is on a list. The same address gives the
/// same digest across accounts: an account erased and made again with the address finds its declaration.
final class AddressDigests: Sendable {
    static let keyName = "instance:address-digest-key"
    private let instanceKey: KeptInstanceKey

    init(persist: PersistRepository) {
        instanceKey = KeptInstanceKey(persist: persist, name: Self.keyName)
    }

    func digest(_ address: String, now: Double) async throws -> String {
        Self.digest(address, key: try await instanceKey.key(now: now))
    }

    /// Many addresses under one key (a list of thousands).
    func digests(_ addresses: some Sequence<String>, now: Double) async throws -> Set<String> {
        let key = try await instanceKey.key(now: now)
        return Set(addresses.map { Self.digest($0, key: key) })
    }

    static func digest(_ address: String, key: SymmetricKey) -> String {
        Tokens.hex(HMAC<SHA256>.authenticationCode(for: Data(address.lowercased().utf8), using: key))
    }
}
