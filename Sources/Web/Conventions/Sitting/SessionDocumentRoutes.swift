import Conventions
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// A session's documents (the programme's papers, the experts' slides, the working groups' notes): added and removed
/// by the secretariat while the convention sits, read by anyone who may see its sessions. They are kept in the file
/// store as a work item's documents are.
struct SessionDocumentRoutes {
    let services: ConventionServices
    let pages: Pages
    static let ownerKind = "convention_session"

    var transfer: AttachmentTransfer {
        AttachmentTransfer(files: services.files, attachments: services.attachments, clock: services.clock, uploadLimit: services.uploadLimit,
                           uploadQuota: services.uploadQuota)
    }

    func register(in council: PathRegistrar) {
        council.post(SittingPaths.documents, use: add)
        council.get(SittingPaths.document, use: download)
        council.post(SittingPaths.documentDelete, use: remove)
    }

    /// The session named by the route, in the route's convention.
    func session(_ gate: ConventionGate, _ context: AppContext) async throws -> ConventionSessionRecord {
        guard let id = context.parameters.get("session", as: Int64.self),
              let session = try await services.sittings.session(id: id, conventionID: gate.record.id)
        else { throw PageError.notFound }
        return session
    }

    /// The document named by the route, attached to one of the convention's sessions.
    func document(_ gate: ConventionGate, _ context: AppContext) async throws -> (Attachment, ConventionSessionRecord) {
        guard let id = context.parameters.get("document", as: Int64.self) else { throw PageError.notFound }
        for session in try await services.sittings.sessions(conventionID: gate.record.id) {
            if let document = try await services.attachments.find(id: id, councilID: gate.council.id, ownerKind: Self.ownerKind, ownerID: session.id) {
                return (document, session)
            }
        }
        throw PageError.notFound
    }

    func back(_ gate: ConventionGate, _ session: ConventionSessionRecord, notice: String) -> Response {
        .redirect(to: SiteURL.with(SittingPaths.sessions.url(gate.council.slug, gate.record.id), notice: notice) + "#session-\(session.number)",
                  type: .normal)
    }

    /// The right is checked before a byte of the file is read, and again once it is all in (the convention may have
    /// reported meanwhile).
    @Sendable func add(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await SittingRoutes.gate(services, context)
        try pages.require(gate.decide(.manageSessions), context)
        let session = try await session(gate, context)
        // Checked again once the file is in, and once more in the transaction that records it.
        try await gate.write {
            try await transfer.add(request, context: context, pages: pages, ownerKind: Self.ownerKind,
                                   check: .conventionSession(conventionID: gate.record.id, councilID: gate.council.id)) {
                let current = try await SittingRoutes.gate(services, context)
                try pages.require(current.decide(.manageSessions), context)
                return (current.council.id, session.id)
            }
        }
        return back(gate, session, notice: "saved")
    }

    @Sendable func download(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await SittingRoutes.gate(services, context)
        let (document, _) = try await document(gate, context)
        return try await transfer.download(document, context: context)
    }

    @Sendable func remove(_ request: Request, context: AppContext) async throws -> Response {
        let gate = try await SittingRoutes.gate(services, context)
        try pages.require(gate.decide(.manageSessions), context)
        let (document, session) = try await document(gate, context)
        try await gate.write {
            try await transfer.remove(document, councilID: gate.council.id,
                                      check: .conventionSession(conventionID: gate.record.id, councilID: gate.council.id))
        }
        return back(gate, session, notice: "deleted")
    }
}
