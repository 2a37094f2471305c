import Foundation
import HemicycleDomain
import Hummingbird
import Organisation
import Storage

/// A sitting's agenda, attendance and proxies: the secretariat keeps them; a member gives (and withdraws) their own
/// vote before the sitting starts.
struct CouncilSittingProxyRoutes {
    let services: CouncilSittingServices
    let pages: Pages
    let routes: CouncilSittingRoutes

    func register(in council: PathRegistrar) {
        council.post(CouncilSittingPaths.agenda, use: addItem)
        council.post(CouncilSittingPaths.agendaDelete, use: removeItem)
        council.post(CouncilSittingPaths.attendance, use: recordAttendance)
        council.post(CouncilSittingPaths.proxies, use: addProxy)
        council.post(CouncilSittingPaths.proxyDelete, use: removeProxy)
    }

    /// Whether the reader may give (or withdraw) `giver`'s vote: the secretariat until the sitting ends, the member
    /// themselves until it starts; never for a cancelled sitting.
    static func mayGive(scope: CouncilScope, giver: Int64, state: SittingStatus, times: SittingTimes, now: Double, ownSeat: Membership?) -> Bool {
        guard SittingRules.mayChange(state).isAllowed, !times.isOver(at: now) else { return false }
        if SittingRules.decide(scope.actor, .keep).isAllowed { return true }
        return ownSeat?.id == giver && !times.hasStarted(at: now)
    }

    func back(_ scope: CouncilScope, _ sitting: SittingRecord, anchor: String) -> Response {
        .redirect(to: SiteURL.with(CouncilSittingPaths.item.url(scope.slug, sitting.id), notice: "saved") + anchor, type: .normal)
    }

    func keeper(_ context: AppContext) async throws -> (CouncilScope, SittingRecord) {
        let (scope, sitting) = try await routes.sitting(context)
        try pages.require(SittingRules.decide(scope.actor, .keep), context)
        return (scope, sitting)
    }

    @Sendable func addItem(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, sitting) = try await keeper(context)
        let form = context.form
        guard let kind = form.text("kind").flatMap(AgendaItemKind.init(rawValue:)) else { throw PageError(.unprocessableContent, "agenda_error_kind") }
        var work: Int64?
        if let raw = form.text("work") {
            guard let id = Int64(raw), try await services.works.find(id: id, councilID: scope.council.id) != nil
            else { throw PageError(.unprocessableContent, "agenda_error_work") }
            work = id
        }
        let title = form.localized("title")
        if kind.concernsWork && work == nil { throw PageError(.unprocessableContent, "agenda_error_work") }
        if work == nil, title.isEmpty { throw PageError(.unprocessableContent, "agenda_error_title") }
        // A title too long is refused with its sentence (422).
        let checked = title.isEmpty ? LocalizedText() : try Validate.localizedName(title, field: "title")
        _ = try await CouncilSittingRoutes.refusing {
            try await services.sittings.addItem(sittingID: sitting.id, councilID: scope.council.id, kind: kind.rawValue, workID: work,
                                                title: checked, at: services.clock.now().timeIntervalSince1970) {
                SittingRules.mayChange(SittingStatus(rawValue: $0.status) ?? .planned).refusal
            }
        }
        return back(scope, sitting, anchor: "#agenda")
    }

    @Sendable func removeItem(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, sitting) = try await keeper(context)
        guard let item = context.parameters.get("item", as: Int64.self) else { throw PageError.notFound }
        try await CouncilSittingRoutes.refusing {
            try await services.sittings.removeItem(id: item, sittingID: sitting.id, councilID: scope.council.id, at: services.clock.now().timeIntervalSince1970) {
                SittingRules.mayChange(SittingStatus(rawValue: $0.status) ?? .planned).refusal
            }
        }
        return back(scope, sitting, anchor: "#agenda")
    }

    /// Records every voter's attendance from the form (`attendance_{seat}`: a status, or empty to forget it).
    @Sendable func recordAttendance(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, sitting) = try await keeper(context)
        let voters = try await CouncilSittingVoters.ofSitting(sitting, services: services, councilID: scope.council.id)
        var statuses: [Int64: String?] = [:]
        for seat in voters {
            guard let value = context.form["attendance_\(seat.id)"] else { continue }
            if value.isEmpty { statuses[seat.id] = .some(nil); continue }
            guard let status = Attendance(rawValue: value) else { throw PageError(.unprocessableContent, "attendance_error_status") }
            statuses[seat.id] = status.rawValue
        }
        let now = services.clock.now().timeIntervalSince1970
        try await CouncilSittingRoutes.refusing {
            try await services.sittings.recordAttendance(sittingID: sitting.id, councilID: scope.council.id, statuses, at: now) {
                SittingRules.mayRecordAttendance(SittingStatus(rawValue: $0.status) ?? .planned,
                                                 times: SittingTimes(startsAt: $0.startsAt, endsAt: $0.endsAt), now: now).refusal
            }
        }
        return back(scope, sitting, anchor: "#attendance")
    }

    @Sendable func addProxy(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, sitting) = try await routes.sitting(context)
        let form = context.form
        guard let giver = form.text("giver").flatMap({ Int64($0) }), let holder = form.text("holder").flatMap({ Int64($0) }) else {
            throw PageError(.unprocessableContent, "proxy_error_not_voter")
        }
        let now = services.clock.now().timeIntervalSince1970
        let ownSeat = SittingReader.actingSeat(scope)
        let times = SittingTimes(startsAt: sitting.startsAt, endsAt: sitting.endsAt)
        guard Self.mayGive(scope: scope, giver: giver, state: SittingStatus(rawValue: sitting.status) ?? .planned, times: times, now: now, ownSeat: ownSeat)
        else {
            if context.account == nil { throw PageError.signInRequired }
            throw ownSeat?.id == giver || SittingReader.keeps(scope) ? PageError(.conflict, "proxy_error_closed") : PageError(.forbidden, "proxy_refused")
        }
        // For one ballot of the sitting still open (the secretariat, during the sitting), or for the whole sitting.
        var chosen: Int64?
        if let raw = form.text("ballot") {
            guard SittingReader.keeps(scope), let id = Int64(raw),
                  try await services.sittings.ballots(sittingID: sitting.id).contains(where: { $0.id == id && $0.closedAt == nil })
            else { throw PageError(.unprocessableContent, "proxy_error_ballot") }
            chosen = id
        }
        let ballot = chosen
        let voters = Set(try await CouncilSittingVoters.ofSitting(sitting, services: services, councilID: scope.council.id).map(\.id))
        let actor = scope.actor, rule = scope.council.sittingRules.proxy
        do {
            _ = try await services.sittings.addProxy(sittingID: sitting.id, councilID: scope.council.id, giver: giver, holder: holder, ballotID: ballot,
                                                     at: now) { current, existing, recorded in
                let state = SittingStatus(rawValue: current.status) ?? .planned
                let times = SittingTimes(startsAt: current.startsAt, endsAt: current.endsAt)
                guard state != .cancelled, !times.isOver(at: now),
                      SittingRules.decide(actor, .keep).isAllowed || !times.hasStarted(at: now) else { return "proxy_error_closed" }
                return ProxyRules.problem(Proxy(giver: giver, holder: holder, ballotID: ballot), existing: existing.map { Proxy(giver: $0.giverId, holder: $0.holderId, ballotID: $0.ballotId) },
                                          voters: voters, attendance: recorded.compactMapValues(Attendance.init(rawValue:)), rule: rule)
            }
        } catch SittingChangeRefused.refused(let key) {
            return try await CouncilSittingPageBuilder(services: services, pages: pages)
                .page(request, context, scope: scope, sitting: sitting, error: pages.text(key, context), status: .unprocessableContent)
                .response(from: request, context: context)
        } catch SittingChangeRefused.notFound { throw PageError.notFound }
        return back(scope, sitting, anchor: "#proxies")
    }

    @Sendable func removeProxy(_ request: Request, context: AppContext) async throws -> Response {
        let (scope, sitting) = try await routes.sitting(context)
        guard let id = context.parameters.get("proxy", as: Int64.self) else { throw PageError.notFound }
        let now = services.clock.now().timeIntervalSince1970
        let ownSeat = SittingReader.actingSeat(scope)
        guard let proxy = try await services.sittings.proxies(sittingID: sitting.id).first(where: { $0.id == id }) else { throw PageError.notFound }
        guard Self.mayGive(scope: scope, giver: proxy.giverId, state: SittingStatus(rawValue: sitting.status) ?? .planned,
                           times: SittingTimes(startsAt: sitting.startsAt, endsAt: sitting.endsAt), now: now, ownSeat: ownSeat)
        else {
            if context.account == nil { throw PageError.signInRequired }
            throw ownSeat?.id == proxy.giverId || SittingReader.keeps(scope) ? PageError(.conflict, "proxy_error_closed") : PageError(.forbidden, "proxy_refused")
        }
        let actor = scope.actor
        try await CouncilSittingRoutes.refusing {
            try await services.sittings.removeProxy(id: id, sittingID: sitting.id, councilID: scope.council.id, at: now) { current, _ in
                let times = SittingTimes(startsAt: current.startsAt, endsAt: current.endsAt)
                guard current.status != SittingStatus.cancelled.rawValue, !times.isOver(at: now),
                      SittingRules.decide(actor, .keep).isAllowed || !times.hasStarted(at: now) else { return "proxy_error_closed" }
                return nil
            }
        }
        return back(scope, sitting, anchor: "#proxies")
    }
}

/// What the reader may do at the council's sittings.
enum SittingReader {
    /// Whether the reader keeps the council's sittings (its secretariat).
    static func keeps(_ scope: CouncilScope) -> Bool { SittingRules.decide(scope.actor, .keep).isAllowed }

    /// The reader's seat when it sits in the assembly as the rules see it (an account not yet verified acts as a
    /// citizen, whatever its seat).
    static func actingSeat(_ scope: CouncilScope) -> Membership? {
        scope.actor.sitsInAssembly ? scope.membership.flatMap { $0.sits ? $0 : nil } : nil
    }
}
