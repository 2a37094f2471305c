// The typed models of a council's staff pages: the overview, its groups and commissions, its members and the
// invitations to seats, and the outbox of the development instance.

struct AdminOverviewPage: Encodable {
    struct Link: Encodable {
        let url: String
        let label: String
    }

    /// The council's term of office, and the form that records it for its administrators.
    struct Term: Encodable {
        struct Form: Encodable {
            let action: String
            let first: String
            let last: String
            let error: String?
            /// Which day the error is about.
            let firstInvalid: Bool
            let lastInvalid: Bool
        }

        let current: String
        let form: Form?
    }

    /// The council's sitting rules, and the form that sets them for its administrators.
    struct SittingRules: Encodable {
        struct Form: Encodable {
            let action: String
            let proxiesHeld: String
            let quorums: [SelectOption]
            let countsProxies: Bool
            let error: String?
            let proxiesInvalid: Bool
            let quorumInvalid: Bool
        }

        let current: [String]
        let form: Form?
    }

    let links: [Link]
    let term: Term
    let sittingRules: SittingRules
}

/// The groups or the commissions of a council, with the form that adds one.
struct BodyListPage: Encodable {
    struct Row: Encodable {
        let name: LocalizedView
        let acronym: String?
        let url: String
    }

    let rows: [Row]
    let values: [String: String]
    let action: String
    let backURL: String
    let error: String?
}

/// One group or commission, with the form that changes it and the one that deletes it.
struct BodyEditPage: Encodable {
    let values: [String: String]
    let action: String
    let deleteAction: String
    let backURL: String
    let error: String?
}

struct MemberListPage: Encodable {
    struct Row: Encodable {
        let name: String
        let role: String
        let url: String
        /// Only for those who may see personal data.
        let email: String?
        let group: LocalizedView?
    }

    struct Invitation: Encodable {
        let email: String
        let role: String
        let expires: String
        let revokeAction: String
        let mayRevoke: Bool
    }

    let rows: [Row]
    let values: [String: String]
    let action: String
    let backURL: String
    let invitations: [Invitation]
    let hasInvitations: Bool
    let roleOptions: [SelectOption]
    let groupOptions: [SelectOption]
    let error: String?
}

struct MemberEditPage: Encodable {
    /// A commission the member may sit in, ticked when they do.
    struct Commission: Encodable {
        let value: Int64
        let label: String
        let checked: Bool
    }

    let name: String
    let action: String
    let deleteAction: String
    let backURL: String
    let roleOptions: [SelectOption]
    let mayRemove: Bool
    let groupOptions: [SelectOption]
    let commissions: [Commission]
    /// A staff seat's duties, for the council's administrators to give (`Duty`); absent for anyone else.
    let dutyForm: DutyForm?
    /// The photo of a member who sits in the assembly (shown on their public page) and the forms to change it.
    let photo: Photo?
    let email: String?
    let error: String?

    struct Photo: Encodable {
        let url: String?
        let alt: String
        let action: String
        let deleteAction: String?
        let limit: String
    }

    struct DutyForm: Encodable {
        let options: [DutyOption]
    }

    struct DutyOption: Encodable {
        let value: String
        let label: String
        let checked: Bool
    }
}

struct OutboxPage: Encodable {
    struct Message: Encodable {
        let recipient: String
        let subject: String
        let body: String
        let created: String
        let status: String
        let error: String?
    }

    let messages: [Message]
    let hasMessages: Bool
}
