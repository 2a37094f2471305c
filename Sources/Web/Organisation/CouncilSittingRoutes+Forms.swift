import Foundation
import HemicycleDomain
import Hummingbird
import Organisation
import Storage

extension CouncilSittingRoutes {
    /// From 1 January 2000 to 31 December 2099 (UTC).
    static let plausible = 946_684_800.0..<4_102_444_800.0

    func form(_ request: Request, _ context: AppContext, sitting: SittingRecord?, values: [String: String], error: String?,
              status: HTTPResponse.Status = .ok) async throws -> HTML {
        let scope = try context.inCouncil()
        let council = scope.council
        try pages.require(SittingRules.decide(scope.actor, .keep), context)
        let bodies = SittingBody.allCases.map {
            SelectOption(value: $0.rawValue, label: pages.text("sitting_body_\($0.rawValue)", context), selected: values["body"] == $0.rawValue)
        }
        let commissions = try await commissionNames(council, context.language).sorted { $0.value < $1.value }.map {
            SelectOption(value: "\($0.key)", label: $0.value, selected: values["commission"] == "\($0.key)")
        }
        let back = sitting.map { CouncilSittingPaths.item.url(council.slug, $0.id) } ?? CouncilSittingPaths.list.url(council.slug)
        let model = CouncilSittingFormPage(
            heading: pages.text(sitting == nil ? "sitting_new_title" : "sitting_edit_title", context),
            action: sitting.map { CouncilSittingPaths.item.url(council.slug, $0.id) } ?? CouncilSittingPaths.list.url(council.slug),
            values: values, bodies: bodies, commissions: commissions, zone: council.timeZone, error: error, backURL: back)
        return try await pages.page("sitting-form", title: model.heading, request: request, context: context, council: council, typed: model,
                                    status: status)
    }

    @Sendable func newForm(_ request: Request, context: AppContext) async throws -> HTML {
        try await form(request, context, sitting: nil, values: ["body": SittingBody.plenary.rawValue], error: nil)
    }

    @Sendable func editForm(_ request: Request, context: AppContext) async throws -> HTML {
        let (scope, sitting) = try await self.sitting(context)
        try pages.require(SittingRules.decide(scope.actor, .keep), context)
        let zone = scope.council.zone
        let values = ["body": sitting.body, "commission": sitting.commissionId.map(String.init) ?? "",
                      "starts_at": WorkPageModel.inputDate(sitting.startsAt, in: zone), "ends_at": WorkPageModel.inputDate(sitting.endsAt, in: zone),
                      "place": sitting.place, "remote_url": sitting.remoteUrl ?? ""]
        return try await form(request, context, sitting: sitting, values: values, error: nil)
    }

    /// The form's fields, checked by the sitting's rules; a `ValidationFailure` names what is wrong.
    func fields(_ context: AppContext, council: Council) async throws -> SittingFields {
        let form = context.form
        guard let body = form.text("body").flatMap(SittingBody.init(rawValue:)) else { throw ValidationFailure(field: "body", key: "sitting_error_body") }
        var commission: Int64?
        if body == .commission, let raw = form.text("commission") {
            guard let id = Int64(raw), try await services.commissions.all(councilID: council.id).contains(where: { $0.id == id })
            else { throw ValidationFailure(field: "commission", key: "sitting_error_commission") }
            commission = id
        }
        guard let starts = WorkActionRoutes.date(form.text("starts_at"), in: council.zone),
              let ends = WorkActionRoutes.date(form.text("ends_at"), in: council.zone),
              // Years a calendar program reads (four digits), within reason.
              Self.plausible.contains(starts), Self.plausible.contains(ends)
        else { throw ValidationFailure(field: "starts_at", key: "sitting_error_times") }
        let place = Validate.storable(form.text("place") ?? "")
        guard place.count <= Validate.maximumNameLength else { throw ValidationFailure(field: "place", key: "sitting_error_place") }
        let remote = form.text("remote_url")
        let draft = SittingDraft(body: body, commissionID: commission, times: SittingTimes(startsAt: starts, endsAt: ends), place: place, remoteURL: remote)
        if let problem = draft.problem() { throw ValidationFailure(field: "", key: problem) }
        return SittingFields(body: body.rawValue, commissionID: commission, startsAt: starts, endsAt: ends, place: place, remoteURL: remote)
    }

    func typed(_ context: AppContext) -> [String: String] {
        var values: [String: String] = [:]
        for name in ["body", "commission", "starts_at", "ends_at", "place", "remote_url"] { values[name] = context.form[name] ?? "" }
        return values
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let scope = try context.inCouncil()
        try pages.require(SittingRules.decide(scope.actor, .keep), context)
        do {
            let fields = try await fields(context, council: scope.council)
            let id = try await services.sittings.create(councilID: scope.council.id, fields, at: services.clock.now().timeIntervalSince1970)
            return .redirect(to: SiteURL.with(CouncilSittingPaths.item.url(scope.slug, id), notice: "saved"), type: .normal)
        } catch let failure as ValidationFailure {
            return try await form(request, context, sitting: nil, values: typed(context), error: pages.text(failure.key, context),
                                  status: .unprocessableContent).response(from: request, context: context)
        }
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, sitting) = try await self.sitting(context)
        try pages.require(SittingRules.decide(scope.actor, .keep), context)
        do {
            let fields = try await fields(context, council: scope.council)
            let now = services.clock.now().timeIntervalSince1970
            // Once convened, the members are told of the change, with the invitation their calendars update.
            let convocation = sitting.status == SittingStatus.convened.rawValue
                ? try await CouncilSittingConvocation.prepare(sitting, council: scope.council, services: services, pages: pages) : nil
            // A plenary sitting moved to another body leaves OParl, with its agenda and documents: its clients are told
            // (listed only while it is not a plenary sitting, so a refused change shows nothing).
            if sitting.body == SittingBody.plenary.rawValue && fields.body != SittingBody.plenary.rawValue {
                try await OParlWithdrawal.sitting(sitting, councilID: scope.council.id, slug: scope.slug, services: services, at: now)
            }
            try await Self.refusing {
                try await services.sittings.update(id: sitting.id, councilID: scope.council.id, fields, at: now, check: {
                    SittingRules.mayEdit(SittingStatus(rawValue: $0.status) ?? .planned, times: SittingTimes(startsAt: $0.startsAt, endsAt: $0.endsAt),
                                         now: now).refusal
                }, kind: CouncilSittingConvocation.Kind.update.rawValue, mails: { convocation?.mails(.update, for: $0) ?? [] })
            }
            return .redirect(to: SiteURL.with(CouncilSittingPaths.item.url(scope.slug, sitting.id), notice: "saved"), type: .normal)
        } catch let failure as ValidationFailure {
            return try await form(request, context, sitting: sitting, values: typed(context), error: pages.text(failure.key, context),
                                  status: .unprocessableContent).response(from: request, context: context)
        }
    }

    /// Convenes the sitting (its members are mailed the convocation with a calendar invitation), or cancels it
    /// (calendars receive the cancellation: the same event, its sequence raised, `CANCELLED`; the members convened
    /// are mailed it).
    @Sendable func cancel(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, sitting) = try await self.sitting(context)
        try pages.require(SittingRules.decide(scope.actor, .keep), context)
        let now = services.clock.now().timeIntervalSince1970
        let times: @Sendable (SittingRecord) -> SittingTimes = { SittingTimes(startsAt: $0.startsAt, endsAt: $0.endsAt) }
        let state: @Sendable (SittingRecord) -> SittingStatus = { SittingStatus(rawValue: $0.status) ?? .planned }
        let convocation = try await CouncilSittingConvocation.prepare(sitting, council: scope.council, services: services, pages: pages)
        switch context.form.text("action") {
        case "convene":
            try await Self.refusing {
                try await services.sittings.setStatus(id: sitting.id, councilID: scope.council.id, SittingStatus.convened.rawValue, at: now,
                                                      kind: CouncilSittingConvocation.Kind.convocation.rawValue,
                                                      check: { SittingRules.mayConvene(state($0), times: times($0), now: now).refusal },
                                                      mails: { convocation.mails(.convocation, for: $0) })
            }
        case "cancel":
            let wasConvened = sitting.status == SittingStatus.convened.rawValue
            try await Self.refusing {
                try await services.sittings.setStatus(id: sitting.id, councilID: scope.council.id, SittingStatus.cancelled.rawValue, at: now,
                                                      kind: CouncilSittingConvocation.Kind.cancellation.rawValue,
                                                      check: { SittingRules.mayCancel(state($0), times: times($0), now: now).refusal },
                                                      mails: { wasConvened ? convocation.mails(.cancellation, for: $0) : [] })
            }
        default: throw PageError.malformedForm
        }
        return .redirect(to: SiteURL.with(CouncilSittingPaths.item.url(scope.slug, sitting.id), notice: "saved"), type: .normal)
    }

    /// Runs a change, its refusals as the pages show them (404 when the sitting went, 409 with the rule's sentence).
    static func refusing<T: Sendable>(_ change: () async throws -> T) async throws -> T {
        do { return try await change() } catch let refused as SittingChangeRefused {
            switch refused {
            case .notFound: throw PageError.notFound
            case .refused(let key): throw PageError(.conflict, key)
            }
        }
    }
}

extension Decision {
    /// The key of the refusal's sentence, nil when allowed.
    var refusal: String? {
        switch self {
        case .allowed: nil
        case .forbidden(let key), .conflict(let key): key
        }
    }
}
