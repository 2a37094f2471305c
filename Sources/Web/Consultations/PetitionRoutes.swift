import Consultations
import CouncilWork
import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// Petitions to the council: written and signed by people signed in with a verified address, once each; the
/// signature that reaches the council's threshold within its window (150,000 within a year for France's CESE; set by
/// the council's administrators) turns the petition into a referral of the council's work, linked both ways.
struct PetitionRoutes {
    let services: ConsultationServices
    let petitions: PetitionRepository
    let pages: Pages

    static let maximumThreshold = 10_000_000

    func register(in council: PathRegistrar) {
        council.get(PetitionPaths.list, use: list)
        council.get(PetitionPaths.new, use: newPetition)
        council.post(PetitionPaths.list, use: create)
        council.get(PetitionPaths.item, use: page)
        council.post(PetitionPaths.sign, use: sign)
        council.post(PetitionPaths.hide, use: hide)
        council.post(PetitionPaths.rule, use: setRule)
    }

    func actor(_ context: AppContext) throws -> ConsultationActor {
        ConsultationActor(try context.inCouncil().actor, hasVerifiedEmail: context.account?.isVerified ?? false)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> HTML {
        let scope = try context.inCouncil()
        let actor = try actor(context)
        let format = Formatting(language: context.language, council: scope.council)
        let now = services.clock.now().timeIntervalSince1970
        let visible = PetitionStatus.allCases.filter { PetitionRules.decide(.see, by: actor, status: $0).isAllowed }.map(\.rawValue)
        let rows = try await petitions.all(councilID: scope.council.id, statuses: visible).map { petition in
            let status = PetitionStatus.at(petition.status, closesAt: petition.closesAt, now: now)
            return PetitionListPage.Row(url: PetitionPaths.item.url(scope.slug, petition.id), title: petition.title,
                                        status: pages.text("petition_status_\(status.rawValue)", context), statusCode: status.rawValue,
                                        progress: progress(petition, format: format, context: context))
        }
        let rule = try await petitions.rule(councilID: scope.council.id)
        let model = PetitionListPage(
            rows: rows, hasRows: !rows.isEmpty,
            rule: pages.plural("petition_rule", count: rule.threshold, context, format: format, ["days": format.number(rule.days)]),
            newURL: PetitionPaths.new.url(scope.slug),
            ruleForm: PetitionRules.decide(.setRule, by: actor, status: .open).isAllowed
                ? .init(action: PetitionPaths.rule.url(scope.slug), threshold: "\(rule.threshold)", days: "\(rule.days)") : nil)
        return try await pages.page("petitions", title: pages.text("petitions_title", context), request: request, context: context,
                                    council: scope.council, typed: model)
    }

    func progress(_ petition: PetitionRecord, format: Formatting, context: AppContext) -> String {
        pages.plural("petition_progress", count: petition.signatures, context, format: format, ["threshold": format.number(petition.threshold)])
    }

    @Sendable func newPetition(_ request: Request, context: AppContext) async throws -> HTML {
        let scope = try context.inCouncil()
        try pages.require(PetitionRules.decide(.create, by: try actor(context), status: .open), context)
        return try await renderNew(request, context, council: scope.council, title: "", body: "", error: nil)
    }

    func renderNew(_ request: Request, _ context: AppContext, council: Council, title: String, body: String, error: String?,
                   status: HTTPResponse.Status = .ok) async throws -> HTML {
        let rule = try await petitions.rule(councilID: council.id)
        let format = Formatting(language: context.language, council: council)
        let model = PetitionFormPage(action: PetitionPaths.list.url(council.slug), draftTitle: title, body: body,
                                     rule: pages.plural("petition_rule", count: rule.threshold, context, format: format,
                                                        ["days": format.number(rule.days)]), error: error)
        return try await pages.page("petition-new", title: pages.text("petition_new_title", context), request: request, context: context,
                                    council: council, typed: model, status: status)
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let scope = try context.inCouncil()
        try pages.require(PetitionRules.decide(.create, by: try actor(context), status: .open), context)
        let account = try pages.requireAccount(context)
        let typed = (context.form["title"] ?? "", context.form["body"] ?? "")
        let title: String, body: String
        do {
            title = try ProposalText.title(typed.0)
            body = try ProposalText.text(typed.1, limit: ProposalText.maximumBodyLength)
        } catch {
            return try await renderNew(request, context, council: scope.council, title: typed.0, body: typed.1,
                                       error: pages.text(error == .empty ? "petition_error_empty" : "petition_error_length", context),
                                       status: .unprocessableContent).response(from: request, context: context)
        }
        let now = services.clock.now().timeIntervalSince1970
        guard services.limits.allowStatement(participant: "account:\(account.id)", address: context.clientAddress, now: now) else {
            throw PageError(.tooManyRequests, "consultation_error_too_fast")
        }
        let id = try await petitions.create(councilID: scope.council.id, accountID: account.id, title: title, body: body, at: now)
        return .redirect(to: SiteURL.with(PetitionPaths.item.url(scope.slug, id), notice: "saved"), type: .normal)
    }

    func load(_ context: AppContext) async throws -> (Council, PetitionRecord, PetitionStatus, ConsultationActor) {
        let scope = try context.inCouncil()
        guard let id = context.parameters.get("id", as: Int64.self), let petition = try await petitions.find(id: id, councilID: scope.council.id)
        else { throw PageError.notFound }
        let status = PetitionStatus.at(petition.status, closesAt: petition.closesAt, now: services.clock.now().timeIntervalSince1970)
        let actor = try actor(context)
        guard PetitionRules.decide(.see, by: actor, status: status).isAllowed else { throw PageError.notFound }
        return (scope.council, petition, status, actor)
    }

    @Sendable func page(_ request: Request, context: AppContext) async throws -> HTML {
        let (council, petition, status, actor) = try await load(context)
        let format = Formatting(language: context.language, council: council)
        let signed = if let account = context.account { try await petitions.hasSigned(petitionID: petition.id, accountID: account.id) } else { false }
        let sign = PetitionRules.decide(.sign, by: actor, status: status)
        let work = if let workID = petition.workId { try await services.works.find(id: workID, councilID: council.id) } else { WorkRecord?.none }
        // The secretariat reads who hid the petition, when and why; others read the reason only.
        let history = actor.council.isSecretariat ? ModerationHistory(pages: pages, format: format).sentences(
            try await services.moderationDecisions.history(councilID: council.id, subject: .petition, ids: [petition.id])[petition.id], context) : []
        let model = PetitionPage(
            title: petition.title, body: petition.body, status: pages.text("petition_status_\(status.rawValue)", context), statusCode: status.rawValue,
            progress: progress(petition, format: format, context: context),
            share: min(1, Double(petition.signatures) / Double(max(petition.threshold, 1))),
            closes: pages.text("petition_closes", context, ["date": format.dateTime(Date(timeIntervalSince1970: petition.closesAt))]),
            signed: signed, signAction: sign.isAllowed && !signed ? PetitionPaths.sign.url(council.slug, petition.id) : nil,
            signNote: status == .open && !actor.hasVerifiedEmail ? pages.text("petition_note_verified_email", context) : nil,
            signInURL: context.account == nil ? "\(AccountPaths.signIn.url)?next=\(SiteURL.encodeQuery(request.uri.path))" : nil,
            work: work.map { LinkView(url: WorkPaths.item.url(council.slug, $0.id), label: pages.localized($0.title, context.language,
                                                                                                            councilDefault: council.language)) },
            hiddenNote: status == .hidden ? pages.text("petition_hidden", context, ["reason": petition.hiddenReason ?? ""]) : nil,
            hideAction: PetitionRules.decide(.hide, by: actor, status: status).isAllowed ? PetitionPaths.hide.url(council.slug, petition.id) : nil,
            history: history, hasHistory: !history.isEmpty,
            backURL: PetitionPaths.list.url(council.slug))
        return try await pages.page("petition", title: petition.title, request: request, context: context, council: council, typed: model)
    }

    @Sendable func sign(_ request: Request, context: AppContext) async throws -> Response {
        let (council, petition, status, actor) = try await load(context)
        try pages.require(PetitionRules.decide(.sign, by: actor, status: status), context)
        let account = try pages.requireAccount(context)
        let url = services.baseURL + PetitionPaths.item.url(council.slug, petition.id)
        let outcome: SignatureOutcome
        do {
            let language = council.language
            outcome = try await petitions.sign(petitionID: petition.id, councilID: council.id, accountID: account.id,
                                               emailDigest: Tokens.digest(account.email.lowercased()),
                                               at: services.clock.now().timeIntervalSince1970) { petition in
                // In the council's language: the petition's text carries no other.
                NewWork(kind: WorkKind.avis.rawValue, title: LocalizedText([language: petition.title]),
                        summary: LocalizedText([language: petition.body]), referralSource: ReferralSource.petition.rawValue,
                        referralReference: nil, petitionURL: url, procedure: "ordinary")
            }
        } catch StoreError.stateChanged {
            throw PageError(.conflict, "petition_conflict_not_open")
        }
        let notice = outcome.referredWorkID != nil ? "petition_referred" : "petition_signed"
        return .redirect(to: SiteURL.with(PetitionPaths.item.url(council.slug, petition.id), notice: notice), type: .normal)
    }

    @Sendable func hide(_ request: Request, context: AppContext) async throws -> Response {
        let (council, petition, status, actor) = try await load(context)
        try pages.require(PetitionRules.decide(.hide, by: actor, status: status), context)
        guard let reason = context.form.text("reason"), reason.count <= ModerationRoutes.maximumReasonLength else {
            throw PageError(.unprocessableContent, "consultation_error_reason_needed")
        }
        do {
            try await petitions.hide(petitionID: petition.id, councilID: council.id, reason: reason, by: try pages.requireAccount(context).id,
                                     at: services.clock.now().timeIntervalSince1970)
        } catch StoreError.stateChanged {
            throw PageError(.conflict, "petition_conflict_hidden")
        }
        return .redirect(to: SiteURL.with(PetitionPaths.item.url(council.slug, petition.id), notice: "saved"), type: .normal)
    }

    /// The council's threshold and window, set by its administrators; open petitions keep the goal they opened with.
    @Sendable func setRule(_ request: Request, context: AppContext) async throws -> Response {
        let scope = try context.inCouncil()
        try pages.require(PetitionRules.decide(.setRule, by: try actor(context), status: .open), context)
        guard let threshold = context.form.text("threshold").flatMap({ Int($0) }), (1...Self.maximumThreshold).contains(threshold),
              let days = context.form.text("days").flatMap({ Int($0) }), (1...3_650).contains(days) else {
            throw PageError(.unprocessableContent, "petition_error_rule")
        }
        try await petitions.setRule(councilID: scope.council.id, threshold: threshold, days: days)
        return .redirect(to: SiteURL.with(PetitionPaths.list.url(scope.slug), notice: "saved"), type: .normal)
    }
}
