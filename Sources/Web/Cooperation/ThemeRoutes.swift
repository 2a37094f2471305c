import Cooperation
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// The instance's themes of cooperation (`/admin/themes`), which agreements are filed under: the instance's
/// administrators add, rename and remove them (a theme an agreement names stays).
enum ThemePaths {
    static let list = SitePath("/admin/themes")
    static let item = Path1("/admin/themes/{theme}")
    static let delete = Path1("/admin/themes/{theme}/delete")

    static let all: [any DeclaredPath] = [list, item, delete]
}

struct ThemeListPage: Encodable {
    struct Theme: Encodable {
        let slug: String
        let name: LocalizedView
        let uses: String
        let action: String
        let idPrefix: String
        let values: [String: String]
        let deleteAction: String?
    }

    let themes: [Theme]
    let action: String
}

struct ThemeRoutes {
    let agreements: AgreementRepository
    let pages: Pages

    func register(on routes: PathRegistrar) {
        routes.get(ThemePaths.list, use: list)
        routes.post(ThemePaths.list, use: add)
        routes.post(ThemePaths.item, use: rename)
        routes.post(ThemePaths.delete, use: remove)
    }

    func require(_ context: AppContext) throws {
        try pages.require(ThemeRules.mayManage(NetworkRoutes.actor(context)), context)
    }

    func name(_ context: AppContext) throws -> LocalizedText {
        do { return try Validate.localizedName(context.form.localized("name"), field: "name") } catch { throw PageError(.unprocessableContent, error.key) }
    }

    func theme(_ context: AppContext) throws -> Int64 {
        guard let id = context.parameters.get("theme", as: Int64.self) else { throw PageError.notFound }
        return id
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> HTML {
        try require(context)
        let format = Formatting(language: context.language)
        let uses = try await agreements.themeUses()
        let themes = try await agreements.themes().map { theme in
            ThemeListPage.Theme(
                slug: theme.slug, name: pages.localized(theme.name, context.language),
                uses: pages.plural("theme_uses", count: uses[theme.id] ?? 0, context, format: format),
                action: ThemePaths.item.url(theme.id), idPrefix: "theme-\(theme.id)-",
                values: ["name_fr": theme.nameFr ?? "", "name_ar": theme.nameAr ?? "", "name_en": theme.nameEn ?? ""],
                deleteAction: (uses[theme.id] ?? 0) == 0 ? ThemePaths.delete.url(theme.id) : nil)
        }
        return try await pages.page("themes", title: pages.text("themes_title", context), request: request, context: context,
                                    typed: ThemeListPage(themes: themes, action: ThemePaths.list.url))
    }

    @Sendable func add(_ request: Request, context: AppContext) async throws -> Response {
        try require(context)
        let slug = context.form.text("slug") ?? ""
        if let problem = ThemeRules.problem(slug: slug) { throw PageError(.unprocessableContent, problem) }
        do { _ = try await agreements.addTheme(slug: slug, name: try name(context)) } catch StoreError.duplicateName {
            throw PageError(.conflict, "theme_error_slug_taken")
        }
        return .redirect(to: SiteURL.with(ThemePaths.list.url, notice: "saved"), type: .normal)
    }

    @Sendable func rename(_ request: Request, context: AppContext) async throws -> Response {
        try require(context)
        do { try await agreements.renameTheme(id: try theme(context), name: try name(context)) } catch StoreError.notFound { throw PageError.notFound }
        return .redirect(to: SiteURL.with(ThemePaths.list.url, notice: "saved"), type: .normal)
    }

    @Sendable func remove(_ request: Request, context: AppContext) async throws -> Response {
        try require(context)
        do {
            try await agreements.removeTheme(id: try theme(context))
        } catch StoreError.notFound {
            throw PageError.notFound
        } catch StoreError.stateChanged {
            throw PageError(.conflict, "theme_error_in_use")
        }
        return .redirect(to: SiteURL.with(ThemePaths.list.url, notice: "deleted"), type: .normal)
    }
}
