/// The typed models of the convention at work: its sessions with their proposals, a proposal with its vote, the final
/// report.

/// A session's form (new, or one rewritten), with what was typed and why it was refused.
struct SessionForm: Encodable {
    let action: String
    /// Makes the fields' ids unique on a page that holds several forms.
    let idPrefix: String
    let values: [String: String]
    let error: String?
    let submitLabel: String
}

/// A proposal's form (new, or a draft amended).
struct ProposalForm: Encodable {
    let action: String
    let idPrefix: String
    let values: [String: String]
    let sessions: [SelectOption]
    let methods: [SelectOption]
    let thresholds: [SelectOption]
    let grades: [SelectOption]
    /// The working groups' names, offered for "drafted by".
    let groupNames: [String]
    let error: String?
    let submitLabel: String
}

struct SessionsPage: Encodable {
    struct Proposal: Encodable {
        let url: String
        let heading: String
        let draftedBy: String
        let status: String
        let statusCode: String
        let result: String?
    }

    typealias Document = DocumentLink

    struct DocumentForm: Encodable {
        let action: String
        /// The ids of its fields, unique on the page.
        let prefix: String
        let accept: String
        let limit: String
    }

    struct Hearing: Encodable {
        let text: String
        let deleteURL: String?
    }

    struct HearingForm: Encodable {
        let action: String
        let prefix: String
    }

    struct Group: Encodable {
        let name: String
        let remit: String
        let proposals: String
        let deleteURL: String?
    }

    struct Session: Encodable {
        let anchor: String
        let heading: String
        let when: String
        let place: String
        let programme: String
        let proposals: [Proposal]
        let hasProposals: Bool
        let documents: [Document]
        let hasDocuments: Bool
        let documentForm: DocumentForm?
        let hearings: [Hearing]
        let hasHearings: Bool
        let hearingForm: HearingForm?
        let edit: SessionForm?
    }

    let title: LocalizedView
    let backURL: String
    let sessions: [Session]
    let hasSessions: Bool
    let groups: [Group]
    let hasGroups: Bool
    /// Where the secretariat forms a working group.
    let groupAction: String?
    let newSession: SessionForm?
    let newProposal: ProposalForm?
    let reportURL: String?
    /// Where the members stand: the statements and the opinion map.
    let statementsURL: String
}

/// A proposal's vote as it closed: the sentence that says it, a chart, and the figures beside it.
struct ProposalResult: Encodable {
    struct Row: Encodable {
        let label: String
        let value: String
    }

    let sentence: String
    let adopted: Bool
    let chart: String
    let rows: [Row]
}

struct ProposalPage: Encodable {
    struct Option: Encodable {
        let id: String
        let value: String
        let label: String
        let checked: Bool
    }

    struct Ballot: Encodable {
        let action: String
        let name: String
        let legend: String
        let options: [Option]
        let current: String?
    }

    struct Minority: Encodable {
        let heldBy: String?
        let position: String
    }

    struct MinorityForm: Encodable {
        let action: String
        let heldBy: String
        let position: String
    }

    let conventionTitle: LocalizedView
    let backURL: String
    let heading: String
    let status: String
    let statusCode: String
    let body: String
    let facts: [ProposalResult.Row]
    let amend: ProposalForm?
    let openAction: String?
    let closeAction: String?
    let ballot: Ballot?
    /// While the vote is open: how many have voted so far (the result shows once it closes).
    let progress: String?
    let result: ProposalResult?
    let minority: Minority?
    let minorityForm: MinorityForm?
}

struct ReportPage: Encodable {
    struct Proposal: Encodable {
        let heading: String
        let url: String
        let body: String
        let facts: [ProposalResult.Row]
        let result: ProposalResult
        let minority: ProposalPage.Minority?
    }

    let title: LocalizedView
    let mandate: LocalizedView
    let backURL: String
    let isPublished: Bool
    let publishedAt: String?
    let introduction: String?
    let adopted: [Proposal]
    let hasAdopted: Bool
    let notAdopted: [Proposal]
    let hasNotAdopted: Bool
    /// The work item the report is delivered to.
    let workURL: String?
    let workTitle: LocalizedView?
    let publishAction: String?
    /// Why the report cannot be published yet (a vote still open).
    let publishBlocked: String?
    /// The introduction as typed, shown again with the reason it was refused.
    let introductionDraft: String
    let error: String?
    /// Where the secretariat erases the volunteers' personal data (the report published).
    let eraseAction: String?
    /// The convention is closed: its volunteers' data erased.
    let isClosed: Bool
}
