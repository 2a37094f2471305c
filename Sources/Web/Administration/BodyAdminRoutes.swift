import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// Staff pages to create, rename and remove a council's groups and commissions.
struct BodyAdminRoutes {
    let services: AdminServices
    let pages: Pages

    /// Groups and commissions share their pages; this says which one a route is about.
    enum Kind: String, Sendable {
        case groups, commissions

        var listTemplate: String { self == .groups ? "admin-groups" : "admin-commissions" }
        var editTemplate: String { self == .groups ? "admin-group" : "admin-commission" }
        var titleKey: String { self == .groups ? "admin_groups" : "admin_commissions" }
        var paths: AdminPaths.Bodies { self == .groups ? AdminPaths.groups : AdminPaths.commissions }
    }

    func register(in council: PathRegistrar) {
        for kind in [Kind.groups, .commissions] {
            council.get(kind.paths.list) { request, context in try await list(kind, request, context, values: [:]) }
            council.post(kind.paths.list) { request, context in try await create(kind, request, context) }
            council.get(kind.paths.item) { request, context in try await edit(kind, request, context) }
            council.post(kind.paths.item) { request, context in try await update(kind, request, context) }
            council.post(kind.paths.delete) { request, context in try await delete(kind, request, context) }
        }
    }

    private func rows(_ kind: Kind, council: Council, language: Language) async throws -> [BodyListPage.Row] {
        switch kind {
        case .groups:
            return Formatting(language: language).sorted(try await services.groups.all(councilID: council.id), byName: \.name,
                                                         councilDefault: council.language).map {
                BodyListPage.Row(name: pages.localized($0.name, language, councilDefault: council.language), acronym: $0.acronym ?? "",
                                 url: AdminPaths.groups.item.url(council.slug, $0.id))
            }
        case .commissions:
            return Formatting(language: language).sorted(try await services.commissions.all(councilID: council.id), byName: \.name,
                                                         councilDefault: council.language).map {
                BodyListPage.Row(name: pages.localized($0.name, language, councilDefault: council.language), acronym: nil,
                                 url: AdminPaths.commissions.item.url(council.slug, $0.id))
            }
        }
    }

    func list(_ kind: Kind, _ request: Request, _ context: AppContext, values: [String: String], error: String? = nil,
              status: HTTPResponse.Status = .ok) async throws -> HTML {
        let council = try context.inCouncil().council
        try pages.authorize(.manageBodies, context)
        let model = BodyListPage(rows: try await rows(kind, council: council, language: context.language), values: values,
                                 action: kind.paths.list.url(council.slug), backURL: AdminPaths.overview.url(council.slug), error: error)
        return try await pages.page(kind.listTemplate, title: pages.text(kind.titleKey, context), request: request,
                                   context: context, council: council, typed: model, status: status)
    }

    func create(_ kind: Kind, _ request: Request, _ context: AppContext) async throws -> Response {
        let council = try context.inCouncil().council
        try pages.authorize(.manageBodies, context)
        let form = context.form
        do {
            let name = try Validate.localizedName(form.localized("name"))
            switch kind {
            case .groups:
                try await services.groups.create(councilID: council.id, name: name, acronym: form.text("acronym"),
                                             description: form.localized("description"), at: services.clock.now())
            case .commissions:
                try await services.commissions.create(councilID: council.id, name: name, description: form.localized("description"),
                                                  at: services.clock.now())
            }
            return .redirect(to: SiteURL.with(kind.paths.list.url(council.slug), notice: "saved"), type: .normal)
        } catch let failure as ValidationFailure {
            var values = form.localized("name").formValues("name")
            values["acronym"] = form["acronym"] ?? ""
            return try await list(kind, request, context, values: values, error: pages.text(failure.key, context),
                                  status: .unprocessableContent).response(from: request, context: context)
        }
    }

    private func load(_ kind: Kind, council: Council, context: AppContext)
        async throws -> (id: Int64, name: LocalizedText, description: LocalizedText, acronym: String?) {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw PageError.notFound }
        switch kind {
        case .groups:
            guard let group = try await services.groups.find(id: id, councilID: council.id) else { throw PageError.notFound }
            return (id, group.name, group.description, group.acronym)
        case .commissions:
            guard let commission = try await services.commissions.find(id: id, councilID: council.id) else { throw PageError.notFound }
            return (id, commission.name, commission.description, nil)
        }
    }

    func edit(_ kind: Kind, _ request: Request, _ context: AppContext) async throws -> HTML {
        let council = try context.inCouncil().council
        try pages.authorize(.manageBodies, context)
        let body = try await load(kind, council: council, context: context)
        var values = body.name.formValues("name").merging(body.description.formValues("description")) { $1 }
        values["acronym"] = body.acronym ?? ""
        return try await renderEdit(kind, request, context, council: council, id: body.id, values: values, error: nil)
    }

    private func renderEdit(_ kind: Kind, _ request: Request, _ context: AppContext, council: Council, id: Int64,
                            values: [String: String], error: String?, status: HTTPResponse.Status = .ok) async throws -> HTML {
        let model = BodyEditPage(values: values, action: kind.paths.item.url(council.slug, id), deleteAction: kind.paths.delete.url(council.slug, id),
                                 backURL: kind.paths.list.url(council.slug), error: error)
        return try await pages.page(kind.editTemplate, title: pages.text(kind.titleKey, context), request: request,
                                   context: context, council: council, typed: model, status: status)
    }

    func update(_ kind: Kind, _ request: Request, _ context: AppContext) async throws -> Response {
        let council = try context.inCouncil().council
        try pages.authorize(.manageBodies, context)
        let body = try await load(kind, council: council, context: context)
        let form = context.form
        do {
            let name = try Validate.localizedName(form.localized("name"))
            switch kind {
            case .groups:
                try await services.groups.update(id: body.id, councilID: council.id, name: name, acronym: form.text("acronym"),
                                             description: form.localized("description"))
            case .commissions:
                try await services.commissions.update(id: body.id, councilID: council.id, name: name,
                                                  description: form.localized("description"))
            }
            return .redirect(to: SiteURL.with(kind.paths.list.url(council.slug), notice: "saved"), type: .normal)
        } catch let failure as ValidationFailure {
            var values = form.localized("name").formValues("name").merging(form.localized("description").formValues("description")) { $1 }
            values["acronym"] = form["acronym"] ?? ""
            return try await renderEdit(kind, request, context, council: council, id: body.id, values: values,
                                        error: pages.text(failure.key, context), status: .unprocessableContent)
                .response(from: request, context: context)
        }
    }

    func delete(_ kind: Kind, _ request: Request, _ context: AppContext) async throws -> Response {
        let council = try context.inCouncil().council
        try pages.authorize(.manageBodies, context)
        let body = try await load(kind, council: council, context: context)
        let now = services.clock.now().timeIntervalSince1970
        switch kind {
        case .groups: try await services.groups.delete(id: body.id, councilID: council.id, at: now)
        case .commissions: try await services.commissions.delete(id: body.id, councilID: council.id, at: now)
        }
        return .redirect(to: SiteURL.with(kind.paths.list.url(council.slug), notice: "deleted"), type: .normal)
    }
}
