/// The typed model of a work item's page: summary, timeline, text, amendments, ballots, declarations, documents, and
/// the forms the visitor may use (`WorkPageForms`). Drafts, amendments and declarations are written in the council's
/// language (`contentLang`, `contentDir`), whatever the reader's.
struct WorkPage: Encodable {
    struct Summary: Encodable {
        let id: Int64
        let url: String
        let title: LocalizedView
        let kind: String
        let status: String
        let statusCode: String
        let referral: String
        let procedure: String
        let created: String
        let reference: String?
        let petitionURL: String?
        let deadline: String?
        let late: Bool
        let amendmentDeadline: String?
        let plenaryDemandDeadline: String?
        let commission: LocalizedView?
        let commissionURL: String?
        let summary: LocalizedView?
    }

    struct TimelineRow: Encodable {
        let label: String
        let date: String
        let note: String?
        let by: String?
        let milestone: Bool
        let deadline: Bool
        /// Orders the rows; not shown.
        let sort: Double
    }

    /// One block of the text; `kind` is one of part, chapter, recommendation, paragraph.
    struct Block: Encodable {
        let id: String
        let text: String
        let isPart: Bool
        let isChapter: Bool
        let isRecommendation: Bool
        let isParagraph: Bool
        let recommendation: String?
        let number: String?
        let dissents: [Dissent]
    }

    struct Dissent: Encodable {
        let holder: String
        let body: String
    }

    struct Version: Encodable {
        let label: String
        let date: String
        let note: String?
        let compareURL: String?
    }

    struct AmendmentSet: Encodable {
        let version: String
        let rows: [Amendment]
        let hasRows: Bool
        let hasConflicts: Bool
    }

    struct Amendment: Encodable {
        let id: Int64
        let number: String
        let heading: String
        let operation: String
        let target: String
        let anchor: String
        let status: String
        let statusCode: String
        let justification: String
        let tabledBy: String
        let open: Bool
        let passage: String?
        let newText: String?
        let cosignedBy: String?
        let opinion: String?
        let conflict: String?
        let votingRank: String?
        /// What the visitor may do on an amendment still open on the current version.
        let decideURL: String?
        let mayWithdraw: Bool
        let mayJudge: Bool
        let mayGiveOpinion: Bool
        let mayOpenBallot: Bool
        let ballotBody: String?
        let mayCosign: Bool
        let cosignURL: String?
    }

    struct Ballot: Encodable {
        struct Group: Encodable {
            let group: String
            let pour: String
            let contre: String
            let abstention: String
            let absent: String
            let position: String
        }

        struct Voter: Encodable {
            let name: String
            let group: String
            let choice: String
            /// Who cast it, when by proxy.
            let proxy: String?
        }

        /// A vote the signed-in member casts for a member away who gave them theirs.
        struct ProxyVote: Encodable {
            let giver: Int64
            let legend: String
        }

        let id: Int64
        let title: String
        let open: Bool
        let opening: String
        let closing: String?
        let result: String?
        let adopted: Bool
        let noQuorum: Bool
        let pour: String
        let contre: String
        let abstention: String
        let absent: String
        let cast: String
        let eligible: String
        let groups: [Group]
        let members: [Voter]
        /// The SVG chart, drawn by the server (rendered unescaped).
        let chart: String
        let voteURL: String
        let closeURL: String
        let myVote: String?
        let mayVote: Bool
        let mayClose: Bool
        /// The sitting it was held at.
        let sitting: String?
        let sittingURL: String?
        /// How many votes were cast by proxy, when any were.
        let byProxy: String?
        let proxyVotes: [ProxyVote]
    }

    struct NameAndGroup: Encodable {
        let name: String
        let group: String
    }

    struct Declaration: Encodable {
        let group: String
        let body: String
    }

    struct Hearing: Encodable {
        let person: String
        let date: String
        let capacity: String?
        let notes: String?
    }

    struct Contribution: Encodable {
        let author: String
        let kind: String
        let title: String
        let body: String
        let date: String
    }

    typealias Document = DocumentLink

    struct DocumentForm: Encodable {
        let action: String
        let accept: String
        let limit: String
    }

    struct Link: Encodable {
        let label: String
        let url: String
    }

    let work: Summary
    let timeline: [TimelineRow]
    let links: WorkPageForms.Links
    let contentLang: String
    let contentDir: String
    let hasText: Bool
    let text: [Block]
    let versionLabel: String?
    let hasVersions: Bool
    let versions: [Version]
    let hasAmendments: Bool
    let amendmentSets: [AmendmentSet]
    let hasBallots: Bool
    let ballots: [Ballot]
    let hasRapporteurs: Bool
    let rapporteurs: [NameAndGroup]
    let hasDeclarations: Bool
    let declarations: [Declaration]
    let hasHearings: Bool
    let hearings: [Hearing]
    let hasContributions: Bool
    let contributions: [Contribution]
    let hasDocuments: Bool
    let documents: [Document]
    let documentForm: DocumentForm?
    let hideDocuments: Bool
    let exports: [Link]
    /// Absent when the visitor may use none of the forms.
    let actions: WorkPageForms?
    /// The consultations that inform the work (set after the rest of the page).
    var consultations: [Link] = []
    var hasConsultations = false
    /// The posts that mention the work.
    var news: [NewsMentionLink] = []
    var hasNews = false
    /// The form to follow its progress by e-mail, while it has steps ahead.
    var follow: FollowForm?
    /// The contributions partner councils sent to it, with their provenance.
    var partnerContributions: [ReceivedContribution] = []
    var hasPartnerContributions = false
}
