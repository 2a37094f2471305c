import Foundation
import Organisation
import Storage

/// What leaves OParl when a public sitting stops being public (moved to another body): the meeting, its agenda items
/// and its documents, recorded as deleted for OParl's clients.
enum OParlWithdrawal {
    static func sitting(_ sitting: SittingRecord, councilID: Int64, slug: String, services: CouncilSittingServices, at: Double) async throws {
        let deletions = services.oparlDeletions
        try await deletions.record(councilID: councilID, kind: "meetings", key: "\(sitting.id)", createdAt: sitting.createdAt, at: at)
        for (index, item) in try await services.sittings.items(sittingID: sitting.id).enumerated() {
            try await deletions.record(councilID: councilID, kind: "agendaItems", key: "\(item.id)", createdAt: sitting.createdAt, at: at,
                                       order: index + 1)
        }
        for document in try await services.attachments.all(councilID: councilID, ownerKind: CouncilSittingServices.documentOwner, ownerID: sitting.id) {
            try await deletions.record(councilID: councilID, kind: "files", key: "sitting-document-\(document.id)", createdAt: document.createdAt,
                                       at: at, address: CouncilSittingPaths.document.url(slug, sitting.id, document.id))
        }
    }
}
