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

    /// Delivers what is due now; returns how many documents were delivered. A partner that does not answer is not
    /// tried again in the same round, so one partner down does not hold up the others for long.
    @discardableResult
    func deliverDue() async throws -> Int {
        let due = try await services.outbox.due(at: services.clock.now().timeIntervalSince1970)
        guard !due.isEmpty else { return 0 }
        let key = try await services.signingKey()
        var delivered = 0, unreachable = Set<Int64>()
        for document in due where !unreachable.contains(document.peerId) {
            // Read again for each document: a link revoked while a round runs stops it there.
            guard let peer = try await services.peers.find(id: document.peerId), !peer.isRevoked else { continue }
            switch try await deliver(document, to: peer, key: key) {
            case .delivered: delivered += 1
            case .refused: break
            case .failed: unreachable.insert(peer.id)
            }
        }
        return delivered
    }

    enum Outcome: Equatable {
        case delivered
        /// The partner refused the document for good.
        case refused
        /// Tried again later.
        case failed
    }

    /// One attempt, signed now; records its outcome. A partner that already has the document answers as for a first
    /// delivery, so a redelivery after a lost answer is harmless. What the secretariat reads of a failure is the
    /// partner's own reason or a category; the transport's details go to the log.
    func deliver(_ document: FederationOutboxRecord, to peer: FederationPeerRecord, key: Curve25519.Signing.PrivateKey) async throws -> Outcome {
        let target = peer.baseUrl + FederationPaths.inbox.url
        let body = Array(document.payload.utf8)
        let now = services.clock.now()
        let failure: String
        do {
            let fields = try SignedDelivery.fields(body: body, target: target, key: key, now: now, nonce: UUID().uuidString.lowercased())
            let answer = try await transport.post(url: target, fields: fields, body: body)
            if (200..<300).contains(answer.status) {
                try await services.outbox.markDelivered(id: document.id, at: services.clock.now().timeIntervalSince1970)
                return .delivered
            }
            let refusal = "HTTP \(answer.status)" + (Self.reason(answer.answer).map { ": " + $0 } ?? "")
            if DeliverySchedule.isFinal(status: answer.status) {
                try await services.outbox.markRefused(id: document.id, error: refusal, at: services.clock.now().timeIntervalSince1970)
                logger.notice("A partner instance refused a document", metadata: ["partner": "\(peer.baseUrl)", "error": "\(refusal)"])
                return .refused
            }
            failure = refusal
        } catch {
            logger.notice("A partner instance could not be reached", metadata: ["partner": "\(peer.baseUrl)", "error": "\(error)"])
            failure = "unreachable"
        }
        let next = now.timeIntervalSince1970 + DeliverySchedule.delay(afterAttempt: document.attempts + 1)
        try await services.outbox.markFailed(id: document.id, error: failure, nextAttemptAt: next)
        return .failed
    }

    /// The `reason` of a partner's JSON refusal, on one line, without control or direction characters, 300 at most.
    static func reason(_ answer: String) -> String? {
        struct Refusal: Decodable { let reason: String }
        guard let refusal = try? JSONDecoder().decode(Refusal.self, from: Data(answer.utf8)) else { return nil }
        let kept = refusal.reason.unicodeScalars.filter { !($0.properties.generalCategory == .control || $0.properties.generalCategory == .format) }
        let text = String(String.UnicodeScalarView(kept)).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : String(text.prefix(300))
    }

    func run() async throws {
        await Repeating.run(every: interval, after: ready, logger: logger, failure: "Federation deliveries failed") {
            try await deliverDue()
        }
        // The client's connections close with the service.
        if let http = transport as? HTTPFederationTransport { try? await http.shutdown() }
    }
}
