import Cooperation
import HemicycleDomain
import Storage

/// What a post may mention, for its writer to paste: the council's sitting members, groups, commissions, works,
/// public consultations, missions and agreements past negotiation, the councils hosted here and the networks of
/// councils, each as the link the body keeps as a mention (by number, in the post's language where the name has one).
struct NewsMentionPicker {
    let services: NewsServices
    let pages: Pages

    struct Group: Encodable {
        let heading: String
        let items: [Item]
    }

    struct Item: Encodable {
        let label: String
        let snippet: String
    }

    func groups(_ council: Council, language: Language, context: AppContext) async throws -> [Group] {
        let slug = council.slug
        func name(_ text: LocalizedText) -> String { text.resolved(for: language, councilDefault: council.language)?.text ?? "" }
        func item(_ label: String, _ path: String) -> Item {
            Item(label: label, snippet: "<a href=\"\(path)\">\(HTMLEscaping.escape(label))</a>")
        }
        let members = try await services.memberships.all(councilID: council.id).filter(\.roleValue.sitsInAssembly)
            .map { item($0.displayName, CouncilPaths.member.url(slug, $0.id)) }
        let groups = try await services.groups.all(councilID: council.id).map { item(name($0.name), CouncilPaths.group.url(slug, $0.id)) }
        let commissions = try await services.commissions.all(councilID: council.id).map { item(name($0.name), CouncilPaths.commission.url(slug, $0.id)) }
        let works = try await services.works.all(councilID: council.id).map { item(name($0.title), WorkPaths.item.url(slug, $0.id)) }
        let consultations = try await services.consultations.all(councilID: council.id, includeDrafts: false)
            .map { item(name($0.title), ConsultationPaths.item.url(slug, $0.id)) }
        let missions = try await services.missions.all(councilID: council.id).map { item(name($0.title), MissionPaths.item.url(slug, $0.id)) }
        // An agreement still negotiated is not yet public: its link would lead readers nowhere.
        let now = services.clock.now()
        let agreements = try await services.agreements.all(councilID: council.id).filter { $0.status(at: now, in: council).isPublic }
            .map { item(name($0.title), AgreementPaths.item.url(slug, $0.id)) }
        let councils = try await services.councils.all().map { item(name($0.name), CouncilPaths.home.url($0.slug)) }
        let networks = try await services.networks.all().map { item(name($0.name), NetworkPaths.item.url($0.slug)) }
        return [("news_mention_members", members), ("news_mention_groups", groups), ("news_mention_commissions", commissions),
                ("news_mention_works", works), ("news_mention_consultations", consultations), ("news_mention_missions", missions),
                ("news_mention_agreements", agreements), ("news_mention_councils", councils), ("news_mention_networks", networks)]
            .filter { !$0.1.isEmpty }
            .map { Group(heading: pages.text($0.0, context), items: $0.1.sorted { $0.label < $1.label }) }
    }
}
