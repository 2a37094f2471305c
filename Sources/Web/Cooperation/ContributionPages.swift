/// The works partners opened to the council's contributions, and its own contributions.
struct ContributionListPage: Encodable {
    struct Form: Encodable {
        let action: String
        let share: Int64
        let idPrefix: String
    }

    struct Opening: Encodable {
        let work: LocalizedView
        let workURL: String
        let council: LocalizedView
        let lastDay: String
        let isOpen: Bool
        let form: Form?
    }

    struct Mine: Encodable {
        let url: String
        let title: String
        let work: String
        let status: String
        let statusCode: String
    }

    let openings: [Opening]
    let hasOpenings: Bool
    let mine: [Mine]
    let hasMine: Bool
    let backURL: String
}

/// One contribution, in the contributing council's space.
struct ContributionPage: Encodable {
    let title: String
    let body: String
    let status: String
    let statusCode: String
    let work: LocalizedView?
    let workURL: String?
    let receiver: LocalizedView?
    let lastDay: String?
    let author: String?
    let sent: String?
    let acknowledged: String?
    /// Why a draft can no longer be sent.
    let closed: String?
    let editAction: String?
    let sendAction: String?
    let deleteAction: String?
    let backURL: String
}

/// A contribution a partner sent to a work, on the work's page.
struct ReceivedContribution: Encodable {
    let council: LocalizedView
    let councilURL: String
    let title: String
    let body: String
    let sent: String
    let acknowledged: String?
    let acknowledgeAction: String?
}
