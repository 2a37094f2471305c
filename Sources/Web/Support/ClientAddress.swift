import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The client's address as the sign-in limits count it: an IPv4 address whole, an IPv6 one by its /64 network
/// (one subscriber holds a whole /64, so counting single IPv6 addresses would let one client rotate through
/// billions of them).
enum ClientAddress {
    static func key(_ address: String) -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        guard address.utf8.contains(UInt8(ascii: ":")), inet_pton(AF_INET6, address, &bytes) == 1 else { return address }
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF {
            return bytes[12..<16].map(String.init).joined(separator: ".")  // an IPv4 address mapped into IPv6
        }
        return stride(from: 0, to: 8, by: 2).map { String(format: "%02x%02x", bytes[$0], bytes[$0 + 1]) }.joined(separator: ":") + "::/64"
    }
}
