import Cooperation
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// Contributions to partners' works, in the contributing council's space (`/{council}/cooperation/contributions`):
/// the works its partners opened to it, until their last day; its drafts, its own until its bureau sends them.
enum ContributionPaths {
    static let list = Path1("/{council}/cooperation/contributions")
    static let item = Path2("/{council}/cooperation/contributions/{id}")
    static let send = Path2("/{council}/cooperation/contributions/{id}/send")
    static let delete = Path2("/{council}/cooperation/contributions/{id}/delete")
    /// In the receiving council: acknowledging a contribution to one of its works.
    static let acknowledge = Path3("/{council}/works/{id}/partner-contributions/{contribution}/acknowledge")

    static let all: [any DeclaredPath] = [list, item, send, delete, acknowledge]
}

struct ContributionRoutes {
    let services: ContributionServices
    let pages: Pages

    static let longestBody = 20_000

    func register(in council: PathRegistrar) {
        council.get(ContributionPaths.list, use: list)
        council.post(ContributionPaths.list, use: create)
        council.get(ContributionPaths.item, use: item)
        council.post(ContributionPaths.item, use: update)
        council.post(ContributionPaths.send, use: send)
        council.post(ContributionPaths.delete, use: delete)
        council.post(ContributionPaths.acknowledge, use: acknowledge)
    }

    func status(_ record: PartnerContributionRecord) -> ContributionStatus { ContributionStatus(rawValue: record.status) ?? .draft }

    func name(_ council: Council, _ context: AppContext) -> LocalizedView {
        pages.localized(council.name, context.language, councilDefault: council.language)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> HTML {
        let scope = try context.inCouncil()
        let council = scope.council, language = context.language
        try pages.require(ContributionRules.decide(.see, by: scope.actor, status: .draft, isOpen: true), context)
        let format = Formatting(language: language, council: council)
        let openings = try await services.openings(for: council)
        let rows = openings.map { opening in
            ContributionListPage.Opening(
                work: pages.localized(opening.work.title, language, councilDefault: opening.receiver.language),
                workURL: WorkPaths.item.url(opening.receiver.slug, opening.work.id), council: name(opening.receiver, context),
                lastDay: opening.share.dueOn.flatMap(CivilDay.init).map { pages.text("contribution_last_day", context, ["date": format.day($0)]) } ?? "",
                isOpen: opening.isOpen,
                form: opening.isOpen && ContributionRules.decide(.draft, by: scope.actor, status: .draft, isOpen: true).isAllowed
                    ? ContributionListPage.Form(action: ContributionPaths.list.url(council.slug), share: opening.share.id, idPrefix: "share-\(opening.share.id)-")
                    : nil)
        }
        let works = Dictionary(openings.map { ($0.work.id, $0) }, uniquingKeysWith: { first, _ in first })
        let mine = try await services.contributions.all(councilID: council.id).map { record in
            ContributionListPage.Mine(
                url: ContributionPaths.item.url(council.slug, record.id), title: record.title,
                work: works[record.workId].map { pages.localized($0.work.title, language, councilDefault: $0.receiver.language).text } ?? "",
                status: pages.text("contribution_status_\(status(record).rawValue)", context), statusCode: status(record).rawValue)
        }
        let model = ContributionListPage(openings: rows, hasOpenings: !rows.isEmpty, mine: mine, hasMine: !mine.isEmpty,
                                         backURL: AgreementPaths.home.url(council.slug))
        return try await pages.page("contributions", title: pages.text("contributions_title", context), request: request, context: context,
                                    council: council, typed: model)
    }

    /// The title and body from the form; a refusal is 422 with its sentence.
    func text(_ context: AppContext) throws -> (title: String, body: String) {
        let form = context.form
        let title = Validate.storable(form["title"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let body = Validate.storable(form["body"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty, !body.isEmpty else { throw PageError(.unprocessableContent, "contribution_error_empty") }
        guard title.count <= Validate.maximumNameLength, body.count <= Self.longestBody else { throw PageError(.unprocessableContent, "contribution_error_too_long") }
        return (title, body)
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let scope = try context.inCouncil()
        try pages.require(ContributionRules.decide(.see, by: scope.actor, status: .draft, isOpen: true), context)
        guard let shareID = context.form.text("share").flatMap({ Int64($0) }),
              let opening = try await services.openings(for: scope.council).first(where: { $0.share.id == shareID })
        else { throw PageError(.unprocessableContent, "contribution_error_work") }
        try pages.require(ContributionRules.decide(.draft, by: scope.actor, status: .draft, isOpen: opening.isOpen), context)
        let (title, body) = try text(context)
        let id = try await services.contributions.create(workID: opening.work.id, councilID: scope.council.id, agreementID: opening.agreement.id,
                                                         title: title, body: body, authorMembershipID: scope.membership?.id,
                                                         at: services.clock.now().timeIntervalSince1970)
        return .redirect(to: SiteURL.with(ContributionPaths.item.url(scope.slug, id), notice: "saved"), type: .normal)
    }

    /// The council's contribution named by the route, for those who may see its drafts, with whether it may still be sent.
    func contribution(_ context: AppContext) async throws -> (CouncilScope, PartnerContributionRecord, Bool) {
        let scope = try context.inCouncil()
        guard let id = context.parameters.get("id", as: Int64.self), let record = try await services.contributions.find(id: id, councilID: scope.council.id)
        else { throw PageError.notFound }
        try pages.require(ContributionRules.decide(.see, by: scope.actor, status: status(record), isOpen: true), context)
        let isOpen = try await services.isOpen(for: scope.council, workID: record.workId, agreementID: record.agreementId)
        return (scope, record, isOpen)
    }

    @Sendable func item(_ request: Request, context: AppContext) async throws -> HTML {
        let (scope, record, isOpen) = try await contribution(context)
        let council = scope.council, language = context.language
        let format = Formatting(language: language, council: council)
        let state = status(record)
        let opening = try await services.openings(for: council).first { $0.work.id == record.workId && $0.agreement.id == record.agreementId }
        let seats = Dictionary(try await services.memberships.all(councilID: council.id, includingEnded: true).map { ($0.id, $0.displayName) },
                               uniquingKeysWith: { first, _ in first })
        let mayDraft = ContributionRules.decide(.draft, by: scope.actor, status: state, isOpen: isOpen).isAllowed
        let model = ContributionPage(
            title: record.title, body: record.body, status: pages.text("contribution_status_\(state.rawValue)", context), statusCode: state.rawValue,
            work: opening.map { pages.localized($0.work.title, language, councilDefault: $0.receiver.language) },
            workURL: opening.map { WorkPaths.item.url($0.receiver.slug, $0.work.id) },
            receiver: opening.map { name($0.receiver, context) },
            lastDay: opening?.share.dueOn.flatMap(CivilDay.init).map { pages.text("contribution_last_day", context, ["date": format.day($0)]) },
            author: record.authorMembershipId.flatMap { seats[$0] },
            sent: record.sentAt.map { at in
                pages.text("contribution_sent_by", context, ["date": format.date(Date(timeIntervalSince1970: at)),
                                                              "name": record.sentByMembershipId.flatMap { seats[$0] } ?? "—"])
            },
            acknowledged: record.acknowledgedAt.map { pages.text("contribution_acknowledged_on", context, ["date": format.date(Date(timeIntervalSince1970: $0))]) },
            closed: state == .draft && !isOpen ? pages.text("contribution_error_closed", context) : nil,
            editAction: mayDraft ? ContributionPaths.item.url(council.slug, record.id) : nil,
            sendAction: ContributionRules.decide(.send, by: scope.actor, status: state, isOpen: isOpen).isAllowed ? ContributionPaths.send.url(council.slug, record.id) : nil,
            deleteAction: state == .draft && ContributionRules.decide(.draft, by: scope.actor, status: state, isOpen: true).isAllowed
                ? ContributionPaths.delete.url(council.slug, record.id) : nil,
            backURL: ContributionPaths.list.url(council.slug))
        return try await pages.page("contribution", title: record.title, request: request, context: context, council: council, typed: model)
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, record, isOpen) = try await contribution(context)
        try pages.require(ContributionRules.decide(.draft, by: scope.actor, status: status(record), isOpen: isOpen), context)
        let (title, body) = try text(context)
        do {
            try await services.contributions.update(id: record.id, councilID: scope.council.id, title: title, body: body, at: services.clock.now().timeIntervalSince1970)
        } catch StoreError.stateChanged { throw PageError(.conflict, "contribution_error_sent") }
        return .redirect(to: SiteURL.with(ContributionPaths.item.url(scope.slug, record.id), notice: "saved"), type: .normal)
    }

    /// The bureau validates the draft and sends it, before the last day: after it, refused with the sentence.
    @Sendable func send(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, record, isOpen) = try await contribution(context)
        try pages.require(ContributionRules.decide(.send, by: scope.actor, status: status(record), isOpen: isOpen), context)
        do {
            try await services.contributions.send(id: record.id, councilID: scope.council.id, by: scope.membership?.id, at: services.clock.now().timeIntervalSince1970)
        } catch StoreError.stateChanged { throw PageError(.conflict, "contribution_error_sent") }
        return .redirect(to: SiteURL.with(ContributionPaths.item.url(scope.slug, record.id), notice: "saved"), type: .normal)
    }

    @Sendable func delete(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, record, _) = try await contribution(context)
        try pages.require(ContributionRules.decide(.draft, by: scope.actor, status: status(record), isOpen: true), context)
        do { try await services.contributions.delete(id: record.id, councilID: scope.council.id) } catch StoreError.stateChanged {
            throw PageError(.conflict, "contribution_error_sent")
        }
        return .redirect(to: SiteURL.with(ContributionPaths.list.url(scope.slug), notice: "deleted"), type: .normal)
    }

    /// In the receiving council: its secretariat or bureau acknowledges a contribution sent to one of its works.
    @Sendable func acknowledge(_ request: Request, context: AppContext) async throws -> Response {
        let scope = try context.inCouncil()
        guard let workID = context.parameters.get("id", as: Int64.self), let id = context.parameters.get("contribution", as: Int64.self),
              try await services.works.find(id: workID, councilID: scope.council.id) != nil,
              let record = try await services.contributions.received(workID: workID).first(where: { $0.id == id })
        else { throw PageError.notFound }
        try pages.require(ContributionRules.decide(.acknowledge, by: scope.actor, status: status(record), isOpen: false), context)
        do {
            try await services.contributions.acknowledge(id: id, workID: workID, by: scope.membership?.id, at: services.clock.now().timeIntervalSince1970)
        } catch StoreError.stateChanged { throw PageError(.conflict, "contribution_error_acknowledged") }
        return .redirect(to: SiteURL.with(WorkPaths.item.url(scope.slug, workID), notice: "saved") + "#partner-contributions", type: .normal)
    }
}
