import Cooperation
import Federation
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// A council's exchanges with councils on partner instances (`/{council}/cooperation/instances`): its members,
/// bureau and secretariat read what partners delivered to it; its secretariat shares its items (a practice note, an
/// agreement, a contribution, a work's summary) with a council there, and follows their delivery.
struct FederationCouncilRoutes {
    let services: FederationServices
    let pages: Pages

    func register(in council: PathRegistrar) {
        council.get(FederationPaths.council, use: list)
        council.post(FederationPaths.council, use: share)
        council.get(FederationPaths.received, use: received)
    }

    /// Where a shared document stands, as a sentence.
    static func status(_ document: FederationOutboxRecord, to peer: FederationPeerRecord?, pages: Pages, context: AppContext,
                       format: Formatting) -> String {
        if let delivered = document.deliveredAt {
            return pages.text("federation_status_delivered", context, ["date": format.dateTime(Date(timeIntervalSince1970: delivered))])
        }
        if let refused = document.refusedAt {
            return pages.text("federation_status_refused", context, ["date": format.dateTime(Date(timeIntervalSince1970: refused))])
        }
        // Nothing more goes to a revoked instance.
        if peer?.isRevoked ?? true { return pages.text("federation_status_revoked", context) }
        if document.attempts == 0 { return pages.text("federation_status_pending", context) }
        return pages.plural("federation_status_retrying", count: document.attempts, context, format: format,
                            ["date": format.dateTime(Date(timeIntervalSince1970: document.nextAttemptAt))])
    }

    /// A shared document's row: what, to whom, and where its delivery stands.
    static func row(_ document: FederationOutboxRecord, to peer: FederationPeerRecord?, pages: Pages, context: AppContext,
                    format: Formatting) -> FederationDeliveryRow {
        FederationDeliveryRow(label: label(kind: document.kind, title: document.title, pages: pages, context: context), partner: peer?.name ?? "",
                              recipient: document.recipient, status: status(document, to: peer, pages: pages, context: context, format: format),
                              statusCode: statusCode(document, to: peer),
                              error: document.lastError == "unreachable" ? pages.text("federation_error_unreachable", context) : document.lastError)
    }

    static func statusCode(_ document: FederationOutboxRecord, to peer: FederationPeerRecord?) -> String {
        if document.deliveredAt != nil { return "delivered" }
        if document.refusedAt != nil { return "refused" }
        return peer?.isRevoked ?? true ? "revoked" : "pending"
    }

    /// A shared item's kind and title, as one sentence.
    static func label(kind: String, title: String, pages: Pages, context: AppContext) -> String {
        pages.text("federation_item_option", context, ["kind": pages.text("federation_kind_\(kind)", context), "title": Formatting.isolated(title)])
    }

    /// Who sent a document: the council's name and its instance, each kept in its own direction.
    static func sender(_ document: ReceivedDocumentRecord, pages: Pages, context: AppContext) -> String {
        pages.text("federation_from", context, ["council": Formatting.isolated(document.senderName), "instance": Formatting.isolated(document.senderInstance)])
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> HTML {
        try await page(request, context, values: [:], error: nil)
    }

    func page(_ request: Request, _ context: AppContext, values: [String: String], error: String?,
              status: HTTPResponse.Status = .ok) async throws -> HTML {
        let scope = try context.inCouncil()
        try pages.require(InstanceLinkRules.mayRead(scope.actor), context)
        let council = scope.council, format = Formatting(language: context.language, council: council)
        let received = try await services.inbox.all(councilID: council.id).map { document in
            FederationCouncilPage.Received(
                url: FederationPaths.received.url(council.slug, document.id), title: document.title, language: document.language,
                direction: document.language == "ar" ? "rtl" : "ltr",
                kind: pages.text("federation_kind_\(document.kind)", context),
                from: Self.sender(document, pages: pages, context: context),
                date: format.dateTime(Date(timeIntervalSince1970: document.receivedAt)))
        }
        var sent: [FederationDeliveryRow] = []
        var form: FederationCouncilPage.ShareForm?
        if InstanceLinkRules.mayShare(scope.actor).isAllowed {
            let peers = try await services.peers.all()
            let byID = Dictionary(peers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            sent = try await services.outbox.all(councilID: council.id).map {
                Self.row($0, to: byID[$0.peerId], pages: pages, context: context, format: format)
            }
            let items = try await services.shareable(council, language: context.language).map { item in
                SelectOption(value: item.value, label: Self.label(kind: item.kind.rawValue, title: item.title, pages: pages, context: context),
                             selected: values["item"] == item.value)
            }
            let linked = peers.filter { !$0.isRevoked }.map { SelectOption(value: "\($0.id)", label: $0.name, selected: values["peer"] == "\($0.id)") }
            form = FederationCouncilPage.ShareForm(action: FederationPaths.council.url(council.slug), items: items, peers: linked,
                                                   recipient: values["recipient"] ?? "", hasPeers: !linked.isEmpty, error: error)
        }
        let model = FederationCouncilPage(received: received, hasReceived: !received.isEmpty, sent: sent, hasSent: !sent.isEmpty, form: form,
                                          backURL: AgreementPaths.home.url(council.slug))
        return try await pages.page("federation-council", title: pages.text("federation_council_title", context), request: request,
                                    context: context, council: council, typed: model, status: status)
    }

    @Sendable func share(_ request: Request, context: AppContext) async throws -> Response {
        let scope = try context.inCouncil()
        try pages.require(InstanceLinkRules.mayShare(scope.actor), context)
        let council = scope.council, form = context.form
        let text = { (name: String) in (form[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        let values = ["item": text("item"), "peer": text("peer"), "recipient": text("recipient")]
        func again(_ key: String, _ status: HTTPResponse.Status = .unprocessableContent) async throws -> Response {
            try await page(request, context, values: values, error: pages.text(key, context), status: status).response(from: request, context: context)
        }
        guard let chosen = ShareableItem.parse(text("item")) else { return try await again("federation_error_item") }
        guard let peerID = Int64(text("peer")), let peer = try await services.peers.find(id: peerID), !peer.isRevoked else {
            return try await again("federation_error_peer")
        }
        guard let item = try await services.item(chosen.kind, id: chosen.id, of: council) else { return try await again("federation_error_item") }
        let document = SharedDocument(
            id: UUID().uuidString.lowercased(), kind: chosen.kind,
            sender: .init(instance: services.baseURL, council: council.slug,
                          councilName: FederationServices.pick(council.name, council.language, council)),
            recipient: text("recipient").lowercased(), sharedAt: SharedDocument.timestamp(services.clock.now()), item: item)
        if let problem = document.problem() { return try await again(problem.rawValue) }
        let payload = try document.encoded()
        // What the partner would refuse for its size is refused now, with its reason.
        guard payload.count <= SharedDocument.largestBody else { return try await again("federation_error_too_large") }
        do {
            _ = try await services.outbox.enqueue(.init(
                peerID: peer.id, councilID: council.id, documentID: document.id, kind: chosen.kind.rawValue, title: item.title,
                recipient: document.recipient, payload: String(decoding: payload, as: UTF8.self)),
                at: services.clock.now().timeIntervalSince1970)
        } catch StoreError.stateChanged {
            return try await again("federation_error_peer", .conflict)
        }
        return .redirect(to: SiteURL.with(FederationPaths.council.url(council.slug), notice: "saved"), type: .normal)
    }

    @Sendable func received(_ request: Request, context: AppContext) async throws -> HTML {
        let scope = try context.inCouncil()
        try pages.require(InstanceLinkRules.mayRead(scope.actor), context)
        let council = scope.council, format = Formatting(language: context.language, council: council)
        guard let id = context.parameters.get("id", as: Int64.self), let document = try await services.inbox.find(id: id, councilID: council.id)
        else { throw PageError.notFound }
        let model = FederationReceivedPage(
            title: document.title, language: document.language, direction: document.language == "ar" ? "rtl" : "ltr",
            kind: pages.text("federation_kind_\(document.kind)", context),
            from: Self.sender(document, pages: pages, context: context),
            instance: document.senderInstance,
            shared: pages.text("federation_shared_on", context, ["date": format.dateTime(Date(timeIntervalSince1970: document.sharedAt))]),
            received: pages.text("federation_received_on", context, ["date": format.dateTime(Date(timeIntervalSince1970: document.receivedAt))]),
            detail: document.detail.isEmpty ? nil : document.detail, summary: document.summary.isEmpty ? nil : document.summary,
            body: document.body.isEmpty ? nil : document.body, originalURL: document.url, backURL: FederationPaths.council.url(council.slug))
        return try await pages.page("federation-received", title: document.title, request: request, context: context, council: council,
                                    typed: model)
    }
}
