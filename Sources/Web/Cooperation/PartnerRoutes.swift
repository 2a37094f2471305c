import Cooperation
import Foundation
import HemicycleDomain
import Hummingbird
import PublicSite
import Storage

/// The council's partners (`/{council}/cooperation/partners`): the other councils hosted here, each with its page
/// from the cooperation data (its country, languages, networks and site; the missions between the two councils, both
/// ways; the posts that mention it).
enum PartnerPaths {
    static let list = Path1("/{council}/cooperation/partners")
    static let item = Path2("/{council}/cooperation/partners/{partner}")

    static let all: [any DeclaredPath] = [list, item]
}

struct PartnerRoutes {
    let services: MissionServices
    let pages: Pages

    func register(in council: PathRegistrar) {
        council.get(PartnerPaths.list, use: list)
        council.get(PartnerPaths.item, use: item)
    }

    /// The missions between the two councils: this one's to the partner, and the partner's to this one.
    func missions(between council: Council, and partner: Council) async throws -> (ours: [MissionRecord], theirs: [MissionRecord]) {
        (try await services.missions.all(councilID: council.id).filter { $0.partnerCouncilId == partner.id },
         try await services.missions.all(councilID: partner.id).filter { $0.partnerCouncilId == council.id })
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> HTML {
        let council = try context.inCouncil().council
        let format = Formatting(language: context.language, council: council)
        var rows: [PartnerListPage.Row] = []
        for partner in try await services.councils.all() where partner.id != council.id {
            let (ours, theirs) = try await missions(between: council, and: partner)
            rows.append(PartnerListPage.Row(
                url: PartnerPaths.item.url(council.slug, partner.slug), name: pages.localized(partner.name, context.language, councilDefault: partner.language),
                country: pages.text("country_\(partner.country)", context),
                missions: pages.plural("partner_missions_count", count: ours.count + theirs.count, context, format: format)))
        }
        return try await pages.page("partners", title: pages.text("partners_title", context), request: request, context: context, council: council,
                                    typed: PartnerListPage(rows: rows, hasRows: !rows.isEmpty, missionsURL: MissionPaths.list.url(council.slug)))
    }

    @Sendable func item(_ request: Request, context: AppContext) async throws -> HTML {
        let council = try context.inCouncil().council
        guard let slug = context.parameters.get("partner"), slug != council.slug, let partner = try await services.councils.find(slug: slug)
        else { throw PageError.notFound }
        let language = context.language
        let format = Formatting(language: language, council: council)
        let (ours, theirs) = try await missions(between: council, and: partner)
        func rows(_ missions: [MissionRecord], of owner: Council) -> [PartnerPage.Mission] {
            missions.map {
                PartnerPage.Mission(url: MissionPaths.item.url(owner.slug, $0.id), title: pages.localized($0.title, language, councilDefault: owner.language),
                                    dates: MissionRoutes.dates($0, format: format))
            }
        }
        let news = try await services.inTheNews.links(.council, partner.id, council: council, context: context)
        // The agreements between the two councils this reader may see.
        let parties = try await services.agreements.parties(councilID: council.id)
        let now = services.clock.now(), actor = try context.inCouncil().actor
        let agreements = try await services.agreements.all(councilID: council.id).compactMap { agreement -> PartnerPage.Agreement? in
            let status = agreement.status(at: now, in: council)
            guard (parties[agreement.id] ?? []).contains(partner.id), AgreementRules.decide(.see(status), by: actor).isAllowed else { return nil }
            return PartnerPage.Agreement(url: AgreementPaths.item.url(council.slug, agreement.id),
                                         title: pages.localized(agreement.title, language, councilDefault: council.language),
                                         status: pages.text("agreement_status_\(status.rawValue)", context))
        }
        let description = pages.localized(partner.description, language, councilDefault: partner.language)
        let networkLinks = try await services.networks.networks(councilID: partner.id).map {
            LinkView(url: NetworkPaths.item.url($0.slug), label: pages.localized($0.name, language))
        }
        let model = PartnerPage(
            name: pages.localized(partner.name, language, councilDefault: partner.language),
            description: description.text.isEmpty ? nil : description, homeURL: CouncilPaths.home.url(partner.slug),
            country: pages.text("country_\(partner.country)", context),
            languages: format.list(partner.publishedLanguages.map(\.endonym)),
            networks: partner.networkList.isEmpty ? nil : format.list(partner.networkList),
            networkLinks: networkLinks, hasNetworkLinks: !networkLinks.isEmpty,
            website: partner.website.flatMap { $0.isEmpty ? nil : $0 },
            agreements: agreements, hasAgreements: !agreements.isEmpty, ours: rows(ours, of: council), hasOurs: !ours.isEmpty, theirs: rows(theirs, of: partner), hasTheirs: !theirs.isEmpty,
            news: news, hasNews: !news.isEmpty, backURL: PartnerPaths.list.url(council.slug))
        return try await pages.page("partner", title: model.name.text, request: request, context: context, council: council, typed: model)
    }
}

struct PartnerListPage: Encodable {
    struct Row: Encodable {
        let url: String
        let name: LocalizedView
        let country: String
        let missions: String
    }

    let rows: [Row]
    let hasRows: Bool
    let missionsURL: String
}

/// A partner council, as this council's cooperation knows it.
struct PartnerPage: Encodable {
    struct Agreement: Encodable {
        let url: String
        let title: LocalizedView
        let status: String
    }

    struct Mission: Encodable {
        let url: String
        let title: LocalizedView
        let dates: String
    }

    let name: LocalizedView
    let description: LocalizedView?
    let homeURL: String
    let country: String
    let languages: String
    let networks: String?
    /// The networks' directories it is listed in.
    let networkLinks: [LinkView]
    let hasNetworkLinks: Bool
    let website: String?
    let agreements: [Agreement]
    let hasAgreements: Bool
    let ours: [Mission]
    let hasOurs: Bool
    let theirs: [Mission]
    let hasTheirs: Bool
    let news: [NewsMentionLink]
    let hasNews: Bool
    let backURL: String
}
