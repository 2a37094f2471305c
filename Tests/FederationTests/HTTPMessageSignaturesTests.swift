import Crypto
import Federation
import Foundation
import Testing
import TestRequirements

/// HTTP Message Signatures with Ed25519: the RFC's own example reproduced and verified, refusals for every way a
/// request can differ from what was signed, and signatures exchanged both ways with an independent implementation.
@Suite struct HTTPMessageSignaturesTests {
    /// RFC 9421 Appendix B.1.4, `test-key-ed25519` (its PKCS#8 document ends with the 32-byte seed).
    static let rfcKey = try! Curve25519.Signing.PrivateKey(
        rawRepresentation: Data(base64Encoded: "MC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF")!.suffix(32))

    /// RFC 9421's test request (Appendix B.2).
    static let rfcRequest = HTTPMessage(method: "POST", scheme: "https", authority: "example.com", path: "/foo", query: "param=Value&Pet=dog", fields: [
        ("Host", "example.com"), ("Date", "Tue, 20 Apr 2021 02:07:55 GMT"), ("Content-Type", "application/json"),
        ("Content-Digest", "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:"),
        ("Content-Length", "18"),
    ])
    static let rfcParameters = SignatureParameters(components: ["date", "@method", "@path", "@authority", "content-type", "content-length"],
                                                   created: 1_618_884_473, keyID: "test-key-ed25519")
    static let rfcInput = #"sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519""#
    static let rfcSignature = "sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:"

    @Test func theRFCsEd25519ExampleIsReproducedAndVerified() throws {
        #expect(Self.rfcKey.publicKey.rawRepresentation.base64EncodedString() == "JrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=")
        let base = try HTTPMessageSignatures.signatureBase(Self.rfcRequest, Self.rfcParameters)
        #expect(base == """
            "date": Tue, 20 Apr 2021 02:07:55 GMT
            "@method": POST
            "@path": /foo
            "@authority": example.com
            "content-type": application/json
            "content-length": 18
            "@signature-params": ("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"
            """)
        // Ed25519 is deterministic: the same signature as the RFC's.
        let signed = try HTTPMessageSignatures.sign(Self.rfcRequest, label: "sig-b26", parameters: Self.rfcParameters, key: Self.rfcKey)
        #expect(signed.signatureInput == Self.rfcInput && signed.signature == Self.rfcSignature)
        let verified = try HTTPMessageSignatures.verify(Self.rfcRequest, signatureInput: Self.rfcInput, signature: Self.rfcSignature,
                                                        required: ["@method", "@path"], now: 1_618_884_500, maximumAge: 300) { id in
            id == "test-key-ed25519" ? Self.rfcKey.publicKey : nil
        }
        #expect(verified.label == "sig-b26" && verified.keyID == "test-key-ed25519" && verified.created == 1_618_884_473)
        #expect(verified.components == Self.rfcParameters.components)
        // The RFC's Content-Digest of its body (RFC 9530 example), and ours.
        let body = Array(#"{"hello": "world"}"#.utf8)
        try HTTPMessageSignatures.verifyContentDigest(try #require(Self.rfcRequest.field("content-digest")), body: body)
        #expect(HTTPMessageSignatures.contentDigest(body) == "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:")
        #expect(throws: HTTPSignatureError.digestMismatch) { try HTTPMessageSignatures.verifyContentDigest(HTTPMessageSignatures.contentDigest(body), body: body + [0x20]) }
    }

    @Test func aRequestThatDiffersFromWhatWasSignedIsRefused() throws {
        func verify(_ message: HTTPMessage = Self.rfcRequest, input: String = Self.rfcInput, signature: String = Self.rfcSignature,
                    required: [String] = [], now: Int = 1_618_884_500, key: Curve25519.Signing.PublicKey? = Self.rfcKey.publicKey) throws {
            _ = try HTTPMessageSignatures.verify(message, signatureInput: input, signature: signature, required: required, now: now,
                                                 maximumAge: 300) { _ in key }
        }
        try verify()
        var otherPath = Self.rfcRequest
        otherPath.path = "/bar"
        #expect(throws: HTTPSignatureError.badSignature) { try verify(otherPath) }
        var otherDate = Self.rfcRequest
        otherDate.fields[1].value = "Wed, 21 Apr 2021 02:07:55 GMT"
        #expect(throws: HTTPSignatureError.badSignature) { try verify(otherDate) }
        var noType = Self.rfcRequest
        noType.fields.remove(at: 2)
        #expect(throws: HTTPSignatureError.missingComponent("content-type")) { try verify(noType) }
        #expect(throws: HTTPSignatureError.badSignature) { try verify(key: Curve25519.Signing.PrivateKey().publicKey) }
        #expect(throws: HTTPSignatureError.unknownKey("test-key-ed25519")) { try verify(key: nil) }
        #expect(throws: HTTPSignatureError.notCovered("content-digest")) { try verify(required: ["content-digest"]) }
        // Too old, from the future, expired.
        #expect(throws: HTTPSignatureError.outOfTime) { try verify(now: 1_618_884_473 + 301) }
        #expect(throws: HTTPSignatureError.outOfTime) { try verify(now: 1_618_884_473 - 61) }
        let expiring = Self.rfcInput + ";expires=1618884480"
        #expect(throws: HTTPSignatureError.outOfTime) { try verify(input: expiring) }
        // Parameters changed after signing; another algorithm; malformed fields.
        #expect(throws: HTTPSignatureError.badSignature) { try verify(input: Self.rfcInput.replacingOccurrences(of: "1618884473", with: "1618884474")) }
        #expect(throws: HTTPSignatureError.unsupportedAlgorithm("rsa-pss-sha512")) { try verify(input: Self.rfcInput + #";alg="rsa-pss-sha512""#) }
        let malformed: [(String, HTTPSignatureError)] = [
            ("sig-b26=", .malformed("Signature-Input or Signature is not a structured dictionary")),
            (#"sig-b26="a string""#, .malformed("no Signature-Input for sig-b26")),
            (#"sig-b26=("date";sf);created=1618884473;keyid="k""#, .malformed("a covered component is not a plain name")),
            (#"sig-b26=("date");keyid="k""#, .malformed("the signature has no creation time")),
            (#"sig-b26=("date");created=1618884473"#, .malformed("the signature names no key")),
            (#"sig-b26=();created=1618884473;keyid="k""#, .malformed("the signature covers nothing")),
            (#"sig-b26=("date");created=1618884473;keyid="k";other=1"#, .malformed("the signature parameter other is not understood")),
            (#"sig-b26=("Date");created=1618884473;keyid="k""#, .malformed("Date is not a lower-case field name")),
            ("(((", .malformed("Signature-Input or Signature is not a structured dictionary")),
        ]
        for (input, error) in malformed {
            #expect(throws: error, "\(input)") { try verify(input: input) }
        }
        #expect(throws: HTTPSignatureError.malformed("no Ed25519 signature for sig-b26")) { try verify(signature: "sig-b26=:AAAA:") }
        #expect(throws: HTTPSignatureError.malformed("no Ed25519 signature for sig-b26")) {
            try verify(signature: "other=:\(Self.rfcSignature.split(separator: ":")[1]):")
        }
        // The edges of the time window: exactly the maximum age, exactly a minute ahead; an expiry still to come.
        try verify(now: 1_618_884_473 + 300)
        try verify(now: 1_618_884_473 - 60)
        // A field value may not span lines; a component is covered once.
        var folded = Self.rfcRequest
        folded.fields[2].value = "application/json\r\nX-Injected: 1"
        #expect(throws: HTTPSignatureError.malformed("content-type is not one line of US-ASCII")) {
            try HTTPMessageSignatures.signatureBase(folded, Self.rfcParameters)
        }
        #expect(throws: HTTPSignatureError.malformed("date is covered twice")) {
            try HTTPMessageSignatures.signatureBase(Self.rfcRequest, SignatureParameters(components: ["date", "date"], created: 1, keyID: "k"))
        }
        // A digest: each known algorithm must match, in its own form.
        let body = Array(#"{"hello": "world"}"#.utf8)
        let right = HTTPMessageSignatures.contentDigest(body)
        #expect(throws: HTTPSignatureError.digestMismatch) {
            try HTTPMessageSignatures.verifyContentDigest(right + ", sha-512=:\(Data(repeating: 0, count: 64).base64EncodedString()):", body: body)
        }
        #expect(throws: HTTPSignatureError.digestMismatch) { try HTTPMessageSignatures.verifyContentDigest(#"sha-256="not bytes""#, body: body) }
        #expect(throws: HTTPSignatureError.malformed("Content-Digest has neither sha-256 nor sha-512")) {
            try HTTPMessageSignatures.verifyContentDigest("md5=:AAAA:", body: body)
        }
    }

    /// The signer's own order of parameters is kept in the base (§3.2), and the label asked for is the one verified.
    @Test func theParametersAreVerifiedAsTheSignerWroteThem() throws {
        let input = #"late=("@method" "@path");keyid="test-key-ed25519";expires=1618884600;created=1618884473"#
        let base = """
            "@method": POST
            "@path": /foo
            "@signature-params": ("@method" "@path");keyid="test-key-ed25519";expires=1618884600;created=1618884473
            """
        let signature = try Self.rfcKey.signature(for: Data(base.utf8)).base64EncodedString()
        let both = "other=:\(Data(repeating: 1, count: 64).base64EncodedString()):, late=:\(signature):"
        let verified = try HTTPMessageSignatures.verify(Self.rfcRequest, signatureInput: #"other=("@method");created=1;keyid="x", "# + input,
                                                        signature: both, label: "late", required: ["@method"], now: 1_618_884_500,
                                                        maximumAge: 300) { _ in Self.rfcKey.publicKey }
        #expect(verified.label == "late" && verified.components == ["@method", "@path"])
        // The other label, verified, fails.
        #expect(throws: HTTPSignatureError.outOfTime) {
            try HTTPMessageSignatures.verify(Self.rfcRequest, signatureInput: #"other=("@method");created=1;keyid="x", "# + input, signature: both,
                                             required: [], now: 1_618_884_500, maximumAge: 300) { _ in Self.rfcKey.publicKey }
        }
    }

    @Test func derivedComponentsAndRepeatedFieldsAreRead() throws {
        let message = HTTPMessage(method: "GET", scheme: "https", authority: "CESE.example:8443", path: "/api/v1/x", query: "a=1&b=2",
                                  fields: [("Accept", " text/html "), ("accept", "application/json"), ("X-Empty", "")])
        let parameters = SignatureParameters(components: ["@authority", "@target-uri", "@request-target", "@query", "@scheme", "accept", "x-empty"],
                                             created: 1, keyID: "k")
        let base = try HTTPMessageSignatures.signatureBase(message, parameters)
        #expect(base == ("""
            "@authority": cese.example:8443
            "@target-uri": https://cese.example:8443/api/v1/x?a=1&b=2
            "@request-target": /api/v1/x?a=1&b=2
            "@query": ?a=1&b=2
            "@scheme": https
            "accept": text/html, application/json
            "x-empty": \n
            """ + #""@signature-params": ("@authority" "@target-uri" "@request-target" "@query" "@scheme" "accept" "x-empty");created=1;keyid="k""#))
        // Without a query, `@query` is `?`; an empty path is `/`.
        let bare = HTTPMessage(method: "GET", scheme: "https", authority: "cese.example", path: "", fields: [])
        #expect(try HTTPMessageSignatures.signatureBase(bare, SignatureParameters(components: ["@query", "@path"], created: 1, keyID: "k"))
            .hasPrefix("\"@query\": ?\n\"@path\": /\n"))
    }

    // MARK: - The independent implementation (PyPI http-message-signatures)

    static var python: String? {
        ProcessInfo.processInfo.environment["HTTPSIG_PYTHON"].flatMap { FileManager.default.isExecutableFile(atPath: $0) ? $0 : nil }
    }

    static let script = """
        import base64, datetime, json, sys
        import requests
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
        from http_message_signatures import HTTPMessageSigner, HTTPMessageVerifier, MappingKeyResolver, algorithms
        job = json.loads(sys.argv[1])
        request = requests.Request(job["method"], job["url"], headers=dict(job["headers"]), data=job["body"].encode()).prepare()
        seed = base64.b64decode(job["seed"])
        private = Ed25519PrivateKey.from_private_bytes(seed)
        keyid = job.get("keyid", "instance-key")
        resolver = MappingKeyResolver(public_keys={keyid: private.public_key()}, private_keys={keyid: private})
        if job["mode"] == "verify":
            request.headers["Signature-Input"] = job["signatureInput"]
            request.headers["Signature"] = job["signature"]
            verifier = HTTPMessageVerifier(signature_algorithm=algorithms.ED25519, key_resolver=resolver)
            results = verifier.verify(request, require_components=job["required"], body=job["body"].encode())
            print(json.dumps({"ok": True, "covered": len(results)}))
        else:
            signer = HTTPMessageSigner(signature_algorithm=algorithms.ED25519, key_resolver=resolver)
            signer.sign(request, key_id=keyid, label="hemicycle", covered_component_ids=job["required"], body=job["body"].encode())
            print(json.dumps({"signatureInput": request.headers["Signature-Input"], "signature": request.headers["Signature"],
                              "contentDigest": request.headers.get("Content-Digest")}))
        """

    static func run(_ job: [String: Any]) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(python))
        process.arguments = ["-c", script, String(decoding: try JSONSerialization.data(withJSONObject: job), as: UTF8.self)]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let failure = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(String(decoding: failure, as: UTF8.self))")
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// A request signed here verifies there, and one signed there verifies here: the same signature base, byte for byte.
    @Test(.enabled(if: Requirement.runs(when: python != nil, "HTTPSIG_PYTHON (a Python with http-message-signatures)")))
    func signaturesAreExchangedWithAnIndependentImplementation() throws {
        try Requirement.require(Self.python != nil, "HTTPSIG_PYTHON (a Python with http-message-signatures)")
        let key = Curve25519.Signing.PrivateKey()
        let body = #"{"type":"contribution","title":"Contribution du CESE du Maroc","lang":"ar","text":"مساهمة"}"#
        let now = Int(Date().timeIntervalSince1970)
        let required = ["@method", "@target-uri", "content-type", "content-digest"]
        let message = HTTPMessage(method: "POST", scheme: "https", authority: "cese.example", path: "/federation/inbox", query: "v=1", fields: [
            ("Content-Type", "application/json"), ("Content-Digest", HTTPMessageSignatures.contentDigest(Array(body.utf8))),
        ])
        let signed = try HTTPMessageSignatures.sign(message, label: "hemicycle", parameters: SignatureParameters(
            components: required, created: now, keyID: "instance-key", algorithm: "ed25519"), key: key)
        var job: [String: Any] = [
            "method": "POST", "url": "https://cese.example/federation/inbox?v=1", "body": body, "required": required,
            "headers": message.fields.map { [$0.name, $0.value] }, "seed": key.rawRepresentation.base64EncodedString(),
        ]
        job["mode"] = "verify"
        job["signatureInput"] = signed.signatureInput
        job["signature"] = signed.signature
        #expect(try Self.run(job)["ok"] as? Bool == true)
        // Signed there (with its own Content-Digest), verified here.
        job["mode"] = "sign"
        job["headers"] = [["Content-Type", "application/json"]]
        let theirs = try Self.run(job)
        let digest = try #require(theirs["contentDigest"] as? String)
        try HTTPMessageSignatures.verifyContentDigest(digest, body: Array(body.utf8))
        var received = message
        received.fields = [("Content-Type", "application/json"), ("Content-Digest", digest)]
        let verified = try HTTPMessageSignatures.verify(
            received, signatureInput: try #require(theirs["signatureInput"] as? String), signature: try #require(theirs["signature"] as? String),
            required: required, now: now, maximumAge: 300) { $0 == "instance-key" ? key.publicKey : nil }
        #expect(verified.keyID == "instance-key" && verified.label == "hemicycle")
        // And a request changed on the way is refused here.
        received.path = "/federation/other"
        #expect(throws: HTTPSignatureError.badSignature) {
            try HTTPMessageSignatures.verify(received, signatureInput: theirs["signatureInput"] as? String ?? "", signature: theirs["signature"] as? String ?? "",
                                             required: required, now: now, maximumAge: 300) { _ in key.publicKey }
        }
    }

    /// A delivery to a partner's inbox as the instance signs it verifies there; one signed there, with the same
    /// covered components, verifies here by the key's derived id.
    @Test(.enabled(if: Requirement.runs(when: python != nil, "HTTPSIG_PYTHON (a Python with http-message-signatures)")))
    func deliveriesAreExchangedWithAnIndependentImplementation() throws {
        try Requirement.require(Self.python != nil, "HTTPSIG_PYTHON (a Python with http-message-signatures)")
        let key = Curve25519.Signing.PrivateKey(), keyID = FederationKey.keyID(key.publicKey)
        let target = "https://cese.example:8443/federation/inbox"
        let body = String(decoding: try SignedDeliveryTests.document().encoded(), as: UTF8.self)
        let now = Date()
        let fields = try SignedDelivery.fields(body: Array(body.utf8), target: target, key: key, now: now, nonce: "n")
        var job: [String: Any] = [
            "method": "POST", "url": target, "body": body, "required": SignedDelivery.covered, "keyid": keyID, "mode": "verify",
            "headers": fields.filter { !$0.name.hasPrefix("signature") }.map { [$0.name, $0.value] }, "seed": key.rawRepresentation.base64EncodedString(),
            "signatureInput": try #require(fields.first { $0.name == "signature-input" }?.value),
            "signature": try #require(fields.first { $0.name == "signature" }?.value),
        ]
        #expect(try Self.run(job)["ok"] as? Bool == true)
        job["mode"] = "sign"
        let date = SignedDelivery.httpDate(now)
        job["headers"] = [["Content-Type", "application/json"], ["Date", date]]
        let theirs = try Self.run(job)
        let received: [(name: String, value: String)] = [
            ("Content-Type", "application/json"), ("Date", date), ("Content-Digest", try #require(theirs["contentDigest"] as? String)),
            ("Signature-Input", try #require(theirs["signatureInput"] as? String)), ("Signature", try #require(theirs["signature"] as? String)),
        ]
        let verified = try SignedDelivery.verify(method: "POST", target: target, fields: received, body: Array(body.utf8), now: now) {
            $0 == keyID ? key.publicKey : nil
        }
        #expect(verified.keyID == keyID)
    }
}
