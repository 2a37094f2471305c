import Crypto
import Foundation
import Storage

/// What a subscription's link tokens sign besides the subscription's number, council and address: what it follows,
/// so that no link of one kind of subscription works for another.
protocol TokenSigned: MailSubscription {
    var signedSubject: String { get }
}

extension NewsSubscriptionRecord: TokenSigned {
    /// The news's tokens sign nothing more (links mailed before subscriptions to work existed stay valid).
    var signedSubject: String { "" }
}

extension WorkSubscriptionRecord: TokenSigned {
    var signedSubject: String { "work|\(target)|" }
}

/// The tokens of a subscription's links: an HMAC, under a key of the instance, of what the link does and the
/// subscription (its number, council, address and what it follows). They do not expire: an unsubscribe link works
/// as long as the mails that carry it may be read. Nothing is stored; a renewed subscription (made again after it ended) keeps its
/// links, and no link of one subscription works for another.
struct SubscriptionTokens: Sendable {
    enum Purpose: String {
        case confirm, unsubscribe
    }

    static let keyName = "news_subscriptions"
    private let instanceKey: KeptInstanceKey

    init(persist: PersistRepository) {
        instanceKey = KeptInstanceKey(persist: persist, name: Self.keyName)
    }

    func token(_ purpose: Purpose, _ subscription: some TokenSigned, now: Double) async throws -> String {
        let key = try await instanceKey.key(now: now)
        let message = "\(subscription.signedSubject)\(purpose.rawValue)|\(subscription.id)|\(subscription.councilId)|\(subscription.email)"
        return Tokens.base64URL(Array(HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: key)))
    }

    func verify(_ token: String, _ purpose: Purpose, _ subscription: some TokenSigned, now: Double) async throws -> Bool {
        Tokens.constantTimeEqual(token, try await self.token(purpose, subscription, now: now))
    }

    /// The link's address: `path?s=ID&t=TOKEN`.
    func link(_ purpose: Purpose, _ subscription: some TokenSigned, path: String, now: Double) async throws -> String {
        "\(path)?s=\(subscription.id)&t=\(try await token(purpose, subscription, now: now))"
    }
}
