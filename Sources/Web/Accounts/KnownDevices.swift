import Crypto
import Foundation
import Hummingbird
import Storage

/// Browsers the owner of an address has signed in with (or reset the password from), recognised by a cookie holding
/// an HMAC of the address and its current password hash under a key of the instance: guesses for an address spread
/// over many clients count against that address, while the owner's own browsers are never held back by them. A new
/// password (changed or reset) or an erased account makes every such cookie worthless.
struct KnownDevices: Sendable {
    static let cookieName = "hemicycle_device"
    static let keyName = "instance:device-key"
    static let lifetime = 365 * 24 * 3600
    let persist: PersistRepository
    let secureCookies: Bool

    /// The instance's key, made once and kept in the database.
    private func key(now: Double) async throws -> SymmetricKey {
        try await InstanceKey(persist: persist, name: Self.keyName).key(now: now)
    }

    private func token(for email: String, passwordHash: String, now: Double) async throws -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data((email + "\n" + passwordHash).utf8), using: try await key(now: now))
        return Data(code).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Whether this browser has signed in with `email` since its password was last set.
    func isKnown(_ request: Request, email: String, passwordHash: String?, now: Double) async throws -> Bool {
        guard let sent = request.cookieValue(Self.cookieName), let passwordHash else { return false }
        return Tokens.constantTimeEqual(sent, try await token(for: email, passwordHash: passwordHash, now: now))
    }

    /// The cookie that makes this browser known for `email` while its password stays `passwordHash`.
    func cookie(for email: String, passwordHash: String, now: Double) async throws -> Cookie {
        Cookie(name: Self.cookieName, value: try await token(for: email, passwordHash: passwordHash, now: now), maxAge: Self.lifetime,
               path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax)
    }
}
