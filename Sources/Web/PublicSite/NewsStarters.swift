import HemicycleDomain
import Storage

/// What a post may start from, pre-filled with its facts and links: a mission, an avis the council adopted or
/// published, and a convention whose panel was drawn. The writer reads, completes and submits it as any post.
struct NewsStarters {
    let services: NewsServices
    let pages: Pages

    static let workStatuses = ["adopted", "published"]
    static let drawnStatuses = ["drawn", "sitting", "reported"]

    /// The choices, as `kind:id` with their label.
    func options(_ council: Council, context: AppContext) async throws -> [NewsFormPage.Option] {
        let language = context.language
        let works = try await services.works.all(councilID: council.id, statuses: Self.workStatuses, kind: nil).map { work in
            NewsFormPage.Option(value: "work:\(work.id)", label: pages.text("news_from_work_option", context, [
                "title": pages.localized(work.title, language, councilDefault: council.language).text,
            ]), selected: false)
        }
        let draws = try await services.conventions.all(councilID: council.id, statuses: Self.drawnStatuses).map { convention in
            NewsFormPage.Option(value: "draw:\(convention.id)", label: pages.text("news_from_draw_option", context, [
                "title": pages.localized(convention.title, language, councilDefault: council.language).text,
            ]), selected: false)
        }
        let missions = try await services.missions.all(councilID: council.id).map { mission in
            NewsFormPage.Option(value: "mission:\(mission.id)", label: pages.text("news_from_mission_option", context, [
                "title": pages.localized(mission.title, language, councilDefault: council.language).text,
            ]), selected: false)
        }
        return missions + works + draws
    }

    /// The post `from` starts, in the writer's language; nil when it names nothing this council may publish about.
    func prefill(_ from: String, council: Council, context: AppContext) async throws -> NewsInput? {
        let parts = from.split(separator: ":")
        guard parts.count == 2, let id = Int64(parts[1]) else { return nil }
        let language = context.language
        let escape = { (text: String) in HTMLEscaping.escape(text) }
        var input = NewsInput(form: Form(), defaultLanguage: council.publishedLanguages.contains(language) ? language : council.language)
        switch parts[0] {
        case "work":
            guard let work = try await services.works.find(id: id, councilID: council.id), Self.workStatuses.contains(work.status) else { return nil }
            let title = pages.localized(work.title, language, councilDefault: council.language).text
            let summary = pages.localized(work.summary, language, councilDefault: council.language).text
            let seats = try await services.memberships.all(councilID: council.id)
            let rapporteurs = try await services.works.rapporteurs(workID: work.id).compactMap { id in seats.first { $0.id == id } }
            let names = Formatting(language: language).list(rapporteurs.map {
                "<a href=\"\(CouncilPaths.member.url(council.slug, $0.id))\">\(escape($0.displayName))</a>"
            })
            input.category = "plenary"
            input.title = pages.text("news_from_work_title", context, ["title": title])
            input.summary = summary.isEmpty ? input.title : summary
            input.body = "<p>\(escape(input.summary))</p>\n"
                + (rapporteurs.isEmpty ? "" : "<p>\(pages.plural("news_from_work_rapporteurs", count: rapporteurs.count, context, format: Formatting(language: language), ["names": names]))</p>\n")
                + "<p><a href=\"\(WorkPaths.item.url(council.slug, work.id))\">\(escape(pages.text("news_from_work_link", context, ["title": title])))</a></p>"
        case "draw":
            guard let convention = try await services.conventions.find(id: id, councilID: council.id),
                  Self.drawnStatuses.contains(convention.status) else { return nil }
            let title = pages.localized(convention.title, language, councilDefault: council.language).text
            let mandate = pages.localized(convention.mandate, language, councilDefault: council.language).text
            let format = Formatting(language: language, council: council)
            input.category = "participation"
            input.title = pages.plural("news_from_draw_title", count: convention.panelSize, context, format: format, ["title": title])
            input.summary = mandate.isEmpty ? input.title : mandate
            input.body = "<p>\(escape(pages.plural("news_from_draw_body", count: convention.panelSize, context, format: format, ["title": title])))</p>\n"
                + "<p><a href=\"\(ConventionPaths.draw.url(council.slug, convention.id))\">\(escape(pages.text("news_from_draw_link", context)))</a></p>\n"
                + "<p><a href=\"\(ConventionPaths.item.url(council.slug, convention.id))\">\(escape(title))</a></p>"
        case "mission":
            guard let mission = try await services.missions.find(id: id, councilID: council.id) else { return nil }
            input = try await missionPost(mission, input: input, council: council, context: context)
        default:
            return nil
        }
        return input
    }

    /// A post on a mission: who travelled (linked, with their groups), where and when, the partner council, the
    /// purpose, whom they met and the outcomes, and the mission's page.
    func missionPost(_ mission: MissionRecord, input: NewsInput, council: Council, context: AppContext) async throws -> NewsInput {
        var input = input
        let language = context.language
        let escape = { (text: String) in HTMLEscaping.escape(text) }
        let travelled = Set(try await services.missions.members(missionID: mission.id))
        let seats = try await services.memberships.all(councilID: council.id, includingEnded: true).filter { travelled.contains($0.id) }
        let groups = Dictionary(try await services.groups.all(councilID: council.id).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let names = Formatting(language: language).list(seats.map { seat in
            let person = CouncilPaths.memberPage(council, seat).map { "<a href=\"\($0)\">\(escape(seat.displayName))</a>" } ?? escape(seat.displayName)
            guard let group = seat.groupId.flatMap({ groups[$0] }) else { return person }
            return person + " (<a href=\"\(CouncilPaths.group.url(council.slug, group.id))\">"
                + escape(pages.localized(group.name, language, councilDefault: council.language).text) + "</a>)"
        })
        var partner = escape(mission.destination)
        if let id = mission.partnerCouncilId, let other = try await services.councils.find(id: id) {
            partner = "<a href=\"\(CouncilPaths.home.url(other.slug))\">\(escape(pages.localized(other.name, language, councilDefault: other.language).text))</a>"
        }
        let title = pages.localized(mission.title, language, councilDefault: council.language).text
        let format = Formatting(language: language, council: council)
        input.category = "international"
        input.title = title
        input.summary = String(mission.purpose.prefix(600))
        input.body = "<p>" + pages.text("news_from_mission_body", context, [
            "names": names, "partner": partner, "destination": escape(mission.destination), "dates": escape(MissionRoutes.dates(mission, format: format)),
        ]) + "</p>\n"
            + "<p>\(escape(mission.purpose))</p>\n"
            + (mission.met.isEmpty ? "" : "<p>\(escape(mission.met))</p>\n")
            + (mission.outcomes.isEmpty ? "" : "<p>\(escape(mission.outcomes))</p>\n")
            + "<p><a href=\"\(MissionPaths.item.url(council.slug, mission.id))\">\(escape(pages.text("news_from_mission_link", context)))</a></p>"
        return input
    }
}
