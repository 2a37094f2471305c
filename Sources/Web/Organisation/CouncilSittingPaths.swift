/// A council's sittings (plenary, commissions, bureau): the list and each sitting with its agenda, attendance and
/// proxies, and the calendars calendar programs subscribe to.
enum CouncilSittingPaths {
    static let list = Path1("/{council}/sittings")
    static let new = Path1("/{council}/sittings/new")
    static let item = Path2("/{council}/sittings/{id}")
    static let edit = Path2("/{council}/sittings/{id}/edit")
    static let status = Path2("/{council}/sittings/{id}/status")
    static let agenda = Path2("/{council}/sittings/{id}/agenda")
    static let agendaDelete = Path3("/{council}/sittings/{id}/agenda/{item}/delete")
    static let attendance = Path2("/{council}/sittings/{id}/attendance")
    static let proxies = Path2("/{council}/sittings/{id}/proxies")
    static let proxyDelete = Path3("/{council}/sittings/{id}/proxies/{proxy}/delete")
    static let minutes = Path2("/{council}/sittings/{id}/minutes")
    static let minutesApprove = Path2("/{council}/sittings/{id}/minutes/approve")
    static let minutesPublish = Path2("/{council}/sittings/{id}/minutes/publish")
    static let documents = Path2("/{council}/sittings/{id}/documents")
    static let document = Path3("/{council}/sittings/{id}/documents/{attachment}")
    static let documentDelete = Path3("/{council}/sittings/{id}/documents/{attachment}/delete")
    /// The council's public calendar: its plenary sittings.
    static let calendar = Path1("/{council}/calendar.ics")
    /// A member's own calendar, at a private address: the sittings of every body they sit in.
    static let memberCalendar = Path2("/{council}/calendar/{token}")
    /// A member ends their calendar's private address and gets a new one.
    static let memberCalendarReset = Path1("/{council}/calendar-reset")

    static let all: [any DeclaredPath] = [list, new, item, edit, status, agenda, agendaDelete, attendance, proxies, proxyDelete, minutes, minutesApprove, minutesPublish, calendar,
                                          memberCalendar, memberCalendarReset, documents, document, documentDelete]
}
