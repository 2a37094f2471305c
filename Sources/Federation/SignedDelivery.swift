import Crypto
import Foundation

/// An instance's Ed25519 key as partners know it: the public key in base64 and its id, derived from the key itself
/// (so an administrator enters only the key, and two keys never share an id).
public enum FederationKey {
    /// The key's id: the SHA-256 of its 32 bytes, in unpadded base64url.
    public static func keyID(_ key: Curve25519.Signing.PublicKey) -> String {
        Data(SHA256.hash(data: key.rawRepresentation)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// A public key as an administrator pastes it (standard or url-safe base64 of its 32 bytes, spaces ignored).
    public static func publicKey(_ text: String) -> Curve25519.Signing.PublicKey? {
        var cleaned = text.filter { !$0.isWhitespace }.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while cleaned.count % 4 != 0 { cleaned += "=" }
        guard let bytes = Data(base64Encoded: cleaned), bytes.count == 32 else { return nil }
        return try? Curve25519.Signing.PublicKey(rawRepresentation: bytes)
    }

    public static func text(_ key: Curve25519.Signing.PublicKey) -> String {
        key.rawRepresentation.base64EncodedString()
    }
}

/// A document's delivery to a partner's inbox: a `POST` whose signature (RFC 9421, `ed25519`) covers its method, its
/// target, its `Content-Digest` (RFC 9530) and its `Date`; the receiver takes it only from a linked key, within
/// `window` seconds of its own clock.
public enum SignedDelivery {
    /// How far, in seconds, a request's `Date` and signature may be from the receiver's clock.
    public static let window = 300
    public static let label = "hemicycle"
    public static let covered = ["@method", "@target-uri", "content-digest", "date"]

    /// The fields of a signed delivery of `body` to `target` (the partner's inbox address).
    public static func fields(body: [UInt8], target: String, key: Curve25519.Signing.PrivateKey, now: Date,
                              nonce: String) throws -> [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = [
            ("content-type", "application/json"),
            ("content-digest", HTTPMessageSignatures.contentDigest(body)),
            ("date", httpDate(now)),
        ]
        let message = try Self.message(method: "POST", target: target, fields: fields)
        let parameters = SignatureParameters(components: covered, created: Int(now.timeIntervalSince1970),
                                             keyID: FederationKey.keyID(key.publicKey), algorithm: "ed25519", nonce: nonce)
        let signed = try HTTPMessageSignatures.sign(message, label: label, parameters: parameters, key: key)
        fields.append(("signature-input", signed.signatureInput))
        fields.append(("signature", signed.signature))
        return fields
    }

    /// A request as the signature sees it, from its absolute target address.
    public static func message(method: String, target: String, fields: [(name: String, value: String)]) throws -> HTTPMessage {
        guard let url = URLComponents(string: target), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            throw HTTPSignatureError.malformed("the target is not an absolute address")
        }
        let defaultPort = scheme == "https" ? 443 : 80
        let authority = url.port.map { $0 == defaultPort ? host : "\(host):\($0)" } ?? host
        return HTTPMessage(method: method, scheme: scheme, authority: authority, path: url.percentEncodedPath,
                           query: url.percentEncodedQuery, fields: fields)
    }

    /// Checks a delivery that arrived at `target` (the receiver's own inbox address, from its configuration, never
    /// from the request): a `Date` within the window, the body matching its digest, and a signature covering what
    /// `covered` names, made within the window by the key `key` finds. Returns the signature that verified.
    public static func verify(method: String, target: String, fields: [(name: String, value: String)], body: [UInt8], now: Date,
                              key: (String) throws -> Curve25519.Signing.PublicKey?) throws -> VerifiedSignature {
        let message = try Self.message(method: method, target: target, fields: fields)
        guard let input = message.field("signature-input"), let signature = message.field("signature") else {
            throw HTTPSignatureError.malformed("the request is not signed")
        }
        guard let dateField = message.field("date") else { throw HTTPSignatureError.missingComponent("date") }
        guard let date = parseHTTPDate(dateField) else { throw HTTPSignatureError.malformed("Date is not an HTTP date") }
        guard abs(date.timeIntervalSince(now)) <= Double(window) else { throw HTTPSignatureError.outOfTime }
        guard let digest = message.field("content-digest") else { throw HTTPSignatureError.missingComponent("content-digest") }
        try HTTPMessageSignatures.verifyContentDigest(digest, body: body)
        return try HTTPMessageSignatures.verify(message, signatureInput: input, signature: signature, required: covered,
                                                now: Int(now.timeIntervalSince1970), maximumAge: window, key: key)
    }

    /// An IMF-fixdate (RFC 9110 §5.6.7): `Fri, 04 Dec 2026 17:53:41 GMT`.
    public static func httpDate(_ date: Date) -> String {
        formatter().string(from: date)
    }

    public static func parseHTTPDate(_ text: String) -> Date? {
        formatter().date(from: text)
    }

    static func formatter() -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter
    }
}

/// When a delivery that failed is tried again: 30 seconds after the first failure, doubling each time, at most every
/// six hours; never given up, so nothing shared is lost while a partner is down.
public enum DeliverySchedule {
    public static let first: Double = 30
    public static let longest: Double = 6 * 3600

    /// Whether a partner's answer refuses the document for a reason another attempt would not change: the document
    /// itself (400, 413, 415, 422) or its recipient (404, 410). Not a refusal of the signature (401, 403: a key not
    /// linked yet, clocks apart), nor a partner too busy or down (408, 429, 5xx): those are tried again.
    public static func isFinal(status: Int) -> Bool {
        [400, 404, 410, 413, 415, 422].contains(status)
    }

    /// The wait after the `attempts`-th failed attempt (1 for the first).
    public static func delay(afterAttempt attempts: Int) -> Double {
        let exponent = max(0, min(attempts - 1, 20))
        return min(first * pow(2, Double(exponent)), longest)
    }
}
