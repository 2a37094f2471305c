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
        let upload = try await MultipartUpload.read(request, context: context, store: services.files, limit: services.uploadLimit)
        guard let file = upload.file, let fileName = upload.fileName else { throw PageError(.unprocessableContent, "document_error_missing") }
        // A long upload may outlast the right (the work item published, the seat ended): asked again once it is in,
        // from the store as it is now.
        let dossier: WorkGate
        do {
            let scope = try await CouncilScope.resolve(try context.inCouncil().council, account: context.account, memberships: services.memberships)
            guard let id = context.parameters.get("id", as: Int64.self) else { throw PageError.notFound }
            dossier = try await WorkGate.load(id: id, services: services, scope: scope)
            try pages.require(dossier.decide(.attachDocument), context)
        } catch {
            services.files.discard(file)
            throw error
        }
        guard file.size > 0, let type = DocumentType.detect(head: file.head, tail: file.tail) else {
            services.files.discard(file)
            throw PageError(.unsupportedMediaType, "document_error_type")
        }
        let title = Self.title(upload.fields["title"] ?? "")
        let name = Self.safeName(fileName, type: type)
        let digest = try services.files.keep(file)
        _ = try await services.attachments.attach(
            councilID: dossier.council.id, ownerKind: Self.ownerKind, ownerID: dossier.work.id, digest: digest, mediaType: type.mediaType,
            size: Int64(file.size), fileName: name, title: title.isEmpty ? name : title, accountID: context.account?.id,
            at: services.clock.now().timeIntervalSince1970)
        return back(dossier, notice: "saved")
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
              try await services.attachments.find(id: id, councilID: dossier.council.id, ownerKind: Self.ownerKind, ownerID: dossier.work.id) != nil
        else { throw PageError.notFound }
        if let unused = try await services.attachments.remove(id: id, councilID: dossier.council.id) {
            try services.files.remove(digest: unused)
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
