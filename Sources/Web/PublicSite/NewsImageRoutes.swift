import Foundation
import HemicycleDomain
import Hummingbird
import PublicSite
import Storage

/// Images for the council's posts: the writers upload them (PNG, JPEG or WebP, typed from their bytes, within the
/// upload limit and the daily quota) with their alternative text, and paste the element the library gives them; the
/// image is then served by its content's digest, which nobody guesses, to whoever reads the post.
struct NewsImageRoutes {
    let services: NewsServices
    let pages: Pages

    static let kind = "news"
    static let types: Set<DocumentType> = [.png, .jpeg, .webp]

    func register(in council: PathRegistrar) {
        council.get(NewsPaths.images, use: library)
        council.post(NewsPaths.images, use: upload)
        council.get(NewsPaths.image, use: image)
    }

    var transfer: AttachmentTransfer {
        AttachmentTransfer(files: services.files, attachments: services.attachments, clock: services.clock, uploadLimit: services.uploadLimit,
                           uploadQuota: services.uploadQuota)
    }

    static func url(_ council: Council, _ attachment: Attachment) -> String {
        let type = DocumentType.allCases.first { $0.mediaType == attachment.mediaType } ?? .png
        return NewsPaths.image.url(council.slug, "\(attachment.digest).\(type.fileExtension)")
    }

    @Sendable func library(_ request: Request, context: AppContext) async throws -> HTML {
        let scope = try context.inCouncil()
        try pages.require(NewsRules.decide(.create, by: try NewsRoutes.actor(context), status: .draft), context)
        let format = Formatting(language: context.language, council: scope.council)
        let images = try await services.attachments.all(councilID: scope.council.id, ownerKind: Self.kind, ownerID: scope.council.id).reversed()
            .map { attachment in
                let url = Self.url(scope.council, attachment)
                return NewsImagesPage.Image(url: url, alt: attachment.title,
                                            snippet: "<img src=\"\(url)\" alt=\"\(attachment.title.replacingOccurrences(of: "\"", with: "&quot;"))\">",
                                            date: format.date(Date(timeIntervalSince1970: attachment.createdAt)))
            }
        let model = NewsImagesPage(
            images: images, hasImages: !images.isEmpty, action: NewsPaths.images.url(scope.slug),
            limit: pages.text("news_images_limit", context, ["size": format.number(services.uploadLimit / 1_048_576)]),
            backURL: NewsPaths.list.url(scope.slug))
        return try await pages.page("news-images", title: pages.text("news_images_title", context), request: request, context: context,
                                    council: scope.council, typed: model)
    }

    @Sendable func upload(_ request: Request, context: AppContext) async throws -> Response {
        let scope = try context.inCouncil()
        // The right is checked before a byte is read, and again once the file is in.
        let decide = { NewsRules.decide(.create, by: try NewsRoutes.actor(context), status: .draft) }
        try pages.require(try decide(), context)
        try await transfer.add(request, context: context, pages: pages, ownerKind: Self.kind, types: Self.types, typeRefusal: "news_error_image_type",
                               titleRequired: "news_error_image_alternative") {
            try pages.require(try decide(), context)
            return (scope.council.id, scope.council.id)
        }
        return .redirect(to: SiteURL.with(NewsPaths.images.url(scope.slug), notice: "saved"), type: .normal)
    }

    /// The image, typed, never sniffed, kept by caches for good (its address is its content).
    @Sendable func image(_ request: Request, context: AppContext) async throws -> Response {
        let scope = try context.inCouncil()
        guard let name = context.parameters.get("name"), let dot = name.firstIndex(of: "."),
              let attachment = try await services.attachments.find(digest: String(name[..<dot]), councilID: scope.council.id, ownerKind: Self.kind,
                                                                   ownerID: scope.council.id),
              Self.url(scope.council, attachment) == NewsPaths.image.url(scope.slug, name),
              let type = DocumentType.allCases.first(where: { $0.mediaType == attachment.mediaType }), Self.types.contains(type)
        else { throw PageError.notFound }
        let body = try await FileIO().loadFile(path: services.files.path(of: attachment.digest), context: context)
        return Response(status: .ok, headers: [
            .contentType: type.mediaType, .contentLength: String(attachment.size), .init("X-Content-Type-Options")!: "nosniff",
            .contentSecurityPolicy: "default-src 'none'; sandbox", .cacheControl: "public, max-age=31536000, immutable",
        ], body: body)
    }
}
