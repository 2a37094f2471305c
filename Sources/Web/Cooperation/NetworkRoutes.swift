import Cooperation
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// What the networks' routes need.
struct NetworkServices: Sendable {
    let networks: NetworkRepository
    let councils: CouncilRepository
    let inTheNews: InTheNews

    init(site: Site) {
        networks = NetworkRepository(database: site.database)
        councils = site.councils
        inTheNews = InTheNews(database: site.database, clock: site.clock)
    }
}

/// The networks of councils (`/networks`) and their directories (`/networks/{network}`): each member council with
/// its country, languages, site, and its page here or the address of its own Hemicycle, and the posts of the councils
/// hosted here that mention the network. Anyone reads them; the
/// instance's administrators keep them.
struct NetworkRoutes {
    let services: NetworkServices
    let pages: Pages

    func register(on routes: PathRegistrar) {
        routes.get(NetworkPaths.list, use: list)
        routes.post(NetworkPaths.list, use: create)
        routes.get(NetworkPaths.item, use: item)
        routes.post(NetworkPaths.item, use: update)
        routes.post(NetworkPaths.delete, use: delete)
        routes.post(NetworkPaths.members, use: addMember)
        routes.post(NetworkPaths.memberDelete, use: removeMember)
    }

    static func actor(_ context: AppContext) -> CouncilActor {
        guard let account = context.account else { return .visitor }
        return CouncilActor(role: nil, isInstanceAdministrator: account.isInstanceAdmin, isVerified: account.isVerified)
    }

    func mayManage(_ context: AppContext) -> Bool { NetworkRules.mayManage(Self.actor(context)).isAllowed }

    func requireManager(_ context: AppContext) throws {
        try pages.require(NetworkRules.mayManage(Self.actor(context)), context)
    }

    func network(_ context: AppContext) async throws -> NetworkRecord {
        guard let slug = context.parameters.get("network"), let network = try await services.networks.find(slug: slug) else { throw PageError.notFound }
        return network
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> HTML {
        let format = Formatting(language: context.language)
        let counts = try await services.networks.memberCounts()
        let rows = format.sorted(try await services.networks.all(), byName: \.name, councilDefault: .fr).map { network in
            NetworkListPage.Row(url: NetworkPaths.item.url(network.slug), name: pages.localized(network.name, context.language),
                                members: pages.plural("network_members_count", count: counts[network.id] ?? 0, context, format: format),
                                founded: network.founded.map { pages.text("network_founded_in", context, ["year": String($0)]) })
        }
        let model = NetworkListPage(rows: rows, hasRows: !rows.isEmpty,
                                    form: mayManage(context) ? NetworkForm(action: NetworkPaths.list.url, values: [:], isNew: true) : nil)
        return try await pages.page("networks", title: pages.text("networks_title", context), request: request, context: context, typed: model)
    }

    @Sendable func item(_ request: Request, context: AppContext) async throws -> HTML {
        let network = try await network(context)
        let language = context.language, manages = mayManage(context)
        let format = Formatting(language: language)
        let locale = Locale(identifier: language.rawValue)
        let councils = try await services.councils.all()
        let hosted = Dictionary(councils.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func country(_ code: String) -> String { locale.localizedString(forRegionCode: code) ?? code }
        func languages(_ codes: [String]) -> String { format.list(codes.map { locale.localizedString(forLanguageCode: $0) ?? $0 }) }
        let records = try await services.networks.members(networkID: network.id)
        var members: [NetworkPage.Member] = records.compactMap { member in
            let delete = manages ? NetworkPaths.memberDelete.url(network.slug, member.id) : nil
            if let id = member.councilId {
                guard let council = hosted[id] else { return nil }
                return NetworkPage.Member(
                    name: pages.localized(council.name, language, councilDefault: council.language), url: CouncilPaths.home.url(council.slug),
                    hostedHere: true, country: country(council.country), languages: languages(council.publishedLanguages.map(\.rawValue)),
                    memberWebsite: council.website.flatMap { $0.isEmpty ? nil : $0 }, removeAction: delete)
            }
            return NetworkPage.Member(
                name: LocalizedView(text: member.name, lang: nil, dir: "auto", fallback: false, fallbackNote: nil, missing: false),
                url: member.hemicycleURL, hostedHere: false, country: country(member.country), languages: languages(member.languageCodes),
                memberWebsite: member.website, removeAction: delete)
        }
        members = format.sorted(members) { "\($0.country) \($0.name.text)" }
        let listed = Set(records.compactMap(\.councilId))
        let description = pages.localized(network.description, language)
        let news = try await services.inTheNews.links(network: network.id, councils: councils, context: context)
        let values = ["name_fr": network.nameFr ?? "", "name_ar": network.nameAr ?? "", "name_en": network.nameEn ?? "",
                      "description_fr": network.descriptionFr ?? "", "description_ar": network.descriptionAr ?? "",
                      "description_en": network.descriptionEn ?? "", "website": network.website ?? "", "founded": network.founded.map(String.init) ?? ""]
        let model = NetworkPage(
            name: pages.localized(network.name, language), description: description.text.isEmpty ? nil : description,
            founded: network.founded.map(String.init),
            website: network.website, members: members, hasMembers: !members.isEmpty,
            count: pages.plural("network_members_count", count: members.count, context, format: format),
            form: manages ? NetworkForm(action: NetworkPaths.item.url(network.slug), values: values, isNew: false) : nil,
            memberForm: manages ? MemberForm(action: NetworkPaths.members.url(network.slug), councils: councils.filter { !listed.contains($0.id) }.map {
                SelectOption(value: "\($0.id)", label: pages.localized($0.name, language, councilDefault: $0.language).text, selected: false)
            }) : nil,
            news: news, hasNews: !news.isEmpty, deleteAction: manages ? NetworkPaths.delete.url(network.slug) : nil, backURL: NetworkPaths.list.url)
        return try await pages.page("network", title: model.name.text, request: request, context: context, typed: model)
    }

    /// The network's fields from the form; a refusal is 422 with its sentence.
    func fields(_ context: AppContext, slug: String) throws -> NetworkFields {
        let form = context.form
        let name: LocalizedText
        do { name = try Validate.localizedName(form.localized("name"), field: "name") } catch { throw PageError(.unprocessableContent, error.key) }
        let description = form.localized("description")
        guard Language.allCases.allSatisfy({ (description[$0] ?? "").count <= 5_000 }) else { throw PageError(.unprocessableContent, "network_error_too_long") }
        var website: String?
        if let raw = form.text("website") {
            do { website = try Validate.link(raw, field: "website") } catch { throw PageError(.unprocessableContent, error.key) }
        }
        var founded: Int?
        if let raw = form.text("founded") {
            guard let year = Int(raw) else { throw PageError(.unprocessableContent, "network_error_founded") }
            founded = year
        }
        if let problem = NetworkDraft(slug: slug, founded: founded).problem() { throw PageError(.unprocessableContent, problem) }
        return NetworkFields(slug: slug, name: name, description: description, website: website, founded: founded)
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        try requireManager(context)
        let fields = try fields(context, slug: context.form.text("slug") ?? "")
        do { _ = try await services.networks.create(fields) } catch StoreError.duplicateName { throw PageError(.conflict, "network_error_slug_taken") }
        return .redirect(to: SiteURL.with(NetworkPaths.item.url(fields.slug), notice: "saved"), type: .normal)
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        try requireManager(context)
        let network = try await network(context)
        try await services.networks.update(id: network.id, try fields(context, slug: network.slug))
        return .redirect(to: SiteURL.with(NetworkPaths.item.url(network.slug), notice: "saved"), type: .normal)
    }

    @Sendable func delete(_ request: Request, context: AppContext) async throws -> Response {
        try requireManager(context)
        let network = try await network(context)
        try await services.networks.delete(id: network.id)
        return .redirect(to: SiteURL.with(NetworkPaths.list.url, notice: "deleted"), type: .normal)
    }

    /// A council hosted here (`council`), or another named with its country and languages.
    @Sendable func addMember(_ request: Request, context: AppContext) async throws -> Response {
        try requireManager(context)
        let network = try await network(context)
        let form = context.form
        let hosted = form.text("council").flatMap { Int64($0) }
        let name = Validate.storable(form["name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let country = (form.text("country") ?? "").uppercased()
        let languages = (form.text("languages") ?? "").lowercased().split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        if form.text("council") != nil, hosted == nil { throw PageError(.unprocessableContent, "network_member_error_council") }
        let draft = NetworkMemberDraft(isHosted: hosted != nil, name: name, country: country, languages: languages)
        if let problem = draft.problem() { throw PageError(.unprocessableContent, problem) }
        var website: String?, address: String?
        if hosted == nil {
            do {
                if let raw = form.text("website") { website = try Validate.link(raw, field: "website") }
                if let raw = form.text("hemicycle") { address = try Validate.link(raw, field: "hemicycle") }
            } catch { throw PageError(.unprocessableContent, error.key) }
        }
        do {
            _ = try await services.networks.addMember(networkID: network.id, NetworkMemberFields(
                councilID: hosted, name: hosted == nil ? name : "", country: hosted == nil ? country : "", languages: hosted == nil ? languages : [],
                website: website, hemicycleURL: address))
        } catch StoreError.notFound {
            throw PageError(.unprocessableContent, "network_member_error_council")
        } catch StoreError.alreadyMember {
            throw PageError(.conflict, "network_member_error_listed")
        }
        return .redirect(to: SiteURL.with(NetworkPaths.item.url(network.slug), notice: "saved") + "#members", type: .normal)
    }

    @Sendable func removeMember(_ request: Request, context: AppContext) async throws -> Response {
        try requireManager(context)
        let network = try await network(context)
        guard let id = context.parameters.get("member", as: Int64.self) else { throw PageError.notFound }
        do { try await services.networks.removeMember(id: id, networkID: network.id) } catch StoreError.notFound { throw PageError.notFound }
        return .redirect(to: SiteURL.with(NetworkPaths.item.url(network.slug), notice: "deleted") + "#members", type: .normal)
    }
}
