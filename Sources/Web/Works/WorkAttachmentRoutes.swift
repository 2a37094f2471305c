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

    /// The right is checked before a byte of the file is read; the type from the bytes once it is all there.
    @Sendable func add(_ request: Request, context: AppContext) async throws -> Response {
        try pages.require(try await gate(context).decide(.attachDocument), context)
        // What the account may still attach today; nothing is read once it is used up.
        let account = try pages.requireAccount(context)
        let since = services.clock.now().timeIntervalSince1970 - 86_400
        let quota = Int64(services.uploadQuota)
        guard try await services.attachments.bytesAttached(byAccount: account.id, since: since) < quota else {
            throw Self.quotaReached(services.uploadQuota)
        }
        let upload = try await MultipartUpload.read(request, context: context, store: services.files, limit: services.uploadLimit)
        guard let file = upload.file, let fileName = upload.fileName else { throw PageError(.unprocessableContent, "document_error_missing") }
        // Until the file is kept, any refusal leaves nothing behind.
        let dossier: WorkGate, type: DocumentType, digest: String
        do {
            // A long upload may outlast the right (the work item published, the seat ended): asked again once it is
            // in, from the store as it is now.
            let scope = try await CouncilScope.resolve(try context.inCouncil().council, account: context.account, memberships: services.memberships)
            guard let id = context.parameters.get("id", as: Int64.self) else { throw PageError.notFound }
            dossier = try await WorkGate.load(id: id, services: services, scope: scope)
            try pages.require(dossier.decide(.attachDocument), context)
            guard file.size > 0, let detected = DocumentType.detect(head: file.head, tail: file.tail) else {
                throw PageError(.unsupportedMediaType, "document_error_type")
            }
            type = detected
            digest = try file.finish()
        } catch {
            services.files.discard(file)
            throw error
        }
        let title = Self.title(upload.fields["title"] ?? "")
        let name = Self.safeName(fileName, type: type)
        let services = services, councilID = dossier.council.id, workID = dossier.work.id, accountID = account.id
        let quotaCheck = AttachmentRepository.Quota(accountID: account.id, since: since, bytes: quota)
        do {
            try await services.files.withContent(digest) {
                do { _ = try services.files.keep(file) } catch {
                    services.files.discard(file)
                    throw error
                }
                do {
                    _ = try await services.attachments.attach(
                        councilID: councilID, ownerKind: Self.ownerKind, ownerID: workID, digest: digest, mediaType: type.mediaType,
                        size: Int64(file.size), fileName: name, title: title.isEmpty ? name : title, accountID: accountID,
                        quota: quotaCheck, at: services.clock.now().timeIntervalSince1970)
                } catch {
                    // Kept but not recorded: the bytes go unless another attachment holds them.
                    if (try? await services.attachments.isReferenced(digest: digest)) == false { try? services.files.remove(digest: digest) }
                    throw error
                }
            }
        } catch is AttachmentRepository.QuotaExceeded {
            throw Self.quotaReached(services.uploadQuota)
        }
        return back(dossier, notice: "saved")
    }

    static func quotaReached(_ quota: Int) -> PageError {
        PageError(.tooManyRequests, "error_upload_quota", ["size": "\(quota / 1_048_576)"])
    }

    /// The file, with its own type, its name, and no sniffing; whoever may see the work item may read it.
    @Sendable func download(_ request: Request, context: AppContext) async throws -> Response {
        let dossier = try await gate(context)
        guard let id = context.parameters.get("attachment", as: Int64.self),
              let attachment = try await services.attachments.find(id: id, councilID: dossier.council.id, ownerKind: Self.ownerKind,
                                                                   ownerID: dossier.work.id),
              let type = DocumentType.allCases.first(where: { $0.mediaType == attachment.mediaType })
        else { throw PageError.notFound }
        let body = try await FileIO().loadFile(path: services.files.path(of: attachment.digest), context: context)
        let disposition = type.showsInline ? "inline" : "attachment"
        return Response(status: .ok, headers: [
            .contentType: type.mediaType, .contentLength: String(attachment.size),
            .contentDisposition: "\(disposition); filename=\"\(Self.asciiName(attachment.fileName))\"; filename*=UTF-8''\(Self.encoded(attachment.fileName))",
            .init("X-Content-Type-Options")!: "nosniff", .contentSecurityPolicy: "default-src 'none'; sandbox",
            .cacheControl: "private, no-cache",
        ], body: body)
    }

    @Sendable func remove(_ request: Request, context: AppContext) async throws -> Response {
        let dossier = try await gate(context)
        try pages.require(dossier.decide(.removeDocument), context)
        guard let id = context.parameters.get("attachment", as: Int64.self),
              let attachment = try await services.attachments.find(id: id, councilID: dossier.council.id, ownerKind: Self.ownerKind,
                                                                   ownerID: dossier.work.id)
        else { throw PageError.notFound }
        let services = services, councilID = dossier.council.id
        try await services.files.withContent(attachment.digest) {
            // The removal is recorded; bytes that cannot be deleted now are only left on disk, never shown again.
            if let unused = try await services.attachments.remove(id: id, councilID: councilID) {
                try? services.files.remove(digest: unused)
            }
        }
        return back(dossier, notice: "deleted")
    }

    /// The name the file is served under: the sender's, without any folder, control character or quote, ending
    /// with the extension of its real type.
    static func safeName(_ name: String, type: DocumentType) -> String {
        let base = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var cleaned = String(base.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F && $0 != "\"" }.map(Character.init))
            .trimmingCharacters(in: .whitespaces)
        if let dot = cleaned.lastIndex(of: ".") { cleaned = String(cleaned[..<dot]) }
        if cleaned.isEmpty { cleaned = "document" }
        return String(cleaned.prefix(120)) + "." + type.fileExtension
    }

    /// A title on one line, without control characters, at most 200 characters.
    static func title(_ raw: String) -> String {
        String(String(raw.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
            .trimmingCharacters(in: .whitespacesAndNewlines).prefix(200))
    }

    static func asciiName(_ name: String) -> String {
        String(name.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
    }

    static func encoded(_ name: String) -> String {
        name.addingPercentEncoding(withAllowedCharacters: PathPattern.segmentAllowed) ?? "document"
    }
}
