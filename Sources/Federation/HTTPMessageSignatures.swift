import Crypto
import Foundation
import RawStructuredFieldValues

/// What a signature covers and says of itself (RFC 9421 §2.3): the components, in order, and its parameters.
public struct SignatureParameters: Sendable, Equatable {
    /// Component identifiers: derived components (`@method`, `@authority`, `@path`, `@query`, `@scheme`,
    /// `@target-uri`, `@request-target`) and field names in lower case.
    public var components: [String]
    public var created: Int?
    public var expires: Int?
    public var keyID: String?
    public var algorithm: String?
    public var nonce: String?
    public var tag: String?

    public init(components: [String], created: Int? = nil, expires: Int? = nil, keyID: String? = nil, algorithm: String? = nil,
                nonce: String? = nil, tag: String? = nil) {
        self.components = components
        self.created = created
        self.expires = expires
        self.keyID = keyID
        self.algorithm = algorithm
        self.nonce = nonce
        self.tag = tag
    }

    /// As an inner list with its parameters (created, expires, keyid, alg, nonce, tag, in that order).
    var innerList: InnerList {
        var items = BareInnerList()
        for component in components { items.append(Item(bareItem: RFC9651BareItem.string(component), parameters: OrderedMap<String, RFC9651BareItem>())) }
        var parameters = OrderedMap<String, RFC9651BareItem>()
        if let created { parameters["created"] = .integer(Int64(created)) }
        if let expires { parameters["expires"] = .integer(Int64(expires)) }
        if let keyID { parameters["keyid"] = .string(keyID) }
        if let algorithm { parameters["alg"] = .string(algorithm) }
        if let nonce { parameters["nonce"] = .string(nonce) }
        if let tag { parameters["tag"] = .string(tag) }
        return InnerList(bareInnerList: items, parameters: parameters)
    }

    /// Read back from an inner list; a component with parameters (`;sf`, `;key`...) or an unknown parameter is refused.
    init(_ list: InnerList) throws {
        var components: [String] = []
        for index in list.bareInnerList.indices {
            let item = list.bareInnerList[index]
            guard case let .string(component) = item.rfc9651BareItem, item.rfc9651Parameters.count == 0 else {
                throw HTTPSignatureError.malformed("a covered component is not a plain name")
            }
            components.append(component)
        }
        self.init(components: components)
        for index in list.rfc9651Parameters.indices {
            let (name, value) = list.rfc9651Parameters[index]
            switch (name, value) {
            case let ("created", .integer(number)): created = Int(number)
            case let ("expires", .integer(number)): expires = Int(number)
            case let ("keyid", .string(text)): keyID = text
            case let ("alg", .string(text)): algorithm = text
            case let ("nonce", .string(text)): nonce = text
            case let ("tag", .string(text)): tag = text
            default: throw HTTPSignatureError.malformed("the signature parameter \(name) is not understood")
            }
        }
    }
}

/// Why a signature was refused.
public enum HTTPSignatureError: Error, Equatable, Sendable {
    case malformed(String)
    /// A covered component the message does not have.
    case missingComponent(String)
    /// A component the verifier requires that the signature does not cover.
    case notCovered(String)
    case unsupportedAlgorithm(String)
    case unknownKey(String)
    /// Created in the future, older than allowed, or expired.
    case outOfTime
    case badSignature
    /// The body does not match its `Content-Digest`.
    case digestMismatch
}

/// A signature that verified: who signed (the key's id), when, and what it covers.
public struct VerifiedSignature: Sendable, Equatable {
    public let label: String
    public let keyID: String
    public let created: Int
    public let components: [String]
    /// The signature's own 64 bytes: what a replay repeats.
    public let signature: Data
}

/// HTTP Message Signatures (RFC 9421) with Ed25519 (`ed25519`, §3.3.6), and the `Content-Digest` of a body (RFC 9530):
/// what one instance signs its requests to another with, and what the other checks them by.
public enum HTTPMessageSignatures {
    /// The value of a covered component (§2.1, §2.2).
    static func value(of component: String, in message: HTTPMessage) throws -> String {
        let value: String?, path = message.path.isEmpty ? "/" : message.path
        switch component {
        case "@method": value = message.method
        case "@authority": value = message.authority.lowercased()
        case "@scheme": value = message.scheme.lowercased()
        case "@path": value = path
        case "@query": value = "?" + (message.query ?? "")
        case "@request-target": value = path + (message.query.map { "?" + $0 } ?? "")
        case "@target-uri": value = message.scheme.lowercased() + "://" + message.authority.lowercased() + path + (message.query.map { "?" + $0 } ?? "")
        default:
            guard !component.hasPrefix("@") else { throw HTTPSignatureError.malformed("the derived component \(component) is not supported") }
            value = message.field(component)
        }
        guard let value else { throw HTTPSignatureError.missingComponent(component) }
        // The base is US-ASCII on one line per component (§2.5): a value spanning lines (obs-fold included) is refused.
        guard value.unicodeScalars.allSatisfy({ $0.isASCII && $0 != "\n" && $0 != "\r" }) else {
            throw HTTPSignatureError.malformed("\(component) is not one line of US-ASCII")
        }
        return value
    }

    /// An inner list as a structured field serializes it.
    static func serialize(_ list: InnerList) throws -> String {
        var serializer = StructuredFieldValueSerializer()
        return String(decoding: try serializer.writeListFieldValue([.innerList(list)]), as: UTF8.self)
    }

    /// The signature base (§2.5): one line per covered component, then the signature parameters.
    public static func signatureBase(_ message: HTTPMessage, _ parameters: SignatureParameters) throws -> String {
        try signatureBase(message, parameters, as: parameters.innerList)
    }

    /// The base with the parameters serialized from `list`: as the signer wrote them (their order is theirs, §3.2).
    static func signatureBase(_ message: HTTPMessage, _ parameters: SignatureParameters, as list: InnerList) throws -> String {
        var lines: [String] = []
        var seen = Set<String>()
        for component in parameters.components {
            guard seen.insert(component).inserted else { throw HTTPSignatureError.malformed("\(component) is covered twice") }
            // A field name is a lower-case token; a derived component, one of those above.
            guard !component.isEmpty, component.unicodeScalars.allSatisfy({ Self.nameCharacters.contains($0) }) else {
                throw HTTPSignatureError.malformed("\(component) is not a lower-case field name")
            }
            lines.append("\"\(component)\": \(try value(of: component, in: message))")
        }
        lines.append("\"@signature-params\": \(try serialize(list))")
        return lines.joined(separator: "\n")
    }

    static let nameCharacters = Set("abcdefghijklmnopqrstuvwxyz0123456789-_.!#$%&'*+^`|~@".unicodeScalars)

    /// Signs the message: the `Signature-Input` and `Signature` field values under `label`.
    public static func sign(_ message: HTTPMessage, label: String, parameters: SignatureParameters,
                            key: Curve25519.Signing.PrivateKey) throws -> (signatureInput: String, signature: String) {
        let base = try signatureBase(message, parameters)
        let signature = try key.signature(for: Data(base.utf8))
        var input = OrderedMap<String, ItemOrInnerList>()
        input[label] = .innerList(parameters.innerList)
        var output = OrderedMap<String, ItemOrInnerList>()
        output[label] = .item(Item(bareItem: RFC9651BareItem.undecodedByteSequence(signature.base64EncodedString()),
                                    parameters: OrderedMap<String, RFC9651BareItem>()))
        var serializer = StructuredFieldValueSerializer()
        let inputValue = String(decoding: try serializer.writeDictionaryFieldValue(input), as: UTF8.self)
        let outputValue = String(decoding: try serializer.writeDictionaryFieldValue(output), as: UTF8.self)
        return (inputValue, outputValue)
    }

    /// Verifies the signature under `label` (the first one when `nil`): Ed25519 only; `created` and `keyid` required;
    /// created at most `maximumAge` seconds before `now` (and at most a minute after it, for clocks that differ);
    /// not expired; covering every component of `required`; by the key `key` finds for its id.
    public static func verify(_ message: HTTPMessage, signatureInput: String, signature: String, label: String? = nil, required: [String],
                              now: Int, maximumAge: Int, key: (String) throws -> Curve25519.Signing.PublicKey?) throws -> VerifiedSignature {
        let inputs: OrderedMap<String, ItemOrInnerList>, signatures: OrderedMap<String, ItemOrInnerList>
        do {
            var inputParser = StructuredFieldValueParser(Array(signatureInput.utf8))
            inputs = try inputParser.parseDictionaryFieldValue()
            var signatureParser = StructuredFieldValueParser(Array(signature.utf8))
            signatures = try signatureParser.parseDictionaryFieldValue()
        } catch {
            throw HTTPSignatureError.malformed("Signature-Input or Signature is not a structured dictionary")
        }
        guard let chosen = label ?? (inputs.count > 0 ? inputs[inputs.startIndex].0 : nil) else { throw HTTPSignatureError.malformed("no signature") }
        guard case let .innerList(list) = inputs[chosen] else { throw HTTPSignatureError.malformed("no Signature-Input for \(chosen)") }
        guard case let .item(item) = signatures[chosen], case let .undecodedByteSequence(encoded) = item.rfc9651BareItem,
              let bytes = Data(base64Encoded: encoded), bytes.count == 64
        else { throw HTTPSignatureError.malformed("no Ed25519 signature for \(chosen)") }
        let parameters = try SignatureParameters(list)
        guard !parameters.components.isEmpty else { throw HTTPSignatureError.malformed("the signature covers nothing") }
        if let algorithm = parameters.algorithm, algorithm != "ed25519" { throw HTTPSignatureError.unsupportedAlgorithm(algorithm) }
        guard let keyID = parameters.keyID else { throw HTTPSignatureError.malformed("the signature names no key") }
        guard let created = parameters.created else { throw HTTPSignatureError.malformed("the signature has no creation time") }
        guard created <= now + 60, now - created <= maximumAge, parameters.expires.map({ $0 > now }) ?? true else { throw HTTPSignatureError.outOfTime }
        for component in required where !parameters.components.contains(component) { throw HTTPSignatureError.notCovered(component) }
        // The parameters as they were received: the base is made from their own serialization, before any key is sought.
        let base = try signatureBase(message, parameters, as: list)
        guard let publicKey = try key(keyID) else { throw HTTPSignatureError.unknownKey(keyID) }
        guard publicKey.isValidSignature(bytes, for: Data(base.utf8)) else { throw HTTPSignatureError.badSignature }
        return VerifiedSignature(label: chosen, keyID: keyID, created: created, components: parameters.components, signature: bytes)
    }

    /// The `Content-Digest` of a body (RFC 9530), with SHA-256.
    public static func contentDigest(_ body: [UInt8]) -> String {
        "sha-256=:\(Data(SHA256.hash(data: body)).base64EncodedString()):"
    }

    /// Whether `field` (a `Content-Digest` value) holds the SHA-256 or SHA-512 digest of `body`; a field with neither is refused.
    public static func verifyContentDigest(_ field: String, body: [UInt8]) throws {
        var parser = StructuredFieldValueParser(Array(field.utf8))
        guard let digests = try? parser.parseDictionaryFieldValue() else { throw HTTPSignatureError.malformed("Content-Digest is not a dictionary") }
        var checked = false
        for (algorithm, expected) in [("sha-256", Data(SHA256.hash(data: body))), ("sha-512", Data(SHA512.hash(data: body)))] {
            guard let member = digests[algorithm] else { continue }
            guard case let .item(item) = member else { throw HTTPSignatureError.digestMismatch }
            guard case let .undecodedByteSequence(encoded) = item.rfc9651BareItem, Data(base64Encoded: encoded) == expected else {
                throw HTTPSignatureError.digestMismatch
            }
            checked = true
        }
        guard checked else { throw HTTPSignatureError.malformed("Content-Digest has neither sha-256 nor sha-512") }
    }
}
