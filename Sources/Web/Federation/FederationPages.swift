/// A document shared with a partner instance, and where its delivery stands.
struct FederationDeliveryRow: Encodable {
    /// The kind and title, as one sentence.
    let label: String
    let partner: String
    let recipient: String
    let status: String
    let statusCode: String
    let error: String?
}

/// The instance's links with partner instances (`/admin/federation`): its own key to give them, the instances linked,
/// and the documents on their way.
struct FederationLinksPage: Encodable {
    struct Peer: Encodable {
        let name: String
        let address: String
        let keyID: String
        let linked: String
        let received: String
        /// Set once revoked.
        let revoked: String?
        let revokeAction: String?
    }

    let publicKey: String
    let keyID: String
    let inboxAddress: String
    let peers: [Peer]
    let hasPeers: Bool
    let deliveries: [FederationDeliveryRow]
    let hasDeliveries: Bool
    let action: String
    let values: [String: String]
    let error: String?
}

/// A council's exchanges with councils on partner instances (`/{council}/cooperation/instances`): what they delivered
/// to it, and, for its secretariat, what it shared and the form to share more.
struct FederationCouncilPage: Encodable {
    struct Received: Encodable {
        let url: String
        let title: String
        let language: String
        let direction: String
        let kind: String
        let from: String
        let date: String
    }

    struct ShareForm: Encodable {
        let action: String
        let items: [SelectOption]
        let peers: [SelectOption]
        let recipient: String
        let hasPeers: Bool
        let error: String?
    }

    let received: [Received]
    let hasReceived: Bool
    let sent: [FederationDeliveryRow]
    let hasSent: Bool
    let form: ShareForm?
    let backURL: String
}

/// One document a partner delivered, with where it comes from and a link to its original.
struct FederationReceivedPage: Encodable {
    let title: String
    let language: String
    let direction: String
    let kind: String
    let from: String
    let instance: String
    let shared: String
    let received: String
    let detail: String?
    let summary: String?
    let body: String?
    let originalURL: String
    let backURL: String
}
