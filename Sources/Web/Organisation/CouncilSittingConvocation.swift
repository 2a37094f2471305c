import Foundation
import HemicycleDomain
import Organisation
import Storage

/// The mails of a sitting to the members called to it: the convocation, a change of time or place once convened,
/// the cancellation; each in the member's language, with its invitation for calendar programs (RFC 5546: `REQUEST`,
/// or `CANCEL`, the same `UID` with the sequence raised). Only verified addresses of current seats are written to.
struct CouncilSittingConvocation {
    enum Kind: String {
        case convocation = "sitting_convocation"
        case update = "sitting_update"
        case cancellation = "sitting_cancellation"
    }

    let events: SittingEvents
    let invitees: [SittingInvitee]
    let organizer: String

    /// What the mails need, read before the change's transaction.
    static func prepare(_ sitting: SittingRecord, council: Council, services: CouncilSittingServices, pages: Pages) async throws -> CouncilSittingConvocation {
        let voters = try await CouncilSittingVoters.ofSitting(sitting, services: services, councilID: council.id).filter(\.sits)
        return CouncilSittingConvocation(
            events: try await SittingEvents.load([sitting.id], council: council, services: services, pages: pages),
            invitees: try await services.sittings.invitees(seatIDs: voters.map(\.id), councilID: council.id), organizer: services.organizer)
    }

    /// The mails for `sitting` as it stands once changed.
    func mails(_ kind: Kind, for sitting: SittingRecord) -> [SittingMail] {
        let council = events.council, localizer = events.pages.localizer
        return invitees.map { invitee in
            let language = invitee.language.flatMap(Language.init(rawValue:)) ?? council.language
            let format = Formatting(language: language, council: council)
            let title = events.title(sitting, language)
            let agenda = events.agenda(sitting, language)
            let place = [sitting.place, sitting.remoteUrl ?? ""].filter { !$0.isEmpty }.joined(separator: "\n")
            let arguments = [
                "name": invitee.name, "sitting": title, "when": CouncilSittingRoutes.when(sitting, format: format), "place": place,
                "agenda": agenda.isEmpty ? localizer.text("sitting_agenda_none", language) : agenda.joined(separator: "\n"),
                "link": events.baseURL + CouncilSittingPaths.item.url(council.slug, sitting.id),
            ]
            let event = events.event(sitting, language, withVideoLink: true, organizer: organizer, attendee: (invitee.name, invitee.email))
            return SittingMail(
                recipient: invitee.email, subject: localizer.text("mail_\(kind.rawValue)_subject", language, arguments),
                body: localizer.text("mail_\(kind.rawValue)_body", language, arguments),
                calendar: ICalendar.document(name: title, language: language.rawValue, events: [event], method: kind == .cancellation ? "CANCEL" : "REQUEST"))
        }
    }
}
