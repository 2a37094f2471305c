import Foundation
import HemicycleDomain
import PublicSite
import Storage

/// "In the news": the public posts that mention a thing, on its page (a member, a group, a commission, a work, a
/// consultation, a convention, a mission, an agreement, a partner council, a network), newest first, one version of
/// each post in the reader's language where it has one.
struct InTheNews: Sendable {
    let news: NewsRepository
    let clock: any WallClock

    static let limit = 10

    init(database: any Database, clock: any WallClock) {
        news = NewsRepository(database: database)
        self.clock = clock
    }

    /// The posts that mention a thing shown on a page of `council`: only that council's own posts, except for a
    /// council (a partner's post may name it). Dates are in `council`'s calendar.
    func links(_ subject: NewsMention.Subject, _ id: Int64, council: Council, context: AppContext) async throws -> [NewsMentionLink] {
        try await links(subject, id, councilID: subject == .council ? nil : council.id, context: context) { _ in council }
    }

    /// The posts of every council hosted here that mention a network of councils, each dated in its own council's
    /// calendar.
    func links(network id: Int64, councils: [Council], context: AppContext) async throws -> [NewsMentionLink] {
        let bySlug = Dictionary(councils.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        return try await links(.network, id, councilID: nil, context: context) { bySlug[$0] }
    }

    private func links(_ subject: NewsMention.Subject, _ id: Int64, councilID: Int64?, context: AppContext,
                       calendar: (String) -> Council?) async throws -> [NewsMentionLink] {
        let found = try await news.mentioning(subject: subject.rawValue, id: id, councilID: councilID,
                                              now: clock.now().timeIntervalSince1970, limit: Self.limit * 3)
        let slugs = Dictionary(found.map { ($0.post.id, $0.councilSlug) }, uniquingKeysWith: { first, _ in first })
        return NewsSelection.forReader(found.map(\.post), language: context.language, limit: Self.limit).compactMap { post in
            guard let slug = slugs[post.id], let council = calendar(slug) else { return nil }
            let format = Formatting(language: context.language, council: council)
            let language = Language(rawValue: post.language) ?? council.language
            return NewsMentionLink(url: NewsPaths.item.url(slug, NewsSlug.make(id: post.id, title: post.title)), title: post.title,
                                   lang: language.rawValue, dir: language.direction,
                                   date: format.date(Date(timeIntervalSince1970: post.publishAt ?? post.updatedAt)))
        }
    }
}
