import Crypto
import Federation
import Foundation
import HemicycleDomain
import Logging
import ServiceLifecycle
import Storage

/// Delivers the federation outbox: every few seconds, each document due is signed afresh and posted to its partner's
/// inbox; a delivery that fails (the partner down, or refusing) is tried again later, longer each time
/// (`DeliverySchedule`), so nothing shared is lost. A partner keeps a document once, however often it arrives.
struct FederationDispatcher: Service {
    let services: FederationServices
    let transport: any FederationTransport
    let interval: Duration
    let logger: Logger
    let ready: ReadySignal

    init(services: FederationServices, transport: any FederationTransport, interval: Duration = .seconds(5), logger: Logger,
         ready: ReadySignal = ReadySignal(isOpen: true)) {
        self.services = services
        self.transport = transport
        self.interval = interval
        self.logger = logger
        self.ready = ready
    }

    /// Delivers what is due now; returns how many documents were delivered.
    @discardableResult
    func deliverDue() async throws -> Int {
        let due = try await services.outbox.due(at: services.clock.now().timeIntervalSince1970)
        guard !due.isEmpty else { return 0 }
        let key = try await services.signingKey()
        let peers = Dictionary(try await services.peers.all().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var delivered = 0
        for document in due {
            guard let peer = peers[document.peerId], !peer.isRevoked else { continue }
            if try await deliver(document, to: peer, key: key) { delivered += 1 }
        }
        return delivered
    }

    /// One attempt, signed now; records its outcome. A partner that already has the document answers as for a first
    /// delivery, so a redelivery after a lost answer is harmless.
    func deliver(_ document: FederationOutboxRecord, to peer: FederationPeerRecord, key: Curve25519.Signing.PrivateKey) async throws -> Bool {
        let target = peer.baseUrl + FederationPaths.inbox.url
        let body = Array(document.payload.utf8)
        let now = services.clock.now()
        let failure: String
        do {
            let fields = try SignedDelivery.fields(body: body, target: target, key: key, now: now, nonce: UUID().uuidString.lowercased())
            let answer = try await transport.post(url: target, fields: fields, body: body)
            if (200..<300).contains(answer.status) {
                try await services.outbox.markDelivered(id: document.id, at: services.clock.now().timeIntervalSince1970)
                return true
            }
            failure = "HTTP \(answer.status): \(answer.answer.prefix(300))"
        } catch {
            failure = "\(error)"
        }
        let next = now.timeIntervalSince1970 + DeliverySchedule.delay(afterAttempt: document.attempts + 1)
        try await services.outbox.markFailed(id: document.id, error: failure, nextAttemptAt: next)
        logger.notice("A document for a partner instance was not delivered", metadata: ["partner": "\(peer.baseUrl)", "error": "\(failure)"])
        return false
    }

    func run() async throws {
        await Repeating.run(every: interval, after: ready, logger: logger, failure: "Federation deliveries failed") {
            try await deliverDue()
        }
        // The client's connections close with the service.
        if let http = transport as? HTTPFederationTransport { try? await http.shutdown() }
    }
}
