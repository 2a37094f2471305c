import Foundation
import HemicycleDomain
import PublicSite
import Storage

/// "In the news": the public posts that mention a thing, on its page (a member, a group, a commission, a work, a
/// consultation, a convention), newest first, one version of each post in the reader's language where it has one.
struct InTheNews: Sendable {
    let news: NewsRepository
    let clock: any WallClock

    static let limit = 10

    init(database: any Database, clock: any WallClock) {
        news = NewsRepository(database: database)
        self.clock = clock
    }

    func links(_ subject: NewsMention.Subject, _ id: Int64, council: Council, context: AppContext) async throws -> [NewsMentionLink] {
        let format = Formatting(language: context.language, council: council)
        let found = try await news.mentioning(subject: subject.rawValue, id: id, councilID: subject == .council ? nil : council.id,
                                              now: clock.now().timeIntervalSince1970, limit: Self.limit * 3)
        let slugs = Dictionary(found.map { ($0.post.id, $0.councilSlug) }, uniquingKeysWith: { first, _ in first })
        return NewsSelection.forReader(found.map(\.post), language: context.language, limit: Self.limit).map { post in
            let slug = slugs[post.id] ?? council.slug
            let language = Language(rawValue: post.language) ?? council.language
            return NewsMentionLink(url: NewsPaths.item.url(slug, NewsSlug.make(id: post.id, title: post.title)), title: post.title,
                                   lang: language.rawValue, dir: language.direction,
                                   date: format.date(Date(timeIntervalSince1970: post.publishAt ?? post.updatedAt)))
        }
    }
}
