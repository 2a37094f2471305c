import Foundation
import HemicycleDomain
import Hummingbird
import Organisation
import Storage

/// A council's sittings (`/{council}/sittings`): plenary sittings are public; a commission's or the bureau's are read
/// by the council's members, bureau and secretariat; the secretariat plans, corrects and cancels them.
struct CouncilSittingRoutes {
    let services: CouncilSittingServices
    let pages: Pages

    /// The sittings held shown on the list, the latest first.
    static let pastShown = 50

    func register(in council: PathRegistrar) {
        council.get(CouncilSittingPaths.list, use: list)
        council.get(CouncilSittingPaths.new, use: newForm)
        council.post(CouncilSittingPaths.list, use: create)
        council.get(CouncilSittingPaths.item, use: item)
        council.get(CouncilSittingPaths.edit, use: editForm)
        council.post(CouncilSittingPaths.item, use: update)
        council.post(CouncilSittingPaths.status, use: cancel)
    }

    /// The sitting's name: "Séance plénière du 10 déc. 2026", a commission's or the bureau's meeting.
    static func title(_ sitting: SittingRecord, commissions: [Int64: String], format: Formatting, pages: Pages, context: AppContext) -> String {
        title(sitting, commissions: commissions, format: format, pages: pages, language: context.language)
    }

    /// The same, in `language` (a mail to a member in theirs).
    static func title(_ sitting: SittingRecord, commissions: [Int64: String], format: Formatting, pages: Pages, language: Language) -> String {
        let date = format.date(Date(timeIntervalSince1970: sitting.startsAt))
        let text = { (key: String, arguments: [String: String]) in pages.localizer.text(key, language, arguments) }
        switch SittingBody(rawValue: sitting.body) ?? .plenary {
        case .plenary: return text("sitting_title_plenary", ["date": date])
        case .bureau: return text("sitting_title_bureau", ["date": date])
        case .commission:
            guard let name = sitting.commissionId.flatMap({ commissions[$0] }) else { return text("sitting_title_commission_removed", ["date": date]) }
            return text("sitting_title_commission", ["commission": name, "date": date])
        }
    }

    /// "10 déc. 2026, 14:30 – 17:30", in the council's time zone.
    static func when(_ sitting: SittingRecord, format: Formatting) -> String {
        let start = Date(timeIntervalSince1970: sitting.startsAt), end = Date(timeIntervalSince1970: sitting.endsAt)
        let sameDay = format.date(start) == format.date(end)
        return format.dateTime(start) + " – " + (sameDay ? format.time(end) : format.dateTime(end))
    }

    /// Where the sitting stands now: cancelled, to come, under way, held.
    static func status(_ sitting: SittingRecord, now: Double, pages: Pages, context: AppContext) -> String {
        let times = SittingTimes(startsAt: sitting.startsAt, endsAt: sitting.endsAt)
        if sitting.status == SittingStatus.cancelled.rawValue { return pages.text("sitting_status_cancelled", context) }
        if times.isOver(at: now) { return pages.text("sitting_status_held", context) }
        if times.hasStarted(at: now) { return pages.text("sitting_status_under_way", context) }
        return pages.text(sitting.status == SittingStatus.convened.rawValue ? "sitting_status_convened" : "sitting_status_planned", context)
    }

    /// The bodies `seat` sits in, each with the key of its calendar and its name: the plenary, the bureau for its
    /// members, each commission it has a seat in.
    static func memberBodies(_ seat: Membership, council: Council, services: CouncilSittingServices, pages: Pages,
                             context: AppContext) async throws -> [(key: String, label: String)] {
        let commissionSeats = try await services.commissions.seats(councilID: council.id)
        var bodies: [(key: String, label: String)] = []
        for body in [SittingBody.plenary, .bureau] where CouncilSittingVoters.votes(seat, body: body, commissionID: nil, commissionSeats: commissionSeats) {
            bodies.append((body.rawValue, pages.text("sitting_body_\(body.rawValue)", context)))
        }
        for commission in try await services.commissions.all(councilID: council.id)
        where CouncilSittingVoters.votes(seat, body: .commission, commissionID: commission.id, commissionSeats: commissionSeats) {
            bodies.append((CouncilSittingCalendarRoutes.bodyKey(.commission, commissionID: commission.id),
                           pages.localized(commission.name, context.language, councilDefault: council.language).text))
        }
        return bodies
    }

    func commissionNames(_ council: Council, _ language: Language) async throws -> [Int64: String] {
        Dictionary(try await services.commissions.all(councilID: council.id).map {
            ($0.id, pages.localized($0.name, language, councilDefault: council.language).text)
        }, uniquingKeysWith: { first, _ in first })
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> HTML {
        let scope = try context.inCouncil()
        let council = scope.council
        let format = Formatting(language: context.language, council: council)
        let now = services.clock.now().timeIntervalSince1970
        let names = try await commissionNames(council, context.language)
        let visible = try await services.sittings.all(councilID: council.id).filter {
            SittingRules.decide(scope.actor, .see(SittingBody(rawValue: $0.body) ?? .plenary)).isAllowed
        }
        func row(_ sitting: SittingRecord) -> CouncilSittingListPage.Row {
            CouncilSittingListPage.Row(url: CouncilSittingPaths.item.url(council.slug, sitting.id),
                                title: Self.title(sitting, commissions: names, format: format, pages: pages, context: context),
                                when: Self.when(sitting, format: format), place: sitting.place,
                                status: Self.status(sitting, now: now, pages: pages, context: context),
                                cancelled: sitting.status == SittingStatus.cancelled.rawValue)
        }
        let upcoming = visible.filter { $0.endsAt > now }.map(row)
        let past = visible.filter { $0.endsAt <= now }.reversed().prefix(Self.pastShown).map(row)
        var memberCalendar: String?, bodyCalendars: [CouncilSittingListPage.BodyCalendar] = []
        // The actor, not the seat: an account not yet verified acts as a citizen.
        if let seat = scope.membership, seat.sits, scope.actor.sitsInAssembly {
            let generation = try await services.memberships.calendarGeneration(seatID: seat.id, councilID: council.id)
            let token = try await services.calendarTokens.token(seat: seat.id, councilID: council.id, generation: generation, now: now)
            let address = services.baseURL + CouncilSittingPaths.memberCalendar.url(council.slug, token + ".ics")
            memberCalendar = address
            // One per body the member sits in, for those who follow each in its own calendar.
            bodyCalendars = try await Self.memberBodies(seat, council: council, services: services, pages: pages, context: context).map {
                .init(label: pages.text("sittings_calendar_body_label", context, ["body": $0.label]), url: address + "?body=" + $0.key)
            }
        }
        let model = CouncilSittingListPage(
            upcoming: upcoming, hasUpcoming: !upcoming.isEmpty, past: Array(past), hasPast: !past.isEmpty,
            newURL: SittingRules.decide(scope.actor, .keep).isAllowed ? CouncilSittingPaths.new.url(council.slug) : nil,
            calendarURL: CouncilSittingPaths.calendar.url(council.slug), memberCalendarURL: memberCalendar, bodyCalendars: bodyCalendars,
            hasBodyCalendars: bodyCalendars.count > 1,
            calendarResetAction: memberCalendar == nil ? nil : CouncilSittingPaths.memberCalendarReset.url(council.slug))
        return try await pages.page("sittings", title: pages.text("sittings_title", context), request: request, context: context, council: council,
                                    typed: model)
    }

    /// The sitting named in the address, when the reader may see it (404 otherwise: a commission's meeting is not
    /// announced to outsiders).
    func sitting(_ context: AppContext) async throws -> (CouncilScope, SittingRecord) {
        let scope = try context.inCouncil()
        guard let id = context.parameters.get("id", as: Int64.self), let sitting = try await services.sittings.find(id: id, councilID: scope.council.id)
        else { throw PageError.notFound }
        guard SittingRules.decide(scope.actor, .see(SittingBody(rawValue: sitting.body) ?? .plenary)).isAllowed else { throw PageError.notFound }
        return (scope, sitting)
    }

    @Sendable func item(_ request: Request, context: AppContext) async throws -> HTML {
        let (scope, sitting) = try await sitting(context)
        return try await CouncilSittingPageBuilder(services: services, pages: pages).page(request, context, scope: scope, sitting: sitting, error: nil)
    }
}
