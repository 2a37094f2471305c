import Foundation
import HemicycleDomain
import Hummingbird
import Organisation
import Storage

/// The calendars calendar programs subscribe to (RFC 5545): the council's plenary sittings, public; a member's own, at
/// a private address, with the sittings of every body they sit in. A sitting moved or cancelled keeps its `UID` with a
/// higher `SEQUENCE`, so programs update or remove it.
struct CouncilSittingCalendarRoutes {
    let services: CouncilSittingServices
    let pages: Pages

    func register(in council: PathRegistrar) {
        council.get(CouncilSittingPaths.calendar, use: councilCalendar)
        council.get(CouncilSittingPaths.memberCalendar, use: memberCalendar)
        council.post(CouncilSittingPaths.memberCalendarReset, use: resetMemberCalendar)
    }

    /// Ends the reader's private calendar address (and its narrowed ones): only the member holding the seat, for their
    /// own; 401 for a visitor, 403 for anyone without a seat that sits.
    @Sendable func resetMemberCalendar(_ request: Request, context: AppContext) async throws -> Response {
        let scope = try context.inCouncil()
        guard context.account != nil else { throw PageError.signInRequired }
        guard let seat = scope.membership, seat.sits, scope.actor.sitsInAssembly else { throw PageError(.forbidden, "calendar_reset_refused") }
        guard try await services.memberships.resetCalendar(seatID: seat.id, councilID: scope.council.id) else { throw PageError.notFound }
        return .redirect(to: SiteURL.with(CouncilSittingPaths.list.url(scope.slug), notice: "calendar_reset") + "#calendars", type: .normal)
    }

    @Sendable func councilCalendar(_ request: Request, context: AppContext) async throws -> Response {
        let council = try context.inCouncil().council
        let sittings = try await services.sittings.all(councilID: council.id, body: SittingBody.plenary.rawValue)
        let name = pages.text("calendar_council_name", context, ["council": pages.localized(council.name, context.language, councilDefault: council.language).text])
        var response = try await calendar(name: name, sittings: sittings, council: council, withVideoLinks: false, request: request, context: context)
        response.headers[.vary] = "Accept-Language, Cookie"
        return response
    }

    /// The body a member's calendar is narrowed to (`?body=plenary`, `bureau` or `commission-{id}`): the key the
    /// address carries.
    static func bodyKey(_ body: SittingBody, commissionID: Int64?) -> String {
        body == .commission ? "commission-\(commissionID ?? 0)" : body.rawValue
    }

    /// `/{council}/calendar/{seat}-{signature}.ics`: 404 for a wrong signature or a seat that no longer sits; with
    /// `?body=`, the sittings of that one body (404 for a body the member does not sit in).
    @Sendable func memberCalendar(_ request: Request, context: AppContext) async throws -> Response {
        let council = try context.inCouncil().council
        guard var token = context.parameters.get("token"), token.hasSuffix(".ics") else { throw PageError.notFound }
        token.removeLast(4)
        let now = services.clock.now().timeIntervalSince1970
        guard let seatID = try await services.calendarTokens.seat(in: token, councilID: council.id, now: now, generation: {
                  try await services.memberships.calendarGeneration(seatID: $0, councilID: council.id)
              }),
              let seat = try await services.memberships.all(councilID: council.id).first(where: { $0.id == seatID && $0.sits })
        else { throw PageError.notFound }
        let commissionSeats = try await services.commissions.seats(councilID: council.id)
        var sittings = try await services.sittings.all(councilID: council.id).filter {
            CouncilSittingVoters.votes(seat, body: SittingBody(rawValue: $0.body) ?? .plenary, commissionID: $0.commissionId, commissionSeats: commissionSeats)
        }
        var name = pages.text("calendar_member_name", context, ["name": seat.displayName])
        if let body = request.uri.queryParameters.get("body").map({ String($0) }) {
            let bodies = try await CouncilSittingRoutes.memberBodies(seat, council: council, services: services, pages: pages, context: context)
            guard let label = bodies.first(where: { $0.key == body })?.label else { throw PageError.notFound }
            sittings = sittings.filter { Self.bodyKey(SittingBody(rawValue: $0.body) ?? .plenary, commissionID: $0.commissionId) == body }
            name = pages.text("calendar_member_body_name", context, ["name": seat.displayName, "body": label])
        }
        var response = try await calendar(name: name, sittings: sittings, council: council, withVideoLinks: true, request: request, context: context)
        // A private address: no shared cache keeps it.
        response.headers[.cacheControl] = "private, no-store"
        return response
    }

    /// The calendar of `sittings`; the video links only in a member's own (they are for those who take part).
    func calendar(name: String, sittings: [SittingRecord], council: Council, withVideoLinks: Bool, request: Request,
                  context: AppContext) async throws -> Response {
        let language = context.language
        let builder = try await SittingEvents.load(sittings.map(\.id), council: council, services: services, pages: pages)
        let events = sittings.map { builder.event($0, language, withVideoLink: withVideoLinks) }
        let body = ICalendar.document(name: name, language: language.rawValue, events: events)
        return NewsFeeds.respond(body, type: "text/calendar; charset=utf-8", updated: sittings.map(\.updatedAt).max() ?? 0, request: request)
    }
}
