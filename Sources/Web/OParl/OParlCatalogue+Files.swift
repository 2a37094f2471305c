import Foundation
import HemicycleDomain
import Organisation
import Storage

extension OParlCatalogue {
    /// OParl's type of the objects in each list.
    static let types = ["organizations": "Organization", "persons": "Person", "memberships": "Membership", "meetings": "Meeting",
                        "agendaItems": "AgendaItem", "papers": "Paper", "files": "File", "legislativeTerms": "LegislativeTerm"]

    /// The public (plenary) sittings, in order of id.
    func plenarySittings(services: OParlServices) async throws -> [SittingRecord] {
        try await services.sittings.all(councilID: council.id, body: SittingBody.plenary.rawValue).sorted { $0.id < $1.id }
    }

    /// The documents attached to `sittings` (the public ones), as files of their meeting, by sitting: one query.
    func sittingDocuments(_ sittings: [SittingRecord], services: OParlServices) async throws -> [(sitting: Int64, value: [OParlEntry])] {
        let all = Dictionary(grouping: try await services.sittingServices.attachments.all(councilID: council.id,
                                                                                          ownerKind: CouncilSittingServices.documentOwner),
                             by: \.ownerID)
        var result: [(sitting: Int64, value: [OParlEntry])] = []
        for sitting in sittings {
            guard let attachments = all[sitting.id] else { continue }
            result.append((sitting.id, attachments.sorted { $0.id < $1.id }.map { attachment in
                let key = "sitting-document-\(attachment.id)"
                let address = base + CouncilSittingPaths.document.url(council.slug, sitting.id, attachment.id)
                return OParlEntry(path: key, created: attachment.createdAt, modified: attachment.createdAt, value: OParlFile(
                    id: url("files", key), name: attachment.title.isEmpty ? attachment.fileName : attachment.title, fileName: attachment.fileName,
                    mimeType: attachment.mediaType, accessUrl: address, downloadUrl: address, paper: nil,
                    created: Self.dateTime(attachment.createdAt), modified: Self.dateTime(attachment.createdAt),
                    meeting: [url("meetings", "\(sitting.id)")], size: attachment.size))
            }))
        }
        return result
    }

    /// The objects of `kind` OParl showed and that were deleted since, but those whose key is in use again.
    func deleted(_ kind: String, except present: Set<String>, services: OParlServices) async throws -> [OParlEntry] {
        guard let type = Self.types[kind] else { return [] }
        return try await services.deletions.all(councilID: council.id, kind: kind).filter { !present.contains($0.objectKey) }.map { deletion in
            OParlEntry(path: deletion.objectKey, created: deletion.createdAt, modified: deletion.deletedAt, value: OParlDeleted(
                id: url(kind, deletion.objectKey), type: OParlType.of(type), created: deletion.createdAt.map(Self.dateTime),
                modified: Self.dateTime(deletion.deletedAt), order: deletion.order, accessUrl: deletion.address.map { base + $0 }))
        }
    }
}
