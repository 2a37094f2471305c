import Foundation
import HemicycleDomain
import Organisation
import Storage

/// A council's sittings as calendar events (for its feeds and its members' invitations): each sitting's name,
/// times, place and agenda in the reader's language, from what is loaded once.
struct SittingEvents {
    let council: Council
    let pages: Pages
    let baseURL: String
    let commissions: [Commission]
    let works: [Int64: WorkRecord]
    let agendas: [Int64: [SittingItemRecord]]

    static func load(_ sittingIDs: [Int64], council: Council, services: CouncilSittingServices, pages: Pages) async throws -> SittingEvents {
        SittingEvents(council: council, pages: pages, baseURL: services.baseURL,
                      commissions: try await services.commissions.all(councilID: council.id),
                      works: Dictionary(try await services.works.all(councilID: council.id).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }),
                      agendas: try await services.sittings.items(sittingIDs: sittingIDs))
    }

    func names(_ language: Language) -> [Int64: String] {
        Dictionary(commissions.map { ($0.id, pages.localized($0.name, language, councilDefault: council.language).text) }, uniquingKeysWith: { first, _ in first })
    }

    func title(_ sitting: SittingRecord, _ language: Language) -> String {
        CouncilSittingRoutes.title(sitting, commissions: names(language), format: Formatting(language: language, council: council), pages: pages,
                                   language: language)
    }

    /// The agenda, one line an item ("1. Vote : …").
    func agenda(_ sitting: SittingRecord, _ language: Language) -> [String] {
        let format = Formatting(language: language, council: council)
        return (agendas[sitting.id] ?? []).enumerated().map { index, item in
            let title = item.workId.flatMap { works[$0]?.title } ?? item.title
            return pages.localizer.text("calendar_agenda_line", language, [
                "number": format.number(index + 1), "kind": pages.localizer.text("agenda_kind_\(item.kind)", language),
                "title": pages.localized(title, language, councilDefault: council.language).text,
            ])
        }
    }

    /// The event of `sitting`, in `language`; its video link only for those who take part.
    func event(_ sitting: SittingRecord, _ language: Language, withVideoLink: Bool, organizer: String? = nil,
               attendee: (name: String, email: String)? = nil) -> CalendarEvent {
        let host = URL(string: baseURL)?.host ?? "hemicycle"
        let agenda = agenda(sitting, language)
        let location = withVideoLink ? [sitting.place, sitting.remoteUrl ?? ""].filter { !$0.isEmpty }.joined(separator: " ") : sitting.place
        return CalendarEvent(
            uid: "sitting-\(sitting.id)@\(host)", sequence: sitting.sequence, startsAt: sitting.startsAt, endsAt: sitting.endsAt,
            summary: title(sitting, language), location: location, description: agenda.isEmpty ? nil : agenda.joined(separator: "\n"),
            url: baseURL + CouncilSittingPaths.item.url(council.slug, sitting.id), cancelled: sitting.status == SittingStatus.cancelled.rawValue,
            modifiedAt: sitting.updatedAt, organizer: organizer, attendee: attendee)
    }
}
