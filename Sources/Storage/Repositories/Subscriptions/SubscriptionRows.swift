import SQLKit

/// A subscription by e-mail, whatever it follows: the rows every kind keeps (`news_subscriptions`,
/// `work_subscriptions`) and what the links mailed to it need.
public protocol MailSubscription: Sendable, Decodable {
    var id: Int64 { get }
    var councilId: Int64 { get }
    var email: String { get }
    var language: String { get }
    var confirmedAt: Double? { get }
    var unsubscribedAt: Double? { get }
    var confirmationSentAt: Double { get }
}

extension MailSubscription {
    /// Confirmed and not ended.
    public var isActive: Bool { confirmedAt != nil && unsubscribedAt == nil }
}

/// One mail to a subscriber (a post, a work's step), composed by the caller, with its one-click unsubscribe address.
public struct SubscriberMail: Sendable {
    public let recipient: String
    public let subject: String
    public let body: String
    public let listUnsubscribe: String

    public init(recipient: String, subject: String, body: String, listUnsubscribe: String) {
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.listUnsubscribe = listUnsubscribe
    }
}

/// What a request to subscribe did: the subscription, and whether its confirmation is to be mailed now.
public struct SubscriptionRequest<Record: MailSubscription>: Sendable {
    public let subscription: Record
    public let mailsConfirmation: Bool
}

/// The statements every kind of subscription shares: made or renewed on request, confirmed by the mailed link, ended
/// by one click. A request never changes a confirmed subscription (whoever typed the address may not be its owner);
/// only the link mailed to it confirms.
struct SubscriptionRows {
    /// The table.
    let table: String
    /// The columns that name one subscription (the address among them), with their values.
    let key: [(column: String, value: any Encodable & Sendable)]
    /// The columns a request sets when it makes or renews the subscription (its language, its choices).
    let choices: [(column: String, value: any Encodable & Sendable)]

    /// The subscription, made or renewed; its confirmation is to be mailed when it is new, ended, or unconfirmed and
    /// last mailed at least `resendAfter` seconds ago, and only then are its choices set (a stranger typing the
    /// address changes nothing the owner would confirm unawares). Each decision is one statement that reads and writes
    /// the row, so that requests at once mail once.
    func request<Record: MailSubscription>(_ type: Record.Type, at: Double, resendAfter: Double,
                                           on sql: any SQLDatabase) async throws -> SubscriptionRequest<Record> {
        let columns = key.map(\.column) + choices.map(\.column) + ["created_at", "confirmation_sent_at"]
        let values: [any SQLExpression] = (key.map(\.value) + choices.map(\.value)).map { SQLBind($0) } + [SQLBind(at), SQLBind(at)]
        if try await sql.insert(into: table).columns(columns).values(values).ignoringConflicts(with: key.map(\.column))
            .returning("id").first() == nil {
            // Ended, or unconfirmed and not mailed lately: renewed, unconfirmed, and mailed.
            var update = sql.update(table)
            for choice in choices { update = update.set(choice.column, to: choice.value) }
            try await keyed(update.set(SQLColumn("confirmed_at"), to: SQLLiteral.null).set(SQLColumn("unsubscribed_at"), to: SQLLiteral.null)
                .set("confirmation_sent_at", to: at))
                .where {
                    $0.where("unsubscribed_at", .isNot, SQLLiteral.null).orWhere {
                        $0.where("confirmed_at", .is, SQLLiteral.null).where("confirmation_sent_at", .lessThanOrEqual, at - resendAfter)
                    }
                }
                .run()
        }
        guard let row = try await keyed(sql.select().column("*").from(table)).first() else { throw StoreError.notFound }
        let subscription = try row.decodeModel(Record.self)
        return SubscriptionRequest(subscription: subscription, mailsConfirmation: subscription.confirmationSentAt == at && !subscription.isActive)
    }

    private func keyed<Builder: SQLPredicateBuilder>(_ builder: Builder) -> Builder {
        key.reduce(builder) { $0.where($1.column, .equal, $1.value) }
    }

    static func find<Record: MailSubscription>(_ type: Record.Type, table: String, id: Int64, councilID: Int64,
                                               on sql: any SQLDatabase) async throws -> Record? {
        try await sql.select().column("*").from(table).where("id", .equal, id).where("council_id", .equal, councilID).first()?
            .decodeModel(Record.self)
    }

    /// Confirms a subscription not ended.
    static func confirm(table: String, id: Int64, at: Double, on sql: any SQLDatabase) async throws {
        try await sql.update(table).set("confirmed_at", to: at).where("id", .equal, id)
            .where("confirmed_at", .is, SQLLiteral.null).where("unsubscribed_at", .is, SQLLiteral.null).run()
    }

    /// Forgets the subscriptions never confirmed whose confirmation was last mailed before `before`: an address someone
    /// typed and its owner never confirmed is not kept.
    static func purgeUnconfirmed(table: String, before: Double, on sql: any SQLDatabase) async throws {
        try await sql.delete(from: table).where("confirmed_at", .is, SQLLiteral.null).where("confirmation_sent_at", .lessThan, before).run()
    }

    /// Ends a subscription (again: nothing changes).
    static func unsubscribe(table: String, id: Int64, at: Double, on sql: any SQLDatabase) async throws {
        try await sql.update(table).set("unsubscribed_at", to: at).where("id", .equal, id)
            .where("unsubscribed_at", .is, SQLLiteral.null).run()
    }
}
