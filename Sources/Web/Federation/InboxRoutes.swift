import Crypto
import Federation
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// The instance's inbox (`POST /federation/inbox`): documents partner instances deliver, taken only when their
/// signature verifies by the key of a linked instance, within the time window, never twice with the same signature;
/// a document delivered again is kept once. Answers are JSON, their reason in the sender's language.
struct InboxRoutes {
    let services: FederationServices
    let pages: Pages

    func register(on routes: PathRegistrar) {
        routes.post(FederationPaths.inbox, use: receive)
    }

    struct Accepted: Encodable, Sendable {
        let status: String
        let id: String
    }

    func refuse(_ status: HTTPResponse.Status, _ key: String, _ context: AppContext) -> APIError {
        APIError(status: status, reason: pages.text(key, context))
    }

    @Sendable func receive(_ request: Request, context: AppContext) async throws -> Response {
        var request = request
        let body: [UInt8]
        do { body = Array(try await request.collectBody(upTo: SharedDocument.largestBody).readableBytesView) } catch {
            return try refuse(.contentTooLarge, "error_too_large", context).response(from: request, context: context)
        }
        let fields = request.headers.map { (name: $0.name.canonicalName, value: $0.value) }
        let now = services.clock.now()
        // The links are few: read once, so that the key is found without waiting inside the verification.
        let peers = try await services.peers.all()
        let keys = Dictionary(peers.map { ($0.keyId, $0) }, uniquingKeysWith: { first, _ in first })
        let signature: VerifiedSignature
        do {
            signature = try SignedDelivery.verify(method: request.method.rawValue, target: services.inboxAddress, fields: fields, body: body,
                                                  now: now) { keyID in keys[keyID].flatMap { FederationKey.publicKey($0.publicKey) } }
        } catch let error as HTTPSignatureError {
            let (status, key) = Self.refusal(error)
            return try refuse(status, key, context).response(from: request, context: context)
        }
        guard let peer = keys[signature.keyID], !peer.isRevoked else {
            return try refuse(.forbidden, "federation_inbox_revoked", context).response(from: request, context: context)
        }
        let document: SharedDocument
        do { document = try SharedDocument.decode(body) } catch let problem as SharedDocument.Problem {
            return try refuse(.unprocessableContent, problem.rawValue, context).response(from: request, context: context)
        }
        // A linked instance speaks for itself only.
        guard document.sender.instance == peer.baseUrl else {
            return try refuse(.unprocessableContent, "federation_error_sender", context).response(from: request, context: context)
        }
        let incoming = IncomingDocument(
            documentID: document.id, kind: document.kind.rawValue, senderInstance: document.sender.instance, senderCouncil: document.sender.council,
            senderName: document.sender.councilName, recipient: document.recipient, title: document.item.title, summary: document.item.summary,
            body: document.item.body, language: document.item.language, url: document.item.url, detail: document.item.detail,
            sharedAt: SharedDocument.date(document.sharedAt)?.timeIntervalSince1970 ?? now.timeIntervalSince1970)
        let digest = Data(SHA256.hash(data: signature.signature)).base64EncodedString()
        do {
            let arrival = try await services.inbox.receive(peerID: peer.id, signatureDigest: digest, document: incoming,
                                                          at: now.timeIntervalSince1970,
                                                          forgetBefore: now.timeIntervalSince1970 - 2 * Double(SignedDelivery.window) - 60)
            switch arrival {
            case .accepted:
                return try JSONBody(value: Accepted(status: "accepted", id: document.id), status: .created).response(from: request, context: context)
            case .duplicate:
                return try JSONBody(value: Accepted(status: "duplicate", id: document.id), status: .ok).response(from: request, context: context)
            }
        } catch let refusal as FederationInboxRepository.Refusal {
            switch refusal {
            case .replayed: return try refuse(.unauthorized, "federation_inbox_replayed", context).response(from: request, context: context)
            case .notLinked: return try refuse(.forbidden, "federation_inbox_revoked", context).response(from: request, context: context)
            case .unknownCouncil: return try refuse(.notFound, "federation_error_recipient", context).response(from: request, context: context)
            }
        }
    }

    /// The status and sentence for a signature that does not verify.
    static func refusal(_ error: HTTPSignatureError) -> (HTTPResponse.Status, String) {
        switch error {
        case .digestMismatch: (.badRequest, "federation_inbox_digest")
        case .unknownKey: (.forbidden, "federation_inbox_unknown_key")
        case .outOfTime: (.unauthorized, "federation_inbox_out_of_time")
        case .badSignature: (.unauthorized, "federation_inbox_bad_signature")
        case .malformed, .missingComponent, .notCovered, .unsupportedAlgorithm: (.unauthorized, "federation_inbox_unsigned")
        }
    }
}
