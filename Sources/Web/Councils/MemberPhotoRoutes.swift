import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// Members' photos as stored: taken away with the seat that ends and the account that is erased (a photo is
/// personal data).
struct MemberPhotos: Sendable {
    let transfer: AttachmentTransfer
    let attachments: AttachmentRepository

    init(site: Site) {
        attachments = site.attachments
        transfer = AttachmentTransfer(files: site.files, attachments: site.attachments, clock: site.clock,
                                      uploadLimit: site.configuration.uploadLimit, uploadQuota: site.configuration.uploadQuota)
    }

    /// Removes every photo of the seat, bytes included unless another attachment holds them.
    func removeAll(_ membership: Membership) async throws {
        for attachment in try await attachments.all(councilID: membership.councilId, ownerKind: MemberPhotoRoutes.kind, ownerID: membership.id) {
            try await transfer.remove(attachment, councilID: membership.councilId)
        }
    }
}

/// A member's photo, optional: the secretariat uploads it on the member's administration page (PNG, JPEG or WebP,
/// typed from its bytes, within the upload limit and the daily quota; a new one replaces the last) or takes it away;
/// a sitting member's public page shows it, served by its content's digest.
struct MemberPhotoRoutes {
    let photos: MemberPhotos
    let memberships: MembershipRepository
    let pages: Pages

    var transfer: AttachmentTransfer { photos.transfer }
    var attachments: AttachmentRepository { photos.attachments }

    static let kind = "member_photo"
    static let types: Set<DocumentType> = [.png, .jpeg, .webp]

    init(site: Site) {
        photos = MemberPhotos(site: site)
        memberships = site.memberships
        pages = site.pages
    }

    func register(in council: PathRegistrar) {
        council.post(AdminPaths.memberPhoto, use: upload)
        council.post(AdminPaths.memberPhotoDelete, use: remove)
        council.get(CouncilPaths.memberPhoto, use: photo)
    }

    /// The seat's current photo: the last uploaded.
    static func current(_ attachments: AttachmentRepository, membership: Membership) async throws -> Attachment? {
        try await attachments.all(councilID: membership.councilId, ownerKind: kind, ownerID: membership.id).max { $0.id < $1.id }
    }

    static func url(_ council: Council, _ membership: Membership, _ attachment: Attachment) -> String {
        let type = DocumentType.allCases.first { $0.mediaType == attachment.mediaType } ?? .png
        return CouncilPaths.memberPhoto.url(council.slug, membership.id, "\(attachment.digest).\(type.fileExtension)")
    }

    /// The seat the route names in its council, for someone who manages the council's people: to upload, a current
    /// seat in the assembly (only they have a public page); to take a photo away, any seat.
    func seat(_ context: AppContext, toUpload: Bool = true) async throws -> (council: Council, membership: Membership) {
        let council = try context.inCouncil().council
        _ = try pages.authorize(.manageMemberships, context)
        guard let id = context.parameters.get("id", as: Int64.self), let membership = try await memberships.find(id: id, councilID: council.id)
        else { throw PageError.notFound }
        if toUpload, !membership.sits { throw PageError(.conflict, "member_photo_error_seat") }
        return (council, membership)
    }

    @Sendable func upload(_ request: Request, context: AppContext) async throws -> Response {
        // The right is checked before a byte is read, and again once the file is in.
        let (council, membership) = try await seat(context)
        let previous = try await attachments.all(councilID: council.id, ownerKind: Self.kind, ownerID: membership.id)
        try await transfer.add(request, context: context, pages: pages, ownerKind: Self.kind, types: Self.types, typeRefusal: "news_error_image_type") {
            let again = try await seat(context)
            return (again.council.id, again.membership.id)
        }
        // The new photo is in: the ones before it go.
        for attachment in previous { try await transfer.remove(attachment, councilID: council.id) }
        return .redirect(to: SiteURL.with(AdminPaths.member.url(council.slug, membership.id), notice: "saved"), type: .normal)
    }

    @Sendable func remove(_ request: Request, context: AppContext) async throws -> Response {
        let (council, membership) = try await seat(context, toUpload: false)
        try await photos.removeAll(membership)
        return .redirect(to: SiteURL.with(AdminPaths.member.url(council.slug, membership.id), notice: "deleted"), type: .normal)
    }

    /// The photo of a sitting member (whose page is public), typed, never sniffed, kept by caches for good (its address
    /// is its content).
    @Sendable func photo(_ request: Request, context: AppContext) async throws -> Response {
        let council = try context.inCouncil().council
        guard let id = context.parameters.get("id", as: Int64.self), let name = context.parameters.get("name"), let dot = name.firstIndex(of: "."),
              let membership = try await memberships.find(id: id, councilID: council.id), membership.sits,
              let attachment = try await attachments.find(digest: String(name[..<dot]), councilID: council.id, ownerKind: Self.kind, ownerID: membership.id),
              Self.url(council, membership, attachment) == CouncilPaths.memberPhoto.url(council.slug, membership.id, name),
              let type = DocumentType.allCases.first(where: { $0.mediaType == attachment.mediaType }), Self.types.contains(type)
        else { throw PageError.notFound }
        let body = try await FileIO().loadFile(path: transfer.files.path(of: attachment.digest), context: context)
        return Response(status: .ok, headers: [
            .contentType: type.mediaType, .contentLength: String(attachment.size), .init("X-Content-Type-Options")!: "nosniff",
            .contentSecurityPolicy: "default-src 'none'; sandbox", // A day: a photo taken away leaves the caches within it.
            .cacheControl: "public, max-age=86400",
        ], body: body)
    }
}
