import Foundation
import HemicycleDomain
import Hummingbird
import PublicSite
import Storage

struct NewsSummaryDTO: Codable, Sendable {
    let id: Int64
    /// The number of the post's first version: translations share it.
    let group: Int64
    let language: String
    let category: String
    let title: String
    let summary: String
    let publishedAt: String
    let url: String
}

struct NewsTranslationDTO: Codable, Sendable {
    let id: Int64
    let language: String
    let url: String
}

struct NewsPostDTO: Codable, Sendable {
    let summary: NewsSummaryDTO
    /// HTML, cleaned to the allow-list when it was written.
    let body: String
    let translations: [NewsTranslationDTO]
}

/// `/api/v1/{council}/news` and `/api/v1/{council}/news/{id}`: the council's public posts, every language, newest
/// first; a post that is not public is never in the API.
struct NewsAPI {
    let services: NewsServices

    static let limit = 100

    static let operations: [(method: String, path: String)] = [
        ("get", "/api/v1/{council}/news"),
        ("get", "/api/v1/{council}/news/{id}"),
    ]

    func register(in council: PathRegistrar) {
        council.get(APIPaths.news, use: list)
        council.get(APIPaths.newsPost, use: post)
    }

    func summary(_ post: NewsPostRecord, council: Council) -> NewsSummaryDTO {
        NewsSummaryDTO(id: post.id, group: post.group, language: post.language, category: post.category, title: post.title, summary: post.summary,
                       publishedAt: Date(timeIntervalSince1970: post.publishAt ?? post.updatedAt).formatted(.iso8601),
                       url: services.baseURL + NewsPaths.item.url(council.slug, NewsSlug.make(id: post.id, title: post.title)))
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> JSONBody<[NewsSummaryDTO]> {
        let scope = try context.inCouncil()
        let category = try request.uri.queryParameters.get("category").map { raw in
            guard let category = NewsCategory(rawValue: raw) else { throw PageError(.badRequest, "error_bad_request") }
            return category
        }
        let language = try request.uri.queryParameters.get("language").map { raw in
            guard let language = Language(rawValue: raw) else { throw PageError(.badRequest, "error_bad_request") }
            return language
        }
        let posts = try await services.news.published(councilID: scope.council.id, category: category?.rawValue,
                                                      now: services.clock.now().timeIntervalSince1970, limit: language == nil ? Self.limit : Self.limit * 4)
        let kept = language.map { language in posts.filter { $0.language == language.rawValue } } ?? posts
        return JSONBody(value: kept.prefix(Self.limit).map { summary($0, council: scope.council) })
    }

    @Sendable func post(_ request: Request, context: AppContext) async throws -> JSONBody<NewsPostDTO> {
        let scope = try context.inCouncil()
        guard let id = context.parameters.get("id", as: Int64.self), let post = try await services.news.find(id: id, councilID: scope.council.id)
        else { throw PageError.notFound }
        let now = services.clock.now().timeIntervalSince1970
        // The API is the public's: a post is in it once published, whoever asks.
        guard NewsStatus.at(post.status, publishAt: post.publishAt, now: now).isPublic else { throw PageError.notFound }
        let translations = try await services.news.translations(group: post.group, councilID: scope.council.id)
            .filter { $0.id != post.id && NewsStatus.at($0.status, publishAt: $0.publishAt, now: now).isPublic }
        return JSONBody(value: NewsPostDTO(
            summary: summary(post, council: scope.council), body: post.body,
            translations: translations.map {
                NewsTranslationDTO(id: $0.id, language: $0.language,
                                   url: services.baseURL + NewsPaths.item.url(scope.council.slug, NewsSlug.make(id: $0.id, title: $0.title)))
            }))
    }
}
