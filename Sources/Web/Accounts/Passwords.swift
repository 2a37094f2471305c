import HummingbirdBcrypt
import NIOPosix

/// Bcrypt hashing off the event loops: it is deliberately slow.
struct Passwords: Sendable {
    let cost: UInt8
    /// A hash of a random password at the same cost, checked when an address has no account, so that an unknown
    /// address takes as long to refuse as a known one.
    let decoy: String

    init(cost: UInt8) {
        self.cost = cost
        self.decoy = Bcrypt.hash(Tokens.make(), cost: cost)
    }

    func hash(_ password: String) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { [cost] in Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, hash: String?) async throws -> Bool {
        let stored = hash ?? decoy
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: stored) }
        return hash != nil && matches
    }
}
