import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// Documents attached to something a council owns (a work item's dossier, a convention's session), whoever owns
/// them: the upload read once its sender may send it, typed from its bytes, kept in the file store under the
/// account's daily quota; served with its own type and name; removed with its bytes once nothing else holds them.
struct AttachmentTransfer: Sendable {
    let files: any FileStore
    let attachments: AttachmentRepository
    let clock: any WallClock
    let uploadLimit: Int
    let uploadQuota: Int

    /// Reads the upload of the signed-in account (whose right the route checked before a byte was read), then asks
    /// `owner` again once it is all in: a long upload may outlast the right. `owner` returns the council and the
    /// owner's id, or throws the refusal; any refusal leaves nothing behind.
    /// `types` are those the owner takes (all by default); `typeRefusal` is the sentence for any other. With
    /// `titleRequired`, a file sent without a title is refused with that sentence (an image without its alternative text).
    func add(_ request: Request, context: AppContext, pages: Pages, ownerKind: String, check: AttachmentOwnerCheck? = nil,
             types: Set<DocumentType> = Set(DocumentType.allCases), typeRefusal: String = "document_error_type", titleRequired: String? = nil,
             owner: () async throws -> (councilID: Int64, ownerID: Int64)) async throws {
        // What the account may still attach today; nothing is read once it is used up.
        let account = try pages.requireAccount(context)
        let since = clock.now().timeIntervalSince1970 - 86_400
        let quota = Int64(uploadQuota)
        guard try await attachments.bytesAttached(byAccount: account.id, since: since) < quota else { throw Self.quotaReached(uploadQuota) }
        let upload = try await MultipartUpload.read(request, context: context, store: files, limit: uploadLimit)
        guard let file = upload.file, let fileName = upload.fileName else { throw PageError(.unprocessableContent, "document_error_missing") }
        let owned: (councilID: Int64, ownerID: Int64), type: DocumentType, digest: String
        do {
            owned = try await owner()
            guard file.size > 0, let detected = DocumentType.detect(head: file.head, tail: file.tail), types.contains(detected) else {
                throw PageError(.unsupportedMediaType, typeRefusal)
            }
            type = detected
            if let titleRequired, Self.title(upload.fields["title"] ?? "").isEmpty { throw PageError(.unprocessableContent, titleRequired) }
            digest = try file.finish()
        } catch {
            files.discard(file)
            throw error
        }
        let title = Self.title(upload.fields["title"] ?? "")
        let name = Self.safeName(fileName, type: type)
        let files = files, attachments = attachments, clock = clock, accountID = account.id
        let quotaCheck = AttachmentRepository.Quota(accountID: account.id, since: since, bytes: quota)
        do {
            try await files.withContent(digest) {
                do { _ = try files.keep(file) } catch {
                    files.discard(file)
                    throw error
                }
                do {
                    _ = try await attachments.attach(
                        councilID: owned.councilID, ownerKind: ownerKind, ownerID: owned.ownerID, digest: digest, mediaType: type.mediaType,
                        size: Int64(file.size), fileName: name, title: title.isEmpty ? name : title, accountID: accountID,
                        quota: quotaCheck, check: check, at: clock.now().timeIntervalSince1970)
                } catch {
                    // Kept but not recorded: the bytes go unless another attachment holds them.
                    if (try? await attachments.isReferenced(digest: digest)) == false { try? files.remove(digest: digest) }
                    throw error
                }
            }
        } catch is AttachmentRepository.QuotaExceeded {
            throw Self.quotaReached(uploadQuota)
        }
    }

    /// The file, with its own type, its name, and no sniffing.
    func download(_ attachment: Attachment, context: AppContext) async throws -> Response {
        guard let type = DocumentType.allCases.first(where: { $0.mediaType == attachment.mediaType }) else { throw PageError.notFound }
        let body = try await FileIO().loadFile(path: files.path(of: attachment.digest), context: context)
        let disposition = type.showsInline ? "inline" : "attachment"
        return Response(status: .ok, headers: [
            .contentType: type.mediaType, .contentLength: String(attachment.size),
            .contentDisposition: "\(disposition); filename=\"\(Self.asciiName(attachment.fileName))\"; filename*=UTF-8''\(Self.encoded(attachment.fileName))",
            .init("X-Content-Type-Options")!: "nosniff", .contentSecurityPolicy: "default-src 'none'; sandbox",
            .cacheControl: "private, no-cache",
        ], body: body)
    }

    /// Removes the attachment; its bytes go when no other attachment holds them.
    func remove(_ attachment: Attachment, councilID: Int64, check: AttachmentOwnerCheck? = nil) async throws {
        let files = files, attachments = attachments
        try await files.withContent(attachment.digest) {
            // The removal is recorded; bytes that cannot be deleted now are only left on disk, never shown again.
            if let unused = try await attachments.remove(id: attachment.id, councilID: councilID, check: check) {
                try? files.remove(digest: unused)
            }
        }
    }

    static func quotaReached(_ quota: Int) -> PageError {
        PageError(.tooManyRequests, "error_upload_quota", ["size": "\(quota / 1_048_576)"])
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
