import Cooperation
import Foundation
import HemicycleDomain
import Hummingbird
import PublicSite
import Storage

/// Agreements between councils (`/{council}/cooperation`): the secretariat of a party records one with its parties,
/// days, signatories, themes and texts; anyone reads it once signed; the parties' members follow its action plan and
/// what is shared under it (`AgreementPlanRoutes`). Each party reads it under its own address.
struct AgreementRoutes {
    let services: AgreementServices
    let pages: Pages

    static let longestText = 100_000
    static let mostSignatories = 20

    func register(in council: PathRegistrar) {
        council.get(AgreementPaths.home, use: home)
        council.get(AgreementPaths.list, use: toHome)
        council.get(AgreementPaths.new, use: newForm)
        council.post(AgreementPaths.list, use: create)
        council.get(AgreementPaths.item, use: item)
        council.get(AgreementPaths.edit, use: editForm)
        council.post(AgreementPaths.item, use: update)
        council.post(AgreementPaths.delete, use: delete)
    }

    @Sendable func toHome(_ request: Request, context: AppContext) async throws -> Response {
        .redirect(to: AgreementPaths.home.url(try context.inCouncil().slug), type: .permanent)
    }

    /// The council's names, by id.
    func councils() async throws -> [Int64: Council] {
        Dictionary(try await services.councils.all().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func name(_ council: Council, _ context: AppContext) -> LocalizedView {
        pages.localized(council.name, context.language, councilDefault: council.language)
    }

    @Sendable func home(_ request: Request, context: AppContext) async throws -> HTML {
        let scope = try context.inCouncil()
        let council = scope.council, now = services.clock.now()
        let format = Formatting(language: context.language, council: council)
        let councils = try await councils()
        let parties = try await services.agreements.parties(councilID: council.id)
        var rows: [CooperationPage.Row] = []
        for agreement in try await services.agreements.all(councilID: council.id) {
            let status = agreement.status(at: now, in: council)
            guard AgreementRules.decide(.see(status), by: scope.actor).isAllowed else { continue }
            let others = (parties[agreement.id] ?? []).filter { $0 != council.id }.compactMap { councils[$0] }.map { name($0, context).text }
            rows.append(CooperationPage.Row(
                url: AgreementPaths.item.url(council.slug, agreement.id), title: pages.localized(agreement.title, context.language, councilDefault: council.language),
                status: pages.text("agreement_status_\(status.rawValue)", context), statusCode: status.rawValue,
                parties: format.list(format.sorted(others) { $0 }),
                signed: format.day(agreement.signedOn).map { day in
                    agreement.place.isEmpty ? pages.text("agreement_signed_on", context, ["date": day])
                        : pages.text("agreement_signed_on_at", context, ["date": day, "place": agreement.place])
                }))
        }
        let model = CooperationPage(rows: rows, hasRows: !rows.isEmpty,
                                    newURL: AgreementRules.decide(.record, by: scope.actor).isAllowed ? AgreementPaths.new.url(council.slug) : nil,
                                    partnersURL: PartnerPaths.list.url(council.slug), missionsURL: MissionPaths.list.url(council.slug),
                                    networksURL: NetworkPaths.list.url, practicesURL: PracticePaths.list.url(council.slug),
                                    themesURL: ThemeRules.mayManage(NetworkRoutes.actor(context)).isAllowed ? ThemePaths.list.url : nil,
                                    contributionsURL: ContributionRules.decide(.see, by: scope.actor, status: .draft, isOpen: true).isAllowed
                                        ? ContributionPaths.list.url(council.slug) : nil,
                                    instancesURL: InstanceLinkRules.mayRead(scope.actor).isAllowed ? FederationPaths.council.url(council.slug) : nil,
                                    linksURL: InstanceLinkRules.mayManageLinks(NetworkRoutes.actor(context)).isAllowed ? FederationPaths.links.url : nil)
        return try await pages.page("cooperation", title: pages.text("cooperation_title", context), request: request, context: context,
                                    council: council, typed: model)
    }

    /// The agreement named by the route, when the route's council is a party to it and the reader may see it (an
    /// agreement under negotiation is not found by those outside it).
    func agreement(_ context: AppContext) async throws -> (CouncilScope, AgreementRecord, AgreementStatus) {
        let scope = try context.inCouncil()
        guard let id = context.parameters.get("id", as: Int64.self), let agreement = try await services.agreements.find(id: id, partyID: scope.council.id)
        else { throw PageError.notFound }
        let status = agreement.status(at: services.clock.now(), in: scope.council)
        guard AgreementRules.decide(.see(status), by: scope.actor).isAllowed else { throw PageError.notFound }
        return (scope, agreement, status)
    }

    @Sendable func item(_ request: Request, context: AppContext) async throws -> HTML {
        let (scope, agreement, status) = try await agreement(context)
        let model = try await AgreementPageBuilder(services: services, pages: pages, context: context, scope: scope, agreement: agreement,
                                                   status: status).build()
        return try await pages.page("agreement", title: model.title.text, request: request, context: context, council: scope.council, typed: model)
    }

    /// What correcting (or recording) the agreement takes.
    static func writing(_ agreement: AgreementRecord?, in council: Council) -> AgreementAction {
        agreement.map { .edit(isRecorder: $0.councilId == council.id) } ?? .record
    }

    func form(_ request: Request, _ context: AppContext, agreement: AgreementRecord?, values: [String: String], parties: Set<Int64>,
              signatories: [Int64: String], themes: Set<Int64>, error: String?, status: HTTPResponse.Status = .ok) async throws -> HTML {
        let scope = try context.inCouncil()
        let council = scope.council, language = context.language
        try pages.require(AgreementRules.decide(Self.writing(agreement, in: council), by: scope.actor), context)
        let format = Formatting(language: language, council: council)
        let councils = format.sorted(try await services.councils.all()) { name($0, context).text }.map { other in
            AgreementFormPage.Council(value: other.id, label: name(other, context).text, checked: other.id == council.id || parties.contains(other.id),
                                      fixed: other.id == council.id,
                                      signatoriesLabel: pages.text("agreement_signatories_of", context, ["council": name(other, context).text]),
                                      signatories: signatories[other.id] ?? "")
        }
        let themes = try await services.agreements.themes().map {
            AgreementFormPage.Theme(value: $0.id, label: pages.localized($0.name, language).text, checked: themes.contains($0.id))
        }
        let back = agreement.map { AgreementPaths.item.url(council.slug, $0.id) } ?? AgreementPaths.home.url(council.slug)
        let model = AgreementFormPage(
            heading: pages.text(agreement == nil ? "agreement_new_title" : "agreement_edit_title", context),
            action: agreement.map { AgreementPaths.item.url(council.slug, $0.id) } ?? AgreementPaths.list.url(council.slug),
            values: values, councils: councils, themes: themes, zone: pages.text("agreement_days_hint", context, ["zone": council.timeZone]), error: error, backURL: back)
        return try await pages.page("agreement-form", title: model.heading, request: request, context: context, council: council, typed: model,
                                    status: status)
    }

    @Sendable func newForm(_ request: Request, context: AppContext) async throws -> HTML {
        try await form(request, context, agreement: nil, values: [:], parties: [], signatories: [:], themes: [], error: nil)
    }

    @Sendable func editForm(_ request: Request, context: AppContext) async throws -> HTML {
        let (scope, agreement, _) = try await agreement(context)
        try pages.require(AgreementRules.decide(Self.writing(agreement, in: scope.council), by: scope.actor), context)
        var values = ["title_fr": agreement.titleFr ?? "", "title_ar": agreement.titleAr ?? "", "title_en": agreement.titleEn ?? "",
                      "text_fr": agreement.textFr, "text_ar": agreement.textAr, "text_en": agreement.textEn, "place": agreement.place]
        for (name, day) in [("signed_on", agreement.signedOn), ("in_force_from", agreement.inForceFrom), ("ends_on", agreement.endsOn),
                            ("terminated_on", agreement.terminatedOn)] { values[name] = day ?? "" }
        let signatories = Dictionary(grouping: try await services.agreements.signatories(agreementID: agreement.id), by: \.councilId)
            .mapValues { $0.map(\.name).joined(separator: "\n") }
        return try await form(request, context, agreement: agreement, values: values,
                              parties: Set(try await services.agreements.parties(agreementID: agreement.id)), signatories: signatories,
                              themes: Set(try await services.agreements.themes(agreementID: agreement.id).map(\.id)), error: nil)
    }

    static let dayFields = ["signed_on", "in_force_from", "ends_on", "terminated_on"]

    /// The fields of the form, checked; a `ValidationFailure` names what is wrong.
    func fields(_ context: AppContext, council: Council) throws -> AgreementFields {
        let form = context.form
        let title = try Validate.localizedName(form.localized("title"), field: "title")
        let text = form.localized("text")
        guard Language.allCases.allSatisfy({ (text[$0] ?? "").count <= Self.longestText }) else { throw ValidationFailure(field: "", key: "agreement_error_too_long") }
        let place = Validate.storable(form["place"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard place.count <= Validate.maximumNameLength else { throw ValidationFailure(field: "place", key: "agreement_error_too_long") }
        var days: [String: CivilDay] = [:]
        for name in Self.dayFields {
            guard let raw = form.text(name) else { continue }
            guard let day = CivilDay(raw) else { throw ValidationFailure(field: name, key: "agreement_error_dates") }
            days[name] = day
        }
        let calendar = AgreementCalendar(signedOn: days["signed_on"], inForceFrom: days["in_force_from"], endsOn: days["ends_on"],
                                         terminatedOn: days["terminated_on"])
        if let problem = calendar.problem() { throw ValidationFailure(field: "", key: problem) }
        var parties: Set<Int64> = [council.id]
        for value in form.all("party") {
            guard let id = Int64(value) else { throw ValidationFailure(field: "party", key: "agreement_error_parties") }
            parties.insert(id)
        }
        guard parties.count >= 2 else { throw ValidationFailure(field: "party", key: "agreement_error_parties") }
        var signatories: [Int64: [String]] = [:]
        for party in parties {
            let names = (form["signatories_\(party)"] ?? "").split(whereSeparator: \.isNewline)
                .map { Validate.storable(String($0)).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard names.count <= Self.mostSignatories, names.allSatisfy({ $0.count <= Validate.maximumNameLength })
            else { throw ValidationFailure(field: "signatories_\(party)", key: "agreement_error_too_long") }
            if !names.isEmpty { signatories[party] = names }
        }
        var themes: [Int64] = []
        for value in form.all("theme") {
            guard let id = Int64(value) else { throw ValidationFailure(field: "theme", key: "agreement_error_themes") }
            themes.append(id)
        }
        return AgreementFields(title: title, text: text, place: place, signedOn: days["signed_on"]?.text, inForceFrom: days["in_force_from"]?.text,
                               endsOn: days["ends_on"]?.text, terminatedOn: days["terminated_on"]?.text, parties: parties.sorted(),
                               signatories: signatories, themes: themes)
    }

    /// Stores what `write` does with the form's fields, or shows the form again with the refusal.
    func save(_ request: Request, _ context: AppContext, agreement: AgreementRecord?,
              write: (AgreementFields) async throws -> Int64) async throws -> Response {
        let scope = try context.inCouncil()
        try pages.require(AgreementRules.decide(Self.writing(agreement, in: scope.council), by: scope.actor), context)
        func again(_ key: String) async throws -> Response {
            let form = context.form
            var values: [String: String] = [:]
            for name in ["title_fr", "title_ar", "title_en", "text_fr", "text_ar", "text_en", "place"] + Self.dayFields { values[name] = form[name] ?? "" }
            let parties = Set(form.all("party").compactMap { Int64($0) })
            var signatories: [Int64: String] = [:]
            for council in try await services.councils.all() { signatories[council.id] = form["signatories_\(council.id)"] ?? "" }
            return try await self.form(request, context, agreement: agreement, values: values, parties: parties, signatories: signatories,
                                       themes: Set(form.all("theme").compactMap { Int64($0) }), error: pages.text(key, context),
                                       status: .unprocessableContent).response(from: request, context: context)
        }
        do {
            let id = try await write(try fields(context, council: scope.council))
            return .redirect(to: SiteURL.with(AgreementPaths.item.url(scope.slug, id), notice: "saved"), type: .normal)
        } catch let failure as ValidationFailure {
            return try await again(failure.key)
        } catch StoreError.notFound {
            // A party, or a theme, that does not exist.
            return try await again("agreement_error_parties")
        }
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let council = try context.inCouncil().council
        return try await save(request, context, agreement: nil) { fields in
            try await services.agreements.create(councilID: council.id, fields, at: services.clock.now().timeIntervalSince1970)
        }
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, agreement, _) = try await agreement(context)
        return try await save(request, context, agreement: agreement) { fields in
            try await services.agreements.update(id: agreement.id, partyID: scope.council.id, fields, at: services.clock.now().timeIntervalSince1970)
            return agreement.id
        }
    }

    @Sendable func delete(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, agreement, _) = try await agreement(context)
        try pages.require(AgreementRules.decide(.delete(isRecorder: agreement.councilId == scope.council.id), by: scope.actor), context)
        guard try await services.contributions.all(agreementID: agreement.id).isEmpty else { throw PageError(.conflict, "agreement_error_has_contributions") }
        let documents = try await services.attachments.all(councilID: agreement.councilId, ownerKind: AgreementPlanRoutes.ownerKind, ownerID: agreement.id)
        for document in documents { try await services.transfer.remove(document, councilID: agreement.councilId) }
        do { try await services.agreements.delete(id: agreement.id, recorderID: scope.council.id) } catch StoreError.stateChanged {
            throw PageError(.conflict, "agreement_error_has_contributions")
        }
        return .redirect(to: SiteURL.with(AgreementPaths.home.url(scope.slug), notice: "deleted"), type: .normal)
    }
}
