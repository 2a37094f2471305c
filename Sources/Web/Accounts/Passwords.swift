import HummingbirdBcrypt
import NIOPosix

/// Bcrypt hashing off the event loops: it is deliberately slow.
struct Passwords: Sendable {
    let cost: UInt8

    func hash(_ password: String) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { [cost] in Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, hash: String?) async throws -> Bool {
        // Without a hash, still spend the time of a verification so timing tells nothing.
        let stored = hash ?? "$2b$04$abcdefghijklmnopqrstuu5Ks1mfIl0Y2XKpfEjQz1hTIEbxTSNUO"
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: stored) }
        return hash != nil && matches
    }
}
