import Foundation
import HemicycleDomain
import Hummingbird
import PublicSite
import Storage

/// The communication staff's forms: writing a post or its translation, changing it, and moving it through its
/// workflow (submitted, scheduled for now or later, returned, taken down). Each route asks `NewsRules` itself, and the
/// store refuses a change whose post moved meanwhile.
struct NewsEditorRoutes {
    let services: NewsServices
    let pages: Pages

    func register(in council: PathRegistrar) {
        council.get(NewsPaths.new, use: newPost)
        council.post(NewsPaths.list, use: create)
        council.get(NewsPaths.edit, use: editPost)
        council.post(NewsPaths.edit, use: update)
        council.post(NewsPaths.status, use: move)
    }

    @Sendable func newPost(_ request: Request, context: AppContext) async throws -> HTML {
        let scope = try context.inCouncil()
        try pages.require(NewsRules.decide(.create, by: try NewsRoutes.actor(context), status: .draft), context)
        var input = NewsInput(form: Form(), defaultLanguage: scope.council.language)
        if let from = request.uri.queryParameters.get("from") {
            guard let prefilled = try await NewsStarters(services: services, pages: pages).prefill(from, council: scope.council, context: context)
            else { throw PageError.notFound }
            input = prefilled
        }
        var translationOf: Int64?
        if let original = request.uri.queryParameters.get("translation_of").flatMap({ Int64($0) }) {
            guard let post = try await services.news.find(id: original, councilID: scope.council.id) else { throw PageError.notFound }
            // The translator starts from the original's words.
            input = NewsInput(record: post)
            translationOf = post.group
            input.language = request.uri.queryParameters.get("language").flatMap { Language(rawValue: $0) }
                .flatMap { scope.council.publishedLanguages.contains($0) ? $0.rawValue : nil } ?? input.language
        }
        return try await form(request, context, council: scope.council, input: input, translationOf: translationOf, post: nil, error: nil)
    }

    func form(_ request: Request, _ context: AppContext, council: Council, input: NewsInput, translationOf: Int64?, post: NewsPostRecord?,
              error: String?, status: HTTPResponse.Status = .ok) async throws -> HTML {
        let slug = post.map { NewsSlug.make(id: $0.id, title: $0.title) }
        let starters = post == nil && translationOf == nil ? try await NewsStarters(services: services, pages: pages).options(council, context: context) : []
        let language = Language(rawValue: input.language) ?? council.language
        let model = NewsFormPage(
            heading: pages.text(post == nil ? (translationOf == nil ? "news_new_title" : "news_translation_title") : "news_edit_title", context),
            action: slug.map { NewsPaths.edit.url(council.slug, $0) } ?? NewsPaths.list.url(council.slug),
            languages: council.publishedLanguages.map { .init(value: $0.rawValue, label: $0.endonym, selected: $0 == language) },
            languageFixed: post != nil || translationOf != nil, languageLabel: language.endonym,
            categories: NewsCategory.allCases.map {
                .init(value: $0.rawValue, label: pages.text("news_category_\($0.rawValue)", context), selected: $0.rawValue == input.category)
            },
            draftTitle: input.title, summary: input.summary, body: input.body, translationOf: translationOf.map(String.init), error: error,
            backURL: slug.map { NewsPaths.item.url(council.slug, $0) } ?? NewsPaths.list.url(council.slug),
            imagesURL: NewsPaths.images.url(council.slug), starters: starters, hasStarters: !starters.isEmpty, startAction: NewsPaths.new.url(council.slug),
            mentions: try await NewsMentionPicker(services: services, pages: pages).groups(council, language: language, context: context))
        return try await pages.page("news-form", title: model.heading, request: request, context: context, council: council, typed: model,
                                    status: status)
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let scope = try context.inCouncil()
        try pages.require(NewsRules.decide(.create, by: try NewsRoutes.actor(context), status: .draft), context)
        let account = try pages.requireAccount(context)
        let input = NewsInput(form: context.form, defaultLanguage: scope.council.language)
        let translationOf = context.form.text("translation_of").flatMap { Int64($0) }
        guard context.form.text("translation_of") == nil || translationOf != nil else { throw PageError.notFound }
        let content: NewsPostContent
        switch input.checked(languages: scope.council.publishedLanguages) {
        case .success(let checked): content = checked
        case .failure(let error):
            return try await form(request, context, council: scope.council, input: input, translationOf: translationOf, post: nil,
                                  error: pages.text(error.key, context), status: .unprocessableContent).response(from: request, context: context)
        }
        let id: Int64
        do {
            id = try await services.news.create(councilID: scope.council.id, translationOf: translationOf, content: content,
                                                mentions: try await services.mentions(in: content.body, council: scope.council), accountID: account.id,
                                                at: services.clock.now().timeIntervalSince1970)
        } catch StoreError.duplicateName {
            throw PageError(.conflict, "news_conflict_translation_exists")
        } catch StoreError.notFound {
            throw PageError.notFound
        }
        return .redirect(to: SiteURL.with(NewsPaths.item.url(scope.slug, NewsSlug.make(id: id, title: content.title)), notice: "saved"), type: .normal)
    }

    @Sendable func editPost(_ request: Request, context: AppContext) async throws -> HTML {
        let (scope, post, status, actor) = try await NewsRoutes.load(context, services: services)
        try pages.require(NewsRules.decide(.edit, by: actor, status: status), context)
        return try await form(request, context, council: scope.council, input: NewsInput(record: post), translationOf: nil, post: post, error: nil)
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, post, status, actor) = try await NewsRoutes.load(context, services: services)
        try pages.require(NewsRules.decide(.edit, by: actor, status: status), context)
        let account = try pages.requireAccount(context)
        var input = NewsInput(form: context.form, defaultLanguage: scope.council.language)
        input.language = post.language
        let content: NewsPostContent
        switch input.checked(languages: scope.council.publishedLanguages + [Language(rawValue: post.language)].compactMap { $0 }) {
        case .success(let checked): content = checked
        case .failure(let error):
            return try await form(request, context, council: scope.council, input: input, translationOf: nil, post: post,
                                  error: pages.text(error.key, context), status: .unprocessableContent).response(from: request, context: context)
        }
        do {
            try await services.news.update(id: post.id, councilID: scope.council.id, content: content, mentions: try await services.mentions(in: content.body, council: scope.council),
                                           from: NewsStatus.starts(for: .edit, by: actor),
                                           accountID: account.id, at: services.clock.now().timeIntervalSince1970)
        } catch StoreError.stateChanged {
            throw PageError(.conflict, "news_conflict_status")
        }
        return .redirect(to: SiteURL.with(NewsPaths.item.url(scope.slug, NewsSlug.make(id: post.id, title: content.title)), notice: "saved"),
                         type: .normal)
    }

    @Sendable func move(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, post, status, actor) = try await NewsRoutes.load(context, services: services)
        let account = try pages.requireAccount(context)
        let now = services.clock.now().timeIntervalSince1970
        let action: NewsAction, target: NewsStoredStatus, event: NewsPostEvent.Kind
        var publishAt: Double?
        switch context.form.text("action") {
        case "submit": (action, target, event) = (.submit, .review, .submitted)
        case "schedule": (action, target, event) = (.schedule, .scheduled, .scheduled)
        case "return": (action, target, event) = (.returnToDraft, .draft, .returned)
        case "unpublish": (action, target, event) = (.unpublish, .unpublished, .unpublished)
        default: throw PageError(.unprocessableContent, "news_error_action")
        }
        try pages.require(NewsRules.decide(action, by: actor, status: status), context)
        switch action {
        case .schedule:
            if let typed = context.form.text("publish_at") {
                guard let time = WorkActionRoutes.date(typed, in: scope.council.zone) else { throw PageError(.unprocessableContent, "news_error_publish_at") }
                // A post is never dated before it was accepted: a past time would misstate when the public could read it.
                guard time >= now - 60 else { throw PageError(.unprocessableContent, "news_error_publish_at_past") }
                publishAt = max(time, now)
            } else {
                publishAt = now
            }
        case .unpublish: publishAt = post.publishAt
        default: publishAt = nil
        }
        do {
            try await services.news.move(id: post.id, councilID: scope.council.id, from: NewsStatus.starts(for: action, by: actor), to: target,
                                         publishAt: publishAt, event: event, accountID: account.id, at: now)
        } catch StoreError.stateChanged {
            throw PageError(.conflict, "news_conflict_status")
        }
        return .redirect(to: SiteURL.with(NewsPaths.item.url(scope.slug, NewsSlug.make(id: post.id, title: post.title)), notice: "saved"), type: .normal)
    }
}
