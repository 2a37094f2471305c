import Foundation
import HemicycleDomain
import Logging
import ServiceLifecycle
import Storage

/// Sends what waits in the outbox over SMTP, every few seconds, until shutdown.
public struct OutboxDispatcher: Service {
    let outbox: OutboxRepository
    let client: SMTPClient
    let clock: any WallClock
    let interval: Duration
    let logger: Logger

    public init(outbox: OutboxRepository, client: SMTPClient, clock: any WallClock = SystemClock(),
                interval: Duration = .seconds(5), logger: Logger) {
        self.outbox = outbox
        self.client = client
        self.clock = clock
        self.interval = interval
        self.logger = logger
    }

    /// Sends every pending message once; returns how many were sent.
    @discardableResult
    public func dispatchPending() async throws -> Int {
        let pending = try await outbox.pending()
        guard !pending.isEmpty else { return 0 }
        let results: [Result<Void, SMTPClient.Failure>]
        do {
            results = try await client.send(pending.map {
                .init(to: $0.recipient, subject: $0.subject, body: $0.body, listUnsubscribe: $0.listUnsubscribe, calendar: $0.calendar)
            })
        } catch {
            for message in pending { try await outbox.markFailed(id: message.id, error: "\(error)") }
            throw error
        }
        var sent = 0
        for (message, result) in zip(pending, results) {
            switch result {
            case .success:
                try await outbox.markSent(id: message.id, at: clock.now())
                sent += 1
            case .failure(let failure):
                try await outbox.markFailed(id: message.id, error: failure.description)
            }
        }
        return sent
    }

    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await dispatchPending()
                } catch {
                    logger.warning("Mail not sent", metadata: ["error": "\(error)"])
                }
                try await Task.sleep(for: interval)
            }
        }
    }
}
