import Cooperation
import Foundation
import HemicycleDomain
import Hummingbird
import PublicSite
import Storage

/// Missions between councils (`/{council}/cooperation/missions`): the secretariat records who travelled (the council's
/// sitting members), where and when, whom they met, the purpose and outcomes; everyone reads them, and the member
/// pages list them. A post about a mission can be started from its page.
struct MissionRoutes {
    let services: MissionServices
    let pages: Pages

    static let longestText = 5_000

    func register(in council: PathRegistrar) {
        council.get(MissionPaths.list, use: list)
        council.get(MissionPaths.new, use: newForm)
        council.post(MissionPaths.list, use: create)
        council.get(MissionPaths.item, use: item)
        council.get(MissionPaths.edit, use: editForm)
        council.post(MissionPaths.item, use: update)
        council.post(MissionPaths.delete, use: delete)
    }

    /// "31 janv. 2024 – 1 févr. 2024", or one day.
    static func dates(_ mission: MissionRecord, format: Formatting) -> String {
        let first = format.date(Date(timeIntervalSince1970: mission.startsAt)), last = format.date(Date(timeIntervalSince1970: mission.endsAt))
        return first == last ? first : "\(first) – \(last)"
    }

    static func day(_ seconds: Double, in zone: TimeZone) -> String {
        String(WorkPageModel.inputDate(seconds, in: zone).prefix(10))
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> HTML {
        let scope = try context.inCouncil()
        let council = scope.council
        let format = Formatting(language: context.language, council: council)
        var rows: [MissionListPage.Row] = []
        let counts = try await services.missions.travellerCounts(councilID: council.id)
        for mission in try await services.missions.all(councilID: council.id) {
            let count = counts[mission.id] ?? 0
            rows.append(MissionListPage.Row(
                url: MissionPaths.item.url(council.slug, mission.id), title: pages.localized(mission.title, context.language, councilDefault: council.language),
                destination: mission.destination, dates: Self.dates(mission, format: format),
                count: pages.plural("mission_members_count", count: count, context, format: format)))
        }
        let model = MissionListPage(rows: rows, hasRows: !rows.isEmpty,
                                    newURL: MissionRules.decide(.record, by: scope.actor).isAllowed ? MissionPaths.new.url(council.slug) : nil,
                                    partnersURL: PartnerPaths.list.url(council.slug))
        return try await pages.page("missions", title: pages.text("missions_title", context), request: request, context: context, council: council,
                                    typed: model)
    }

    func mission(_ context: AppContext) async throws -> (CouncilScope, MissionRecord) {
        let scope = try context.inCouncil()
        guard let id = context.parameters.get("id", as: Int64.self), let mission = try await services.missions.find(id: id, councilID: scope.council.id)
        else { throw PageError.notFound }
        return (scope, mission)
    }

    @Sendable func item(_ request: Request, context: AppContext) async throws -> HTML {
        let (scope, mission) = try await mission(context)
        let council = scope.council, language = context.language
        let format = Formatting(language: language, council: council)
        let travelled = Set(try await services.missions.members(missionID: mission.id))
        let seats = try await services.memberships.all(councilID: council.id, includingEnded: true).filter { travelled.contains($0.id) }
        let groups = Dictionary(try await services.groups.all(councilID: council.id).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let commissions = Dictionary(try await services.commissions.all(councilID: council.id).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let commissionSeats = Dictionary(grouping: try await services.commissions.seats(councilID: council.id), by: \.membershipID)
        let people = seats.map { seat in
            MissionPage.Person(
                url: CouncilPaths.memberPage(council, seat), name: seat.displayName,
                group: seat.groupId.flatMap { groups[$0] }.map { pages.localized($0.name, language, councilDefault: council.language).text },
                commissions: (commissionSeats[seat.id] ?? []).compactMap { commissions[$0.commissionID] }
                    .map { pages.localized($0.name, language, councilDefault: council.language).text }
                    .sorted().joined(separator: " ; ").nilIfEmpty)
        }
        var partnerLink: LinkView?
        if let id = mission.partnerCouncilId, let partnerCouncil = try await services.councils.find(id: id) {
            partnerLink = LinkView(url: PartnerPaths.item.url(council.slug, partnerCouncil.slug),
                                   label: pages.localized(partnerCouncil.name, language, councilDefault: partnerCouncil.language))
        }
        // The agreement it serves, for those who may see it (a signed one is public; one under negotiation is the parties').
        var agreementLink: LinkView?
        if let id = mission.agreementId, let agreement = try await services.agreements.find(id: id, partyID: council.id),
           AgreementRules.decide(.see(agreement.status(at: services.clock.now(), in: council)), by: scope.actor).isAllowed {
            agreementLink = LinkView(url: AgreementPaths.item.url(council.slug, agreement.id),
                                     label: pages.localized(agreement.title, language, councilDefault: council.language))
        }
        let news = try await services.inTheNews.links(.mission, mission.id, council: council, context: context)
        let mayRecord = MissionRules.decide(.record, by: scope.actor).isAllowed
        let mayWrite = NewsRules.decide(.create, by: NewsActor(scope.actor), status: .draft).isAllowed
        let model = MissionPage(
            title: pages.localized(mission.title, language, councilDefault: council.language), destination: mission.destination, partner: partnerLink,
            agreement: agreementLink,
            dates: Self.dates(mission, format: format), people: people, met: mission.met.nilIfEmpty, purpose: mission.purpose,
            outcomes: mission.outcomes.nilIfEmpty, contentLang: council.language.rawValue, contentDir: council.language.direction,
            editURL: mayRecord ? MissionPaths.edit.url(council.slug, mission.id) : nil,
            deleteAction: mayRecord ? MissionPaths.delete.url(council.slug, mission.id) : nil,
            newsURL: mayWrite ? NewsPaths.new.url(council.slug) + "?from=mission:\(mission.id)" : nil,
            backURL: MissionPaths.list.url(council.slug), news: news, hasNews: !news.isEmpty)
        return try await pages.page("mission", title: model.title.text, request: request, context: context, council: council, typed: model)
    }

    func form(_ request: Request, _ context: AppContext, mission: MissionRecord?, values: [String: String], chosen: Set<Int64>,
              error: String?, status: HTTPResponse.Status = .ok) async throws -> HTML {
        let scope = try context.inCouncil()
        let council = scope.council, language = context.language
        try pages.require(MissionRules.decide(.record, by: scope.actor), context)
        let groups = Dictionary(try await services.groups.all(councilID: council.id).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        // The council's sitting members, and whoever was on the mission and no longer sits (kept unless unticked).
        var travelled: Set<Int64> = []
        if let mission { travelled = Set(try await services.missions.members(missionID: mission.id)) }
        let members = try await services.memberships.all(councilID: council.id, includingEnded: true)
            .filter { $0.sits || travelled.contains($0.id) }.map { seat in
            MissionFormPage.Member(
                value: seat.id,
                label: seat.groupId.flatMap { groups[$0] }.map { "\(seat.displayName) — \(pages.localized($0.name, language, councilDefault: council.language).text)" }
                    ?? seat.displayName,
                checked: chosen.contains(seat.id))
        }
        let partners = try await services.councils.all().filter { $0.id != council.id }.map {
            SelectOption(value: "\($0.id)", label: pages.localized($0.name, language, councilDefault: $0.language).text, selected: values["partner"] == "\($0.id)")
        }
        let agreements = try await services.agreements.all(councilID: council.id).map {
            SelectOption(value: "\($0.id)", label: pages.localized($0.title, language, councilDefault: council.language).text,
                         selected: values["agreement"] == "\($0.id)")
        }
        let model = MissionFormPage(
            heading: pages.text(mission == nil ? "mission_new_title" : "mission_edit_title", context),
            action: mission.map { MissionPaths.item.url(council.slug, $0.id) } ?? MissionPaths.list.url(council.slug),
            values: values, members: members, partners: partners, agreements: agreements, zone: council.timeZone, error: error,
            backURL: mission.map { MissionPaths.item.url(council.slug, $0.id) } ?? MissionPaths.list.url(council.slug))
        return try await pages.page("mission-form", title: model.heading, request: request, context: context, council: council, typed: model,
                                    status: status)
    }

    @Sendable func newForm(_ request: Request, context: AppContext) async throws -> HTML {
        try await form(request, context, mission: nil, values: [:], chosen: [], error: nil)
    }

    @Sendable func editForm(_ request: Request, context: AppContext) async throws -> HTML {
        let (scope, mission) = try await mission(context)
        try pages.require(MissionRules.decide(.record, by: scope.actor), context)
        let zone = scope.council.zone
        let values = ["title_fr": mission.titleFr ?? "", "title_ar": mission.titleAr ?? "", "title_en": mission.titleEn ?? "",
                      "destination": mission.destination, "partner": mission.partnerCouncilId.map(String.init) ?? "",
                      "agreement": mission.agreementId.map(String.init) ?? "",
                      "starts_on": Self.day(mission.startsAt, in: zone), "ends_on": Self.day(mission.endsAt, in: zone),
                      "met": mission.met, "purpose": mission.purpose, "outcomes": mission.outcomes]
        return try await form(request, context, mission: mission, values: values,
                              chosen: Set(try await services.missions.members(missionID: mission.id)), error: nil)
    }

    /// The fields of the form, checked; a `ValidationFailure` names what is wrong.
    func fields(_ context: AppContext, council: Council, partners: Set<Int64>) throws -> MissionFields {
        let form = context.form
        let title = try Validate.localizedName(form.localized("title"), field: "title")
        let text = { (name: String) in Validate.storable(form[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        let destination = text("destination"), met = text("met"), purpose = text("purpose"), outcomes = text("outcomes")
        guard destination.count <= Validate.maximumNameLength, [met, purpose, outcomes].allSatisfy({ $0.count <= Self.longestText })
        else { throw ValidationFailure(field: "", key: "mission_error_too_long") }
        guard let first = CivilDay(form.text("starts_on") ?? ""), let last = CivilDay(form.text("ends_on") ?? ""),
              let starts = WorkActionRoutes.date(form.text("starts_on"), in: council.zone),
              let ends = WorkActionRoutes.date(form.text("ends_on"), in: council.zone) else { throw ValidationFailure(field: "starts_on", key: "mission_error_dates") }
        var members: [Int64] = []
        for value in form.all("member") {
            guard let id = Int64(value) else { throw ValidationFailure(field: "member", key: "mission_error_members") }
            members.append(id)
        }
        var partner: Int64?
        if let raw = form.text("partner") {
            guard let id = Int64(raw), id != council.id, partners.contains(id) else { throw ValidationFailure(field: "partner", key: "mission_error_partner") }
            partner = id
        }
        var agreement: Int64?
        if let raw = form.text("agreement") {
            guard let id = Int64(raw) else { throw ValidationFailure(field: "agreement", key: "mission_error_agreement") }
            agreement = id
        }
        if let problem = MissionDraft(destination: destination, firstDay: first, lastDay: last, members: members, purpose: purpose).problem() {
            throw ValidationFailure(field: "", key: problem)
        }
        return MissionFields(title: title, destination: destination, partnerCouncilID: partner, startsAt: starts, endsAt: ends, met: met,
                             purpose: purpose, outcomes: outcomes, members: members, agreementID: agreement)
    }

    /// What was typed, to show again after a refusal.
    func typed(_ context: AppContext) -> (values: [String: String], chosen: Set<Int64>) {
        var values: [String: String] = [:]
        for name in ["title_fr", "title_ar", "title_en", "destination", "partner", "agreement", "starts_on", "ends_on", "met", "purpose", "outcomes"] {
            values[name] = context.form[name] ?? ""
        }
        return (values, Set(context.form.all("member").compactMap { Int64($0) }))
    }

    /// Stores what `write` does with the form's fields, or shows the form again with the refusal.
    func save(_ request: Request, _ context: AppContext, mission: MissionRecord?,
              write: (MissionFields) async throws -> Int64) async throws -> Response {
        let scope = try context.inCouncil()
        try pages.require(MissionRules.decide(.record, by: scope.actor), context)
        do {
            let partners = Set(try await services.councils.all().map(\.id))
            let id = try await write(try fields(context, council: scope.council, partners: partners))
            return .redirect(to: SiteURL.with(MissionPaths.item.url(scope.slug, id), notice: "saved"), type: .normal)
        } catch let failure as ValidationFailure {
            let (values, chosen) = typed(context)
            return try await form(request, context, mission: mission, values: values, chosen: chosen, error: pages.text(failure.key, context),
                                  status: .unprocessableContent).response(from: request, context: context)
        } catch StoreError.stateChanged {
            // An agreement the council (or the partner) is not party to.
            let (values, chosen) = typed(context)
            return try await form(request, context, mission: mission, values: values, chosen: chosen, error: pages.text("mission_error_agreement", context),
                                  status: .unprocessableContent).response(from: request, context: context)
        } catch StoreError.notFound {
            // A seat that is not a sitting member of this council, or a partner that is no council.
            let (values, chosen) = typed(context)
            return try await form(request, context, mission: mission, values: values, chosen: chosen, error: pages.text("mission_error_members", context),
                                  status: .unprocessableContent).response(from: request, context: context)
        }
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let council = try context.inCouncil().council
        return try await save(request, context, mission: nil) { fields in
            try await services.missions.create(councilID: council.id, fields, at: services.clock.now().timeIntervalSince1970)
        }
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, mission) = try await mission(context)
        return try await save(request, context, mission: mission) { fields in
            try await services.missions.update(id: mission.id, councilID: scope.council.id, fields, at: services.clock.now().timeIntervalSince1970)
            return mission.id
        }
    }

    @Sendable func delete(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, mission) = try await mission(context)
        try pages.require(MissionRules.decide(.record, by: scope.actor), context)
        try await services.missions.delete(id: mission.id, councilID: scope.council.id)
        return .redirect(to: SiteURL.with(MissionPaths.list.url(scope.slug), notice: "deleted"), type: .normal)
    }
}

extension String {
    /// nil for an empty text.
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
