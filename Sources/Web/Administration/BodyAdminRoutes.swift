import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// Staff pages to create, rename and remove a council's groups and commissions.
struct BodyAdminRoutes {
    let site: Site

    /// Groups and commissions share their pages; this says which one a route is about.
    enum Kind: String, Sendable {
        case groups, commissions

        var listTemplate: String { self == .groups ? "admin-groups" : "admin-commissions" }
        var editTemplate: String { self == .groups ? "admin-group" : "admin-commission" }
        var titleKey: String { self == .groups ? "admin_groups" : "admin_commissions" }
    }

    func register(on router: Router<AppContext>) {
        for kind in [Kind.groups, .commissions] {
            router.get("/{council}/admin/\(kind.rawValue)") { request, context in try await list(kind, request, context, values: [:]) }
            router.post("/{council}/admin/\(kind.rawValue)") { request, context in try await create(kind, request, context) }
            router.get("/{council}/admin/\(kind.rawValue)/{id}") { request, context in try await edit(kind, request, context) }
            router.post("/{council}/admin/\(kind.rawValue)/{id}") { request, context in try await update(kind, request, context) }
            router.post("/{council}/admin/\(kind.rawValue)/{id}/delete") { request, context in try await delete(kind, request, context) }
        }
    }

    private func rows(_ kind: Kind, council: Council, language: Language) async throws -> [[String: Any]] {
        switch kind {
        case .groups:
            return try await site.groups.all(councilID: council.id).map {
                ["name": site.localized($0.name, language, councilDefault: council.language), "acronym": $0.acronym ?? "",
                 "url": SiteURL.adminGroup(council.slug, $0.id)]
            }
        case .commissions:
            return try await site.commissions.all(councilID: council.id).map {
                ["name": site.localized($0.name, language, councilDefault: council.language),
                 "url": SiteURL.adminCommission(council.slug, $0.id)]
            }
        }
    }

    func list(_ kind: Kind, _ request: Request, _ context: AppContext, values: [String: String], error: String? = nil,
              status: HTTPResponse.Status = .ok) async throws -> HTML {
        let council = try await site.requireCouncil(context)
        _ = try await site.authorize(.manageBodies, in: council, context: context)
        var model: [String: Any] = [
            "rows": try await rows(kind, council: council, language: context.language),
            "values": values, "action": "/\(council.slug)/admin/\(kind.rawValue)", "backURL": SiteURL.admin(council.slug),
        ]
        if let error { model["error"] = error }
        return try await site.page(kind.listTemplate, title: site.text(kind.titleKey, context), request: request,
                                   context: context, council: council, model: model, status: status)
    }

    func create(_ kind: Kind, _ request: Request, _ context: AppContext) async throws -> Response {
        let council = try await site.requireCouncil(context)
        _ = try await site.authorize(.manageBodies, in: council, context: context)
        let form = context.form
        do {
            let name = try Validate.localizedName(form.localized("name"))
            switch kind {
            case .groups:
                try await site.groups.create(councilID: council.id, name: name, acronym: form.text("acronym"),
                                             description: form.localized("description"))
            case .commissions:
                try await site.commissions.create(councilID: council.id, name: name, description: form.localized("description"))
            }
            return .redirect(to: SiteURL.with("/\(council.slug)/admin/\(kind.rawValue)", notice: "saved"), type: .normal)
        } catch let failure as ValidationFailure {
            var values = form.localized("name").formValues("name")
            values["acronym"] = form["acronym"] ?? ""
            return try await list(kind, request, context, values: values, error: site.text(failure.key, context),
                                  status: .unprocessableContent).response(from: request, context: context)
        }
    }

    private func load(_ kind: Kind, council: Council, context: AppContext)
        async throws -> (id: Int64, name: LocalizedText, description: LocalizedText, acronym: String?) {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw PageError.notFound }
        switch kind {
        case .groups:
            guard let group = try await site.groups.find(id: id, councilID: council.id) else { throw PageError.notFound }
            return (id, group.name, group.description, group.acronym)
        case .commissions:
            guard let commission = try await site.commissions.find(id: id, councilID: council.id) else { throw PageError.notFound }
            return (id, commission.name, commission.description, nil)
        }
    }

    func edit(_ kind: Kind, _ request: Request, _ context: AppContext) async throws -> HTML {
        let council = try await site.requireCouncil(context)
        _ = try await site.authorize(.manageBodies, in: council, context: context)
        let body = try await load(kind, council: council, context: context)
        var values = body.name.formValues("name").merging(body.description.formValues("description")) { $1 }
        values["acronym"] = body.acronym ?? ""
        return try await renderEdit(kind, request, context, council: council, id: body.id, values: values, error: nil)
    }

    private func renderEdit(_ kind: Kind, _ request: Request, _ context: AppContext, council: Council, id: Int64,
                            values: [String: String], error: String?, status: HTTPResponse.Status = .ok) async throws -> HTML {
        let base = "/\(council.slug)/admin/\(kind.rawValue)"
        var model: [String: Any] = ["values": values, "action": "\(base)/\(id)", "deleteAction": "\(base)/\(id)/delete",
                                    "backURL": base]
        if let error { model["error"] = error }
        return try await site.page(kind.editTemplate, title: site.text(kind.titleKey, context), request: request,
                                   context: context, council: council, model: model, status: status)
    }

    func update(_ kind: Kind, _ request: Request, _ context: AppContext) async throws -> Response {
        let council = try await site.requireCouncil(context)
        _ = try await site.authorize(.manageBodies, in: council, context: context)
        let body = try await load(kind, council: council, context: context)
        let form = context.form
        do {
            let name = try Validate.localizedName(form.localized("name"))
            switch kind {
            case .groups:
                try await site.groups.update(id: body.id, councilID: council.id, name: name, acronym: form.text("acronym"),
                                             description: form.localized("description"))
            case .commissions:
                try await site.commissions.update(id: body.id, councilID: council.id, name: name,
                                                  description: form.localized("description"))
            }
            return .redirect(to: SiteURL.with("/\(council.slug)/admin/\(kind.rawValue)", notice: "saved"), type: .normal)
        } catch let failure as ValidationFailure {
            var values = form.localized("name").formValues("name").merging(form.localized("description").formValues("description")) { $1 }
            values["acronym"] = form["acronym"] ?? ""
            return try await renderEdit(kind, request, context, council: council, id: body.id, values: values,
                                        error: site.text(failure.key, context), status: .unprocessableContent)
                .response(from: request, context: context)
        }
    }

    func delete(_ kind: Kind, _ request: Request, _ context: AppContext) async throws -> Response {
        let council = try await site.requireCouncil(context)
        _ = try await site.authorize(.manageBodies, in: council, context: context)
        let body = try await load(kind, council: council, context: context)
        switch kind {
        case .groups: try await site.groups.delete(id: body.id, councilID: council.id)
        case .commissions: try await site.commissions.delete(id: body.id, councilID: council.id)
        }
        return .redirect(to: SiteURL.with("/\(council.slug)/admin/\(kind.rawValue)", notice: "deleted"), type: .normal)
    }
}
