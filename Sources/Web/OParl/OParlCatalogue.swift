import Foundation
import HemicycleDomain
import Organisation
import Storage

/// One object of a body's list, with the times the list's filters read (nil: not recorded, and never filtered out).
struct OParlEntry: Encodable, Sendable {
    /// The last part of its id.
    let path: String
    let created: Double?
    let modified: Double?
    let value: any Encodable & Sendable

    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}

/// What a council publishes through OParl, as OParl names it: the council is a body; its assembly, bureau, groups
/// and commissions are organizations; its sitting members persons, with their memberships; its public (plenary)
/// sittings meetings with their agenda items; its published works papers, each with its Akoma Ntoso text as a file;
/// its term of office a legislative term. Names are in the council's language. Nothing unpublished is ever here.
struct OParlCatalogue {
    /// OParl's own words for the kind of an organization (a fixed German vocabulary, not a sentence for readers).
    static let committee = "Gremium", parliamentaryGroup = "Fraktion"

    static let kinds = ["organizations", "persons", "memberships", "meetings", "agendaItems", "papers", "files", "legislativeTerms"]

    let council: Council
    let base: String
    let pages: Pages

    func url(_ kind: String, _ key: String) -> String { base + OParlPaths.object.url(council.slug, kind, key) }
    func list(_ kind: String) -> String { base + OParlPaths.list.url(council.slug, kind) }
    var bodyURL: String { base + OParlPaths.body.url(council.slug) }
    func name(_ text: LocalizedText) -> String { text.resolved(for: council.language, councilDefault: council.language)?.text ?? "" }
    static func dateTime(_ seconds: Double) -> String { Date(timeIntervalSince1970: seconds).formatted(.iso8601) }

    func body() -> OParlBody {
        OParlBody(
            id: bodyURL, system: base + OParlPaths.system.url, shortName: council.slug, name: name(council.name), website: council.website,
            organization: list("organizations"), person: list("persons"), meeting: list("meetings"), paper: list("papers"),
            legislativeTerm: legislativeTerms(), legislativeTermList: list("legislativeTerms"), agendaItem: list("agendaItems"), file: list("files"),
            membership: list("memberships"), mainOrganization: url("organizations", "assembly"),
            classification: pages.localizer.text("oparl_classification", council.language), web: base + CouncilPaths.home.url(council.slug))
    }

    func legislativeTerms() -> [OParlLegislativeTerm] {
        guard let term = council.term else { return [] }
        let format = Formatting(language: council.language, council: council)
        return [OParlLegislativeTerm(
            id: url("legislativeTerms", "\(term.firstDay.text)"), body: bodyURL,
            name: pages.localizer.text("member_term", council.language, ["first": format.day(term.firstDay), "last": format.day(term.lastDay)]),
            startDate: term.firstDay.text, endDate: term.lastDay.text, web: nil)]
    }

    /// Every object of `kind`, in a stable order, then those deleted (OParl's soft delete) that are not there again.
    func entries(_ kind: String, services: OParlServices) async throws -> [OParlEntry] {
        let present: [OParlEntry]
        switch kind {
        case "legislativeTerms": present = legislativeTerms().map { OParlEntry(path: $0.startDate, created: nil, modified: nil, value: $0) }
        case "organizations", "persons", "memberships": present = try await people(kind, services: services)
        case "meetings", "agendaItems": present = try await meetings(kind, services: services)
        case "papers": present = try await papers(kind, services: services)
        case "files":
            present = try await papers(kind, services: services)
                + sittingDocuments(try await plenarySittings(services: services), services: services).flatMap(\.value)
        default: present = []
        }
        return present + (try await deleted(kind, except: Set(present.map(\.path)), services: services))
    }

    func people(_ kind: String, services: OParlServices) async throws -> [OParlEntry] {
        // Members who sit, and former members: their seats ended, their memberships carry the day they ended. Those who
        // erased their account are not listed (their names stay only on the votes and texts of the public record).
        let erased = try await services.memberships.erasedSeats(councilID: council.id)
        let seats = try await services.memberships.all(councilID: council.id, includingEnded: true)
            .filter { $0.roleValue.sitsInAssembly && !erased.contains($0.id) }
        let seatedAt = try await services.memberships.seatedAt(councilID: council.id)
        let day = { (seconds: Double) in CivilDay(Date(timeIntervalSince1970: seconds), in: council.zone).text }
        let groups = try await services.groups.all(councilID: council.id)
        let commissions = try await services.commissions.all(councilID: council.id)
        let commissionSeats = try await services.commissions.seats(councilID: council.id)
        // Each seat's memberships: the assembly, its group, its commissions, the bureau.
        var memberships: [Int64: [OParlMembership]] = [:]
        for seat in seats {
            let person = url("persons", "\(seat.id)"), web = CouncilPaths.memberPage(council, seat).map { base + $0 }
            let start = seatedAt[seat.id].map(day), end = seat.endedAt.map(day)
            var own = [OParlMembership(id: url("memberships", "assembly-\(seat.id)"), person: person, organization: url("organizations", "assembly"),
                                       role: seat.roleValue == .member ? nil : pages.localizer.text(seat.roleValue.labelKey, council.language),
                                       votingRight: true, web: web, startDate: start, endDate: end)]
            if let group = seat.groupId {
                own.append(OParlMembership(id: url("memberships", "group-\(seat.id)"), person: person, organization: url("organizations", "group-\(group)"),
                                           role: nil, votingRight: true, web: web, startDate: start, endDate: end))
            }
            for commission in commissionSeats where commission.membershipID == seat.id {
                own.append(OParlMembership(id: url("memberships", "commission-\(commission.commissionID)-\(seat.id)"), person: person,
                                           organization: url("organizations", "commission-\(commission.commissionID)"), role: nil, votingRight: true, web: web,
                                           endDate: end))
            }
            if seat.roleValue == .bureau || seat.roleValue == .president {
                own.append(OParlMembership(id: url("memberships", "bureau-\(seat.id)"), person: person, organization: url("organizations", "bureau"),
                                           role: pages.localizer.text(seat.roleValue.labelKey, council.language), votingRight: true, web: web,
                                           endDate: end))
            }
            memberships[seat.id] = own
        }
        switch kind {
        case "persons":
            return seats.sorted { $0.id < $1.id }.map { seat in
                OParlEntry(path: "\(seat.id)", created: nil, modified: nil, value: OParlPerson(
                    id: url("persons", "\(seat.id)"), body: bodyURL, name: seat.displayName, membership: memberships[seat.id],
                    web: CouncilPaths.memberPage(council, seat).map { base + $0 }))
            }
        case "memberships":
            return seats.sorted { $0.id < $1.id }.flatMap { memberships[$0.id] ?? [] }.map {
                OParlEntry(path: String($0.id.split(separator: "/").last ?? ""), created: nil, modified: nil, value: $0)
            }
        default:
            let all = memberships.values.flatMap { $0 }
            func ids(_ organization: String) -> [String] { all.filter { $0.organization == url("organizations", organization) }.map(\.id).sorted() }
            func current(_ organization: String) -> Int { all.filter { $0.organization == url("organizations", organization) && $0.endDate == nil }.count }
            let text = { (key: String) in pages.localizer.text(key, council.language) }
            var organizations = [
                OParlEntry(path: "assembly", created: nil, modified: nil, value: OParlOrganization(
                    id: url("organizations", "assembly"), body: bodyURL, name: text("sitting_body_plenary"), shortName: nil, membership: ids("assembly"),
                    meeting: list("meetings"), organizationType: Self.committee, classification: text("sitting_body_plenary"),
                    memberCount: current("assembly"), web: base + CouncilPaths.members.url(council.slug))),
                OParlEntry(path: "bureau", created: nil, modified: nil, value: OParlOrganization(
                    id: url("organizations", "bureau"), body: bodyURL, name: text("sitting_body_bureau"), shortName: nil, membership: ids("bureau"),
                    meeting: nil, organizationType: Self.committee, classification: text("sitting_body_bureau"),
                    memberCount: current("bureau"), web: nil)),
            ]
            for group in groups.sorted(by: { $0.id < $1.id }) {
                let key = "group-\(group.id)"
                organizations.append(OParlEntry(path: key, created: nil, modified: nil, value: OParlOrganization(
                    id: url("organizations", key), body: bodyURL, name: name(group.name), shortName: group.acronym, membership: ids(key), meeting: nil,
                    organizationType: Self.parliamentaryGroup, classification: Self.parliamentaryGroup, memberCount: current(key),
                    web: base + CouncilPaths.group.url(council.slug, group.id))))
            }
            for commission in commissions.sorted(by: { $0.id < $1.id }) {
                let key = "commission-\(commission.id)"
                organizations.append(OParlEntry(path: key, created: nil, modified: nil, value: OParlOrganization(
                    id: url("organizations", key), body: bodyURL, name: name(commission.name), shortName: nil, membership: ids(key), meeting: nil,
                    organizationType: Self.committee, classification: text("sitting_body_commission"), memberCount: current(key),
                    web: base + CouncilPaths.commission.url(council.slug, commission.id))))
            }
            return organizations
        }
    }

    func meetings(_ kind: String, services: OParlServices) async throws -> [OParlEntry] {
        // Only what is public: the plenary sittings.
        let sittings = try await plenarySittings(services: services)
        let events = try await SittingEvents.load(sittings.map(\.id), council: council, services: services.sittingServices, pages: pages)
        let now = services.clock.now().timeIntervalSince1970
        let documents = Dictionary(try await sittingDocuments(sittings, services: services).map { ($0.sitting, $0.value.compactMap { $0.value as? OParlFile }) },
                                   uniquingKeysWith: { first, _ in first })
        var entries: [OParlEntry] = []
        for sitting in sittings {
            let meeting = url("meetings", "\(sitting.id)"), web = base + CouncilSittingPaths.item.url(council.slug, sitting.id)
            let items = (events.agendas[sitting.id] ?? []).enumerated().map { index, item in
                let work = item.workId.flatMap { events.works[$0] }
                return OParlAgendaItem(id: url("agendaItems", "\(item.id)"), meeting: meeting, number: "\(index + 1)", order: index + 1,
                                       name: name(work?.title ?? item.title), public: true, created: Self.dateTime(sitting.createdAt),
                                       modified: Self.dateTime(sitting.updatedAt), web: web)
            }
            if kind == "agendaItems" {
                entries += items.map { OParlEntry(path: String($0.id.split(separator: "/").last ?? ""), created: sitting.createdAt, modified: sitting.updatedAt, value: $0) }
                continue
            }
            let times = SittingTimes(startsAt: sitting.startsAt, endsAt: sitting.endsAt)
            let state = sitting.status == SittingStatus.cancelled.rawValue ? "cancelled"
                : times.isOver(at: now) ? "completed" : times.hasStarted(at: now) ? "running"
                : sitting.status == SittingStatus.convened.rawValue ? "invited" : "scheduled"
            let attendance = try await services.sittings.attendance(sittingID: sitting.id)
            let participants = attendance.filter { Attendance(rawValue: $0.value)?.takesPart == true }.keys.sorted().map { url("persons", "\($0)") }
            entries.append(OParlEntry(path: "\(sitting.id)", created: sitting.createdAt, modified: sitting.updatedAt, value: OParlMeeting(
                id: meeting, name: events.title(sitting, council.language), meetingState: state,
                cancelled: sitting.status == SittingStatus.cancelled.rawValue,
                start: Self.dateTime(sitting.startsAt), end: Self.dateTime(sitting.endsAt),
                location: sitting.place.isEmpty ? nil : OParlLocation(id: url("meetings", "\(sitting.id)") + "#location", description: sitting.place),
                organization: [url("organizations", "assembly")], participant: participants, agendaItem: items,
                created: Self.dateTime(sitting.createdAt), modified: Self.dateTime(sitting.updatedAt), web: web,
                auxiliaryFile: documents[sitting.id])))
        }
        return entries
    }

    func papers(_ kind: String, services: OParlServices) async throws -> [OParlEntry] {
        var entries: [OParlEntry] = []
        for work in try await services.works.all(councilID: council.id, statuses: ["published"], kind: nil).sorted(by: { $0.id < $1.id }) {
            let events = try await services.works.events(workID: work.id)
            let modified = events.map(\.at).max() ?? work.createdAt
            let published = events.last { $0.status == "published" }?.at ?? modified
            let xml = base + WorkPaths.akomaNtoso.url(council.slug, work.id)
            let file = OParlFile(id: url("files", "work-\(work.id)"), name: name(work.title), fileName: "\(council.slug)-work-\(work.id).xml",
                                 mimeType: "application/akn+xml", accessUrl: xml, downloadUrl: xml, paper: [url("papers", "\(work.id)")],
                                 created: Self.dateTime(published), modified: Self.dateTime(modified))
            if kind == "files" {
                entries.append(OParlEntry(path: "work-\(work.id)", created: published, modified: modified, value: file))
                continue
            }
            entries.append(OParlEntry(path: "\(work.id)", created: work.createdAt, modified: modified, value: OParlPaper(
                id: url("papers", "\(work.id)"), body: bodyURL, name: name(work.title), reference: work.referralReference,
                date: String(Self.dateTime(published).prefix(10)), paperType: pages.localizer.text("work_kind_\(work.kind)", council.language), mainFile: file,
                underDirectionOf: work.commissionId.map { [url("organizations", "commission-\($0)")] }, created: Self.dateTime(work.createdAt),
                modified: Self.dateTime(modified), web: base + WorkPaths.item.url(council.slug, work.id))))
        }
        return entries
    }
}
