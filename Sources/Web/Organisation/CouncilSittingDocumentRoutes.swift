import Foundation
import HemicycleDomain
import Hummingbird
import Organisation
import Storage

/// A sitting's documents (convocation papers, reports, tables of amendments): read by whoever reads the sitting (a
/// plenary sitting's by everyone, a commission's or the bureau's by the council's people); added and removed by the
/// secretariat while the sitting is not cancelled.
struct CouncilSittingDocumentRoutes {
    let services: CouncilSittingServices
    let pages: Pages
    let routes: CouncilSittingRoutes

    func register(in council: PathRegistrar) {
        council.post(CouncilSittingPaths.documents, use: add)
        council.get(CouncilSittingPaths.document, use: document)
        council.post(CouncilSittingPaths.documentDelete, use: remove)
    }

    /// The right is checked before a byte is read, again once the file is in (a long upload may outlast it, or the
    /// sitting), and once more in the transaction that records it.
    @Sendable func add(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, sitting) = try await routes.sitting(context)
        try pages.require(SittingRules.decide(scope.actor, .keep), context)
        guard SittingRules.mayChange(SittingStatus(rawValue: sitting.status) ?? .planned).isAllowed else { throw PageError(.conflict, "sitting_error_cancelled") }
        do {
            try await services.transfer.add(request, context: context, pages: pages, ownerKind: CouncilSittingServices.documentOwner,
                                            check: .councilSitting(councilID: scope.council.id)) {
                let current = try await CouncilScope.resolve(scope.council, account: context.account, memberships: services.memberships)
                try pages.require(SittingRules.decide(current.actor, .keep), context)
                guard try await services.sittings.find(id: sitting.id, councilID: scope.council.id) != nil else { throw PageError.notFound }
                return (scope.council.id, sitting.id)
            }
        } catch StoreError.notFound {
            // Cancelled or gone while the file came in: nothing was kept.
            throw PageError.notFound
        }
        // The meeting OParl shows has changed: its clients following `modified_since` see it.
        try await services.sittings.touch(id: sitting.id, councilID: scope.council.id, at: services.clock.now().timeIntervalSince1970)
        return .redirect(to: SiteURL.with(CouncilSittingPaths.item.url(scope.slug, sitting.id), notice: "saved") + "#documents", type: .normal)
    }

    @Sendable func document(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, sitting) = try await routes.sitting(context)
        guard let id = context.parameters.get("attachment", as: Int64.self),
              let attachment = try await services.attachments.find(id: id, councilID: scope.council.id, ownerKind: CouncilSittingServices.documentOwner,
                                                                   ownerID: sitting.id)
        else { throw PageError.notFound }
        return try await services.transfer.download(attachment, context: context)
    }

    @Sendable func remove(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, sitting) = try await routes.sitting(context)
        try pages.require(SittingRules.decide(scope.actor, .keep), context)
        guard let id = context.parameters.get("attachment", as: Int64.self),
              let attachment = try await services.attachments.find(id: id, councilID: scope.council.id, ownerKind: CouncilSittingServices.documentOwner,
                                                                   ownerID: sitting.id)
        else { throw PageError.notFound }
        // Told first: OParl lists a deletion only while the file is gone, so a removal that fails leaves the file listed.
        if sitting.body == SittingBody.plenary.rawValue {
            try await services.oparlDeletions.record(councilID: scope.council.id, kind: "files", key: "sitting-document-\(attachment.id)",
                                                     createdAt: attachment.createdAt, at: services.clock.now().timeIntervalSince1970,
                                                     address: CouncilSittingPaths.document.url(scope.slug, sitting.id, attachment.id))
        }
        try await services.transfer.remove(attachment, councilID: scope.council.id)
        try await services.sittings.touch(id: sitting.id, councilID: scope.council.id, at: services.clock.now().timeIntervalSince1970)
        return .redirect(to: SiteURL.with(CouncilSittingPaths.item.url(scope.slug, sitting.id), notice: "deleted") + "#documents", type: .normal)
    }
}
