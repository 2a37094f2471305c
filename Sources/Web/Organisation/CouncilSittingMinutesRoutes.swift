import Foundation
import HemicycleDomain
import Hummingbird
import Organisation
import Storage

/// A sitting's minutes: the secretariat drafts them, records their approval at a later sitting of the same body, and
/// publishes them.
struct CouncilSittingMinutesRoutes {
    let services: CouncilSittingServices
    let pages: Pages
    let routes: CouncilSittingRoutes

    /// The longest minutes: a long day's record.
    static let longest = 100_000

    func register(in council: PathRegistrar) {
        council.post(CouncilSittingPaths.minutes, use: write)
        council.post(CouncilSittingPaths.minutesApprove, use: approve)
        council.post(CouncilSittingPaths.minutesPublish, use: publish)
    }

    func back(_ scope: CouncilScope, _ sitting: SittingRecord) -> Response {
        .redirect(to: SiteURL.with(CouncilSittingPaths.item.url(scope.slug, sitting.id), notice: "saved") + "#minutes", type: .normal)
    }

    static func status(_ record: SittingMinutesRecord?) -> MinutesStatus { record.flatMap { MinutesStatus(rawValue: $0.status) } ?? .draft }

    @Sendable func write(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, sitting) = try await routes.sitting(context)
        // Who may, before what the minutes' state allows.
        try pages.require(SittingRules.decide(scope.actor, .keep), context)
        try pages.require(MinutesRules.decide(scope.actor, .write(Self.status(try await services.sittings.minutes(sittingID: sitting.id)))), context)
        guard let language = context.form.text("language").flatMap(Language.init(rawValue:)) else { throw PageError(.unprocessableContent, "minutes_error_language") }
        let body = Validate.storable(context.form["body"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty, body.count <= Self.longest else { throw PageError(.unprocessableContent, "minutes_error_body") }
        let actor = scope.actor
        try await CouncilSittingRoutes.refusing {
            try await services.sittings.writeMinutes(sittingID: sitting.id, councilID: scope.council.id, language: language.rawValue, body: body,
                                                     at: services.clock.now().timeIntervalSince1970) { current in
                MinutesRules.decide(actor, .write(Self.status(current))).refusal
            }
        }
        return back(scope, sitting)
    }

    @Sendable func approve(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, sitting) = try await routes.sitting(context)
        try pages.require(SittingRules.decide(scope.actor, .keep), context)
        guard let minutes = try await services.sittings.minutes(sittingID: sitting.id) else { throw PageError(.conflict, "minutes_error_none") }
        try pages.require(MinutesRules.decide(scope.actor, .approve(Self.status(minutes))), context)
        guard let id = context.form.text("approved_at").flatMap({ Int64($0) }),
              let approving = try await services.sittings.find(id: id, councilID: scope.council.id)
        else { throw PageError(.unprocessableContent, "minutes_error_not_later") }
        let now = services.clock.now().timeIntervalSince1970
        try pages.require(MinutesRules.mayApprove(
            sitting: (SittingBody(rawValue: sitting.body) ?? .plenary, sitting.commissionId, SittingTimes(startsAt: sitting.startsAt, endsAt: sitting.endsAt)),
            at: (SittingBody(rawValue: approving.body) ?? .plenary, approving.commissionId, SittingTimes(startsAt: approving.startsAt, endsAt: approving.endsAt),
                 SittingStatus(rawValue: approving.status) ?? .planned), now: now), context)
        let actor = scope.actor
        try await CouncilSittingRoutes.refusing {
            try await services.sittings.moveMinutes(sittingID: sitting.id, councilID: scope.council.id, to: MinutesStatus.approved.rawValue,
                                                    approvedAt: approving.id, at: now) { current in
                current == nil ? "minutes_error_none" : MinutesRules.decide(actor, .approve(Self.status(current))).refusal
            }
        }
        return back(scope, sitting)
    }

    @Sendable func publish(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, sitting) = try await routes.sitting(context)
        try pages.require(SittingRules.decide(scope.actor, .keep), context)
        guard let minutes = try await services.sittings.minutes(sittingID: sitting.id) else { throw PageError(.conflict, "minutes_error_none") }
        try pages.require(MinutesRules.decide(scope.actor, .publish(Self.status(minutes))), context)
        let actor = scope.actor
        try await CouncilSittingRoutes.refusing {
            try await services.sittings.moveMinutes(sittingID: sitting.id, councilID: scope.council.id, to: MinutesStatus.published.rawValue,
                                                    at: services.clock.now().timeIntervalSince1970) { current in
                current == nil ? "minutes_error_none" : MinutesRules.decide(actor, .publish(Self.status(current))).refusal
            }
        }
        return back(scope, sitting)
    }
}
