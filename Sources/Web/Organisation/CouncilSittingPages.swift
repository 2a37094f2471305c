/// The council's sittings: those to come, then those held, each with its body, times and place.
struct CouncilSittingListPage: Encodable {
    struct Row: Encodable {
        let url: String
        let title: String
        let when: String
        let place: String
        let status: String?
        let cancelled: Bool
    }

    let upcoming: [Row]
    let hasUpcoming: Bool
    let past: [Row]
    let hasPast: Bool
    let newURL: String?
    /// The public calendar (plenary sittings), and the reader's own when they hold a seat.
    let calendarURL: String
    let memberCalendarURL: String?
    /// The member's calendar narrowed to each body they sit in.
    let bodyCalendars: [BodyCalendar]
    let hasBodyCalendars: Bool
    /// The form that ends the member's private address (one seen by someone else) and gives a new one.
    let calendarResetAction: String?

    struct BodyCalendar: Encodable {
        let label: String
        let url: String
    }
}

/// A sitting: when and where, its agenda, who took part, the proxies and the quorum; the secretariat's forms.
struct CouncilSittingPage: Encodable {
    struct Item: Encodable {
        let number: Int
        let kind: String
        let url: String?
        let title: LocalizedView
        let deleteAction: String?
    }

    struct Voter: Encodable {
        let id: Int64
        let name: String
        let url: String?
        let group: String?
        let attendance: String?
        /// The secretariat's choice of attendance, once the sitting has started.
        let editable: Bool
        let label: String
        let options: [SelectOption]
    }

    struct ProxyRow: Encodable {
        let sentence: String
        let note: String?
        let deleteAction: String?
    }

    /// A ballot held at the sitting, with its result.
    struct BallotRow: Encodable {
        let url: String
        let title: String
        let result: String
    }

    struct Minutes: Encodable {
        struct WriteForm: Encodable {
            let action: String
            let languages: [SelectOption]
            let body: String
        }

        struct ApproveForm: Encodable {
            let action: String
            let sittings: [SelectOption]
        }

        let status: String
        let paragraphs: [String]
        let lang: String?
        let dir: String?
        let approved: String?
        let approvedURL: String?
        let writeForm: WriteForm?
        let approveForm: ApproveForm?
        let publishAction: String?
    }

    struct AgendaForm: Encodable {
        let action: String
        let kinds: [SelectOption]
        let works: [SelectOption]
    }

    struct ProxyForm: Encodable {
        let action: String
        /// The giver is chosen by the secretariat; a member gives their own.
        let givers: [SelectOption]
        let holders: [SelectOption]
        /// The whole sitting, or one of its ballots still open (the secretariat's choice during the sitting).
        let ballots: [SelectOption]
        let hasBallots: Bool
    }

    let title: String
    let when: String
    let place: String?
    let remoteURL: String?
    let status: String
    let cancelled: Bool
    let body: LinkView?
    let items: [Item]
    let hasItems: Bool
    let voters: [Voter]
    let hasVoters: Bool
    let votersCount: String
    /// The council's quorum and proxy rules, a sentence each.
    let rules: [String]
    let quorum: String?
    let quorumMet: Bool
    let proxies: [ProxyRow]
    let hasProxies: Bool
    let ballots: [BallotRow]
    let hasBallots: Bool
    /// The minutes, or their absence, as the reader may see them (nil: nothing to show them).
    let minutes: Minutes?
    let agendaForm: AgendaForm?
    let attendanceAction: String?
    let proxyForm: ProxyForm?
    let documents: [DocumentLink]
    let hasDocuments: Bool
    let documentForm: WorkPage.DocumentForm?
    let editURL: String?
    let conveneAction: String?
    let cancelAction: String?
    let error: String?
    let backURL: String
}

/// Planning or correcting a sitting.
struct CouncilSittingFormPage: Encodable {
    let heading: String
    let action: String
    let values: [String: String]
    let bodies: [SelectOption]
    let commissions: [SelectOption]
    let zone: String
    let error: String?
    let backURL: String
}
