import Foundation
import HemicycleDomain
import Hummingbird
import PublicSite
import Storage

/// The council's news as the public reads it (published posts, each in the reader's language where it has one), and
/// as the communication staff see it (every post, with its workflow).
struct NewsRoutes {
    let services: NewsServices
    let pages: Pages

    static let pageSize = 30

    func register(in council: PathRegistrar) {
        council.get(NewsPaths.list, use: list)
        council.get(NewsPaths.item, use: page)
    }

    static func actor(_ context: AppContext) throws -> NewsActor { NewsActor(try context.inCouncil().actor) }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> HTML {
        let scope = try context.inCouncil()
        let actor = try Self.actor(context)
        let format = Formatting(language: context.language, council: scope.council)
        let now = services.clock.now().timeIntervalSince1970
        let category = request.uri.queryParameters.get("category").flatMap { NewsCategory(rawValue: $0) }
        let published = try await services.news.published(councilID: scope.council.id, category: category?.rawValue, now: now,
                                                          limit: Self.pageSize * 4)
        let rows = NewsSelection.forReader(published, language: context.language, limit: Self.pageSize).map {
            row($0, scope: scope, format: format, context: context, now: now, withStatus: false)
        }
        let pending = NewsRules.decide(.see, by: actor, status: .draft).isAllowed
            ? try await services.news.unpublished(councilID: scope.council.id, now: now, limit: 100).map {
                row($0, scope: scope, format: format, context: context, now: now, withStatus: true)
            } : []
        let model = NewsListPage(
            heading: category.map { pages.text("news_category_heading", context, ["category": pages.text("news_category_\($0.rawValue)", context)]) }
                ?? pages.text("news_title", context),
            rows: rows, hasRows: !rows.isEmpty,
            categories: NewsCategory.allCases.map {
                .init(url: "\(NewsPaths.list.url(scope.slug))?category=\($0.rawValue)", label: pages.text("news_category_\($0.rawValue)", context),
                      current: $0 == category)
            },
            allURL: NewsPaths.list.url(scope.slug), filtered: category != nil,
            feeds: Self.feeds(scope.council, category: category, language: context.language, pages: pages, context: context),
            newURL: NewsRules.decide(.create, by: actor, status: .draft).isAllowed ? NewsPaths.new.url(scope.slug) : nil,
            pending: pending, hasPending: !pending.isEmpty,
            subscribe: NewsSubscribeForm(action: NewsPaths.subscribe.url(scope.slug), themes: NewsCategory.allCases.map {
                .init(value: $0.rawValue, label: pages.text("news_category_\($0.rawValue)", context))
            }))
        return try await pages.page("news", title: model.heading, request: request, context: context, council: scope.council, typed: model)
    }

    func row(_ post: NewsPostRecord, scope: CouncilScope, format: Formatting, context: AppContext, now: Double, withStatus: Bool) -> NewsListPage.Row {
        let language = Language(rawValue: post.language) ?? scope.council.language
        let foreign = language != context.language
        let status = NewsStatus.at(post.status, publishAt: post.publishAt, now: now)
        return NewsListPage.Row(
            url: NewsPaths.item.url(scope.slug, NewsSlug.make(id: post.id, title: post.title)), title: post.title, summary: post.summary,
            foreignLang: foreign ? language.rawValue : nil, foreignDir: foreign ? language.direction : nil,
            languageNote: foreign ? pages.text("news_in_language", context, ["language": pages.text("language_\(language.rawValue)", context)]) : nil,
            category: pages.text("news_category_\(post.category)", context),
            date: format.dateTime(Date(timeIntervalSince1970: post.publishAt ?? post.updatedAt)),
            status: withStatus ? pages.text("news_status_\(status.rawValue)", context) : nil, statusCode: withStatus ? status.rawValue : nil)
    }

    /// The council's feeds, in the reader's language, narrowed to `category` when the page is.
    static func feeds(_ council: Council, category: NewsCategory?, language: Language, pages: Pages, context: AppContext) -> [FeedLink] {
        var query = "?lang=\(language.rawValue)"
        if let category { query += "&category=\(category.rawValue)" }
        return [
            FeedLink(type: "application/atom+xml", title: pages.text("news_feed_atom", context), url: NewsPaths.atom.url(council.slug) + query),
            FeedLink(type: "application/rss+xml", title: pages.text("news_feed_rss", context), url: NewsPaths.rss.url(council.slug) + query),
        ]
    }

    /// The post the address names, if the reader may see it; its status at the clock's now.
    static func load(_ context: AppContext, services: NewsServices) async throws -> (CouncilScope, NewsPostRecord, NewsStatus, NewsActor) {
        let scope = try context.inCouncil()
        guard let slug = context.parameters.get("slug"), let id = NewsSlug.id(of: slug),
              let post = try await services.news.find(id: id, councilID: scope.council.id) else { throw PageError.notFound }
        let status = NewsStatus.at(post.status, publishAt: post.publishAt, now: services.clock.now().timeIntervalSince1970)
        let actor = try actor(context)
        guard NewsRules.decide(.see, by: actor, status: status).isAllowed else { throw PageError.notFound }
        return (scope, post, status, actor)
    }

    @Sendable func page(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, post, status, actor) = try await Self.load(context, services: services)
        let canonical = NewsSlug.make(id: post.id, title: post.title)
        // An address with the post's former title, or none, still finds it: the reader is sent to the current one.
        if context.parameters.get("slug") != canonical {
            // Not permanent: a title renamed back would send browsers that kept the redirect round in a loop.
            return .redirect(to: NewsPaths.item.url(scope.slug, canonical), type: .temporary)
        }
        let council = scope.council
        let format = Formatting(language: context.language, council: council)
        let now = services.clock.now().timeIntervalSince1970
        let group = try await services.news.translations(group: post.group, councilID: council.id)
        let visible = group.filter { NewsRules.decide(.see, by: actor, status: NewsStatus.at($0.status, publishAt: $0.publishAt, now: now)).isAllowed }
        let language = Language(rawValue: post.language) ?? council.language
        let hasReaders = visible.contains { $0.language == context.language.rawValue }
        let isStaff = NewsRules.decide(.see, by: actor, status: .draft).isAllowed
        let history = isStaff ? try await services.news.events(postID: post.id).map { event in
            pages.text("news_history_\(event.kind.rawValue)", context, [
                "name": event.by, "date": format.dateTime(Date(timeIntervalSince1970: event.at)),
                "publish": event.publishAt.map { format.dateTime(Date(timeIntervalSince1970: $0)) } ?? "",
            ])
        } : []
        let present = Set(group.map(\.language))
        let translate: [NewsPostPage.Translation] = NewsRules.decide(.create, by: actor, status: .draft).isAllowed
            ? council.publishedLanguages.filter { !present.contains($0.rawValue) }.map {
                .init(url: "\(NewsPaths.new.url(council.slug))?translation_of=\(post.group)&language=\($0.rawValue)",
                      label: pages.text("news_translate", context, ["language": pages.text("language_\($0.rawValue)", context)]), lang: $0.rawValue)
            } : []
        let actions: [NewsPostPage.Action] = [(NewsAction.submit, "submit"), (.schedule, "schedule"), (.returnToDraft, "return"), (.unpublish, "unpublish")]
            .filter { NewsRules.decide($0.0, by: actor, status: status).isAllowed }
            .map { action, value in
                .init(action: NewsPaths.status.url(council.slug, canonical), value: value, label: pages.text("news_action_\(value)", context),
                      asksTime: action == .schedule,
                      timeValue: action == .schedule ? post.publishAt.map { WorkPageModel.inputDate($0, in: council.zone) } ?? "" : "",
                      zoneNote: pages.text("news_publish_at_hint", context, ["zone": council.timeZone]))
            }
        let model = NewsPostPage(
            postTitle: post.title, postLang: language.rawValue, postDir: language.direction, summary: post.summary, body: post.body,
            category: pages.text("news_category_\(post.category)", context),
            date: status == .published ? post.publishAt.map { format.dateTime(Date(timeIntervalSince1970: $0)) } : nil,
            missingTranslation: hasReaders ? nil : pages.text("news_missing_translation", context, [
                "language": pages.text("language_\(context.language.rawValue)", context), "original": pages.text("language_\(language.rawValue)", context),
            ]),
            translations: visible.filter { $0.id != post.id }.map {
                .init(url: NewsPaths.item.url(council.slug, NewsSlug.make(id: $0.id, title: $0.title)),
                      label: (Language(rawValue: $0.language) ?? language).endonym, lang: $0.language)
            },
            hasTranslations: visible.count > 1,
            status: isStaff ? pages.text("news_status_\(status.rawValue)", context) : nil, statusCode: isStaff ? status.rawValue : nil,
            history: history, hasHistory: !history.isEmpty,
            editURL: NewsRules.decide(.edit, by: actor, status: status).isAllowed ? NewsPaths.edit.url(council.slug, canonical) : nil,
            translateURLs: translate, actions: actions, hasActions: !actions.isEmpty, backURL: NewsPaths.list.url(council.slug),
            feeds: Self.feeds(council, category: nil, language: context.language, pages: pages, context: context),
            alternates: visible.map { Alternate(hreflang: $0.language, url: services.baseURL + NewsPaths.item.url(council.slug, NewsSlug.make(id: $0.id, title: $0.title))) }
                + [Alternate(hreflang: "x-default", url: services.baseURL + NewsPaths.item.url(council.slug, NewsSlug.make(id: visible.first?.id ?? post.id,
                                                                                                                           title: visible.first?.title ?? post.title)))],
            canonical: services.baseURL + NewsPaths.item.url(council.slug, canonical), ogArticle: true, ogDescription: post.summary)
        return try await pages.page("news-post", title: post.title, request: request, context: context, council: council, typed: model)
            .response(from: request, context: context)
    }
}
