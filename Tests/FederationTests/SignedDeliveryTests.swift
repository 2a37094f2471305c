import Crypto
import Federation
import Foundation
import Testing
import TestRequirements

@Suite struct SignedDeliveryTests {
    static let target = "https://cese.example/federation/inbox"
    static let now = Date(timeIntervalSince1970: 1_796_029_200)

    static func document(id: String = "5f0c2a8e-3f35-4a57-9d52-0a4f6c2b9e11") -> SharedDocument {
        SharedDocument(
            id: id, kind: .practiceNote,
            sender: .init(instance: "https://cese.ma.example", council: "cese-ma", councilName: "CESE du Maroc"),
            recipient: "cese-fr", sharedAt: "2026-11-30T09:00:00Z",
            item: .init(title: "Traitement des opinions divergentes", summary: "Comment les avis minoritaires sont annexés.",
                        body: "Le rapporteur recueille…\nPuis le bureau…", language: "fr", url: "https://cese.ma.example/cese-ma/practices/3"))
    }

    @Test func aDeliveryIsVerifiedByTheKeyItNames() throws {
        let key = Curve25519.Signing.PrivateKey()
        let body = try Self.document().encoded()
        let fields = try SignedDelivery.fields(body: body, target: Self.target, key: key, now: Self.now, nonce: "n1")
        let verified = try SignedDelivery.verify(method: "POST", target: Self.target, fields: fields, body: body, now: Self.now.addingTimeInterval(2)) {
            $0 == FederationKey.keyID(key.publicKey) ? key.publicKey : nil
        }
        #expect(verified.keyID == FederationKey.keyID(key.publicKey))
        #expect(verified.components == SignedDelivery.covered)
        #expect(verified.signature.count == 64)
        #expect(try SharedDocument.decode(body) == Self.document())
    }

    @Test func whatDiffersFromWhatWasSignedIsRefused() throws {
        let key = Curve25519.Signing.PrivateKey(), other = Curve25519.Signing.PrivateKey()
        let body = try Self.document().encoded()
        let fields = try SignedDelivery.fields(body: body, target: Self.target, key: key, now: Self.now, nonce: "n1")
        func verify(method: String = "POST", target: String = Self.target, fields: [(name: String, value: String)] = fields, body: [UInt8] = body,
                    now: Date = Self.now, known: Curve25519.Signing.PublicKey? = key.publicKey) throws {
            _ = try SignedDelivery.verify(method: method, target: target, fields: fields, body: body, now: now) { _ in known }
        }
        try verify()
        // A body changed on the way: its digest no longer matches.
        var tampered = body
        tampered[tampered.count - 3] ^= 1
        #expect(throws: HTTPSignatureError.digestMismatch) { try verify(body: tampered) }
        // Another digest for the changed body: the signature no longer matches.
        var redigested = fields.map { $0.name == "content-digest" ? (name: $0.name, value: HTTPMessageSignatures.contentDigest(tampered)) : $0 }
        #expect(throws: HTTPSignatureError.badSignature) { try verify(fields: redigested, body: tampered) }
        // Another inbox, another method, another key.
        #expect(throws: HTTPSignatureError.badSignature) { try verify(target: "https://other.example/federation/inbox") }
        #expect(throws: HTTPSignatureError.badSignature) { try verify(method: "PUT") }
        #expect(throws: HTTPSignatureError.badSignature) { try verify(known: other.publicKey) }
        #expect(throws: HTTPSignatureError.unknownKey(FederationKey.keyID(key.publicKey))) { try verify(known: nil) }
        // Outside the window, either way.
        #expect(throws: HTTPSignatureError.outOfTime) { try verify(now: Self.now.addingTimeInterval(Double(SignedDelivery.window) + 1)) }
        #expect(throws: HTTPSignatureError.outOfTime) { try verify(now: Self.now.addingTimeInterval(-Double(SignedDelivery.window) - 1)) }
        // A Date changed to look fresh: it is covered.
        redigested = fields.map { $0.name == "date" ? (name: $0.name, value: SignedDelivery.httpDate(Self.now.addingTimeInterval(60))) : $0 }
        #expect(throws: HTTPSignatureError.badSignature) { try verify(fields: redigested) }
        // Unsigned, or without a Date or digest.
        #expect(throws: HTTPSignatureError.malformed("the request is not signed")) { try verify(fields: fields.filter { $0.name != "signature" }) }
        #expect(throws: HTTPSignatureError.missingComponent("date")) { try verify(fields: fields.filter { $0.name != "date" }) }
        #expect(throws: HTTPSignatureError.missingComponent("content-digest")) { try verify(fields: fields.filter { $0.name != "content-digest" }) }
    }

    @Test func aSignatureThatLeavesOutTheDateIsRefused() throws {
        let key = Curve25519.Signing.PrivateKey()
        let body = Array("{}".utf8)
        let base: [(name: String, value: String)] = [("content-digest", HTTPMessageSignatures.contentDigest(body)), ("date", SignedDelivery.httpDate(Self.now))]
        let message = try SignedDelivery.message(method: "POST", target: Self.target, fields: base)
        let signed = try HTTPMessageSignatures.sign(message, label: "hemicycle", parameters: SignatureParameters(
            components: ["@method", "@target-uri", "content-digest"], created: Int(Self.now.timeIntervalSince1970), keyID: "k"), key: key)
        #expect(throws: HTTPSignatureError.notCovered("date")) {
            try SignedDelivery.verify(method: "POST", target: Self.target, fields: base + [("signature-input", signed.signatureInput), ("signature", signed.signature)],
                                      body: body, now: Self.now) { _ in key.publicKey }
        }
    }

    @Test func keysAreReadAsAdministratorsPasteThem() throws {
        let key = Curve25519.Signing.PrivateKey().publicKey
        let text = FederationKey.text(key)
        #expect(FederationKey.publicKey(text)?.rawRepresentation == key.rawRepresentation)
        let urlSafe = text.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        #expect(FederationKey.publicKey(" " + urlSafe + "\n")?.rawRepresentation == key.rawRepresentation)
        #expect(FederationKey.publicKey("not a key") == nil)
        #expect(FederationKey.publicKey(Data(repeating: 1, count: 31).base64EncodedString()) == nil)
        #expect(FederationKey.keyID(key).count == 43)
        #expect(FederationKey.keyID(key) != FederationKey.keyID(Curve25519.Signing.PrivateKey().publicKey))
    }

    @Test func httpDatesAreImfFixdates() {
        #expect(SignedDelivery.httpDate(Self.now) == "Mon, 30 Nov 2026 09:00:00 GMT")
        #expect(SignedDelivery.parseHTTPDate("Mon, 30 Nov 2026 09:00:00 GMT") == Self.now)
        #expect(SignedDelivery.parseHTTPDate("2026-11-30T09:00:00Z") == nil)
    }

    @Test func retriesWaitLongerEachTimeUpToSixHours() {
        #expect(DeliverySchedule.delay(afterAttempt: 1) == 30)
        #expect(DeliverySchedule.delay(afterAttempt: 2) == 60)
        #expect(DeliverySchedule.delay(afterAttempt: 5) == 480)
        #expect(DeliverySchedule.delay(afterAttempt: 12) == 6 * 3600)
        #expect(DeliverySchedule.delay(afterAttempt: 1_000) == 6 * 3600)
        for status in [400, 404, 413, 422] { #expect(DeliverySchedule.isFinal(status: status)) }
        for status in [401, 403, 408, 429, 500, 502, 503] { #expect(!DeliverySchedule.isFinal(status: status)) }
    }

    @Test func documentsAreCheckedBeforeTheyAreKept() throws {
        #expect(Self.document().problem() == nil)
        var document = Self.document()
        document.id = "5F0C2A8E-3F35-4A57-9D52-0A4F6C2B9E11"
        #expect(document.problem() == .badIdentifier)
        document = Self.document(id: "t1")
        #expect(document.problem() == .badIdentifier)
        document = Self.document()
        document.sender.instance = "javascript:alert(1)"
        #expect(document.problem() == .badSender)
        document = Self.document()
        document.recipient = "CESE FR"
        #expect(document.problem() == .badRecipient)
        document = Self.document()
        document.sharedAt = "yesterday"
        #expect(document.problem() == .badDate)
        for change in [{ (item: inout SharedDocument.Item) in item.title = "" }, { $0.title = "a\nb" }, { $0.language = "de" },
                       { $0.url = "ftp://x.example/" }, { $0.body = "\u{202E}txt" }, { $0.summary = String(repeating: "a", count: 100_001) }] {
            document = Self.document()
            change(&document.item)
            #expect(document.problem() == .badItem)
        }
        #expect(throws: SharedDocument.Problem.notJSON) { try SharedDocument.decode(Array("{\"id\":1}".utf8)) }
        #expect(throws: SharedDocument.Problem.notJSON) { try SharedDocument.decode(Array(repeating: 32, count: SharedDocument.largestBody + 1)) }
        // Arabic text travels as it is.
        document = Self.document()
        document.item.title = "معالجة الآراء المخالفة"
        document.item.language = "ar"
        #expect(try SharedDocument.decode(try document.encoded()) == document)
    }
}
