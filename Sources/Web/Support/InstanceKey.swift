import Crypto
import Foundation
import Storage
import Synchronization

/// A secret of the instance, made once and kept in the database under `name`, shared by every server process.
struct InstanceKey: Sendable {
    struct Unavailable: Error, CustomStringConvertible {
        let name: String
        var description: String { "The instance's key \(name) could not be stored." }
    }

    let persist: PersistRepository
    let name: String

    func key(now: Double) async throws -> SymmetricKey {
        if let stored = try await persist.get(key: name, now: now), let data = Data(base64Encoded: stored.value) {
            return SymmetricKey(data: data)
        }
        let fresh = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
        // Two first requests may race to create it (PostgreSQL refuses the second insert): the stored one wins.
        _ = try? await persist.create(key: name, value: fresh, expiresAt: nil, now: now)
        // A key that could not be stored would differ from the other processes': refused rather than used.
        guard let stored = try await persist.get(key: name, now: now), let data = Data(base64Encoded: stored.value) else {
            throw Unavailable(name: name)
        }
        return SymmetricKey(data: data)
    }
}

/// An instance key read from the database once, then kept by this process (the key never changes once made).
final class KeptInstanceKey: Sendable {
    private let instanceKey: InstanceKey
    private let kept = Mutex<SymmetricKey?>(nil)

    init(persist: PersistRepository, name: String) {
        instanceKey = InstanceKey(persist: persist, name: name)
    }

    func key(now: Double) async throws -> SymmetricKey {
        if let key = kept.withLock({ $0 }) { return key }
        let key = try await instanceKey.key(now: now)
        kept.withLock { $0 = key }
        return key
    }
}
