import Cooperation
import Crypto
import Federation
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// The instance's links with partner instances (`/admin/federation`), for its administrators: the key to give
/// partners (out of band), the partners' keys pasted here, revocation, and the deliveries on their way.
struct FederationLinkRoutes {
    let services: FederationServices
    let pages: Pages

    func register(on routes: PathRegistrar) {
        routes.get(FederationPaths.links, use: list)
        routes.post(FederationPaths.links, use: link)
        routes.post(FederationPaths.revoke, use: revoke)
    }

    func require(_ context: AppContext) throws {
        try pages.require(InstanceLinkRules.mayManageLinks(NetworkRoutes.actor(context)), context)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> HTML {
        try await page(request, context, values: [:], error: nil)
    }

    func page(_ request: Request, _ context: AppContext, values: [String: String], error: String?,
              status: HTTPResponse.Status = .ok) async throws -> HTML {
        try require(context)
        let format = Formatting(language: context.language)
        let key = try await services.signingKey().publicKey
        let peers = try await services.peers.all()
        let counts = try await services.inbox.counts()
        let byID = Dictionary(peers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let rows = peers.map { peer in
            FederationLinksPage.Peer(
                name: peer.name, address: peer.baseUrl, keyID: peer.keyId,
                linked: pages.text("federation_linked_on", context, ["date": format.dateTime(Date(timeIntervalSince1970: peer.createdAt))]),
                received: pages.plural("federation_received_count", count: counts[peer.id] ?? 0, context, format: format),
                revoked: peer.revokedAt.map { pages.text("federation_revoked_on", context, ["date": format.dateTime(Date(timeIntervalSince1970: $0))]) },
                revokeAction: peer.isRevoked ? nil : FederationPaths.revoke.url(peer.id))
        }
        let deliveries = try await services.outbox.latest(limit: 50).map {
            FederationCouncilRoutes.row($0, to: byID[$0.peerId], pages: pages, context: context, format: format)
        }
        let model = FederationLinksPage(
            publicKey: FederationKey.text(key), keyID: FederationKey.keyID(key), inboxAddress: services.inboxAddress, peers: rows,
            hasPeers: !rows.isEmpty, deliveries: deliveries, hasDeliveries: !deliveries.isEmpty, action: FederationPaths.links.url,
            values: values, error: error)
        return try await pages.page("federation-links", title: pages.text("federation_links_title", context), request: request, context: context,
                                    typed: model, status: status)
    }

    @Sendable func link(_ request: Request, context: AppContext) async throws -> Response {
        try require(context)
        let form = context.form
        let text = { (name: String) in Validate.storable(form[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        let values = ["name": text("name"), "address": text("address"), "public_key": text("public_key")]
        func again(_ key: String, _ status: HTTPResponse.Status = .unprocessableContent) async throws -> Response {
            try await page(request, context, values: values, error: pages.text(key, context), status: status).response(from: request, context: context)
        }
        let key = FederationKey.publicKey(text("public_key"))
        if let problem = InstanceLinkRules.problem(name: text("name"), address: text("address"), hasKey: key != nil,
                                                  allowsPlainHTTP: services.isDevelopment) { return try await again(problem) }
        guard let key else { return try await again("federation_error_key") }
        if key.rawRepresentation == (try await services.signingKey()).publicKey.rawRepresentation { return try await again("federation_error_own_key") }
        do {
            _ = try await services.peers.link(name: text("name"), baseURL: text("address"), keyID: FederationKey.keyID(key),
                                              publicKey: FederationKey.text(key), at: services.clock.now().timeIntervalSince1970)
        } catch StoreError.duplicateName {
            return try await again("federation_error_key_known", .conflict)
        }
        return .redirect(to: SiteURL.with(FederationPaths.links.url, notice: "saved"), type: .normal)
    }

    @Sendable func revoke(_ request: Request, context: AppContext) async throws -> Response {
        try require(context)
        guard let id = context.parameters.get("peer", as: Int64.self) else { throw PageError.notFound }
        do { try await services.peers.revoke(id: id, at: services.clock.now().timeIntervalSince1970) } catch StoreError.notFound {
            throw PageError.notFound
        } catch StoreError.stateChanged {
            // Revoked already: nothing more to do.
        }
        return .redirect(to: SiteURL.with(FederationPaths.links.url, notice: "saved"), type: .normal)
    }
}
