import CouncilWork
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// The documents of a work item's dossier: added by the secretariat or a rapporteur until publication, read by
/// whoever may see the work item.
struct WorkAttachmentRoutes {
    let services: WorkServices
    let pages: Pages
    static let ownerKind = "work"

    var transfer: AttachmentTransfer {
        AttachmentTransfer(files: services.files, attachments: services.attachments, clock: services.clock, uploadLimit: services.uploadLimit,
                           uploadQuota: services.uploadQuota)
    }

    func register(in council: PathRegistrar) {
        council.post(WorkPaths.attachments, use: add)
        council.get(WorkPaths.attachment, use: download)
        council.post(WorkPaths.attachmentDelete, use: remove)
    }

    /// The work item, as far as the rules need it.
    func gate(_ context: AppContext) async throws -> WorkGate {
        try await WorkGate.load(services: services, context: context)
    }

    func back(_ dossier: WorkGate, notice: String) -> Response {
        .redirect(to: SiteURL.with(WorkPaths.item.url(dossier.council.slug, dossier.work.id), notice: notice) + "#documents", type: .normal)
    }

    /// The right is checked before a byte of the file is read, and again once it is all in.
    @Sendable func add(_ request: Request, context: AppContext) async throws -> Response {
        try pages.require(try await gate(context).decide(.attachDocument), context)
        var dossier: WorkGate?
        try await transfer.add(request, context: context, pages: pages, ownerKind: Self.ownerKind) {
            // From the store as it is now: the work item may have been published, or the seat ended, meanwhile.
            let scope = try await CouncilScope.resolve(try context.inCouncil().council, account: context.account, memberships: services.memberships)
            guard let id = context.parameters.get("id", as: Int64.self) else { throw PageError.notFound }
            let current = try await WorkGate.load(id: id, services: services, scope: scope)
            try pages.require(current.decide(.attachDocument), context)
            dossier = current
            return (current.council.id, current.work.id)
        }
        guard let dossier else { throw PageError.notFound }
        return back(dossier, notice: "saved")
    }

    /// Whoever may see the work item may read its documents, a partner council it is shared with among them.
    @Sendable func download(_ request: Request, context: AppContext) async throws -> Response {
        let dossier = try await WorkGate.load(services: services, context: context, partnerReads: true)
        guard let id = context.parameters.get("attachment", as: Int64.self),
              let attachment = try await services.attachments.find(id: id, councilID: dossier.council.id, ownerKind: Self.ownerKind,
                                                                   ownerID: dossier.work.id)
        else { throw PageError.notFound }
        return try await transfer.download(attachment, context: context)
    }

    @Sendable func remove(_ request: Request, context: AppContext) async throws -> Response {
        let dossier = try await gate(context)
        try pages.require(dossier.decide(.removeDocument), context)
        guard let id = context.parameters.get("attachment", as: Int64.self),
              let attachment = try await services.attachments.find(id: id, councilID: dossier.council.id, ownerKind: Self.ownerKind,
                                                                   ownerID: dossier.work.id)
        else { throw PageError.notFound }
        try await transfer.remove(attachment, councilID: dossier.council.id)
        return back(dossier, notice: "deleted")
    }
}
