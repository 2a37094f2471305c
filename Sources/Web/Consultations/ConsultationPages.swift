/// The consultations' list.
struct ConsultationListPage: Encodable {
    struct Row: Encodable {
        let url: String
        let title: LocalizedView
        let phase: String
        let phaseCode: String
        let dates: String
    }

    let rows: [Row]
    let hasRows: Bool
    let newURL: String?
    let importURL: String?
    /// The council's list of participants, for consultations that ask it.
    let listURL: String?
}

/// The form that creates or edits a consultation.
struct ConsultationForm: Encodable {
    struct Choice: Encodable {
        let value: String
        let label: String
        let checked: Bool
        let id: String
    }

    let heading: String
    let action: String
    let submit: String
    let values: [String: String]
    let works: [SelectOption]
    let languages: [Choice]
    let modules: [Choice]
    let participation: [Choice]
    let moderation: [Choice]
    let zoneNote: String
    let error: String?
}

/// A consultation's page: what it is about, where it stands, and the next statement to vote on.
struct ConsultationPage: Encodable {
    struct Choice: Encodable {
        let value: String
        let label: String
    }

    struct Next: Encodable {
        let text: String
        let lang: String?
        let action: String
        let choices: [Choice]
        let legend: String
    }

    struct Participation: Encodable {
        /// The statement to vote on, or nil when the participant voted on every one.
        let next: Next?
        let progress: String
        let statementAction: String?
        let renderedAt: String
        let maximumLength: Int
    }

    /// The consultation's title (the page's own `title` is the layout's).
    let consultation: LocalizedView
    let description: LocalizedView?
    let phase: String
    let phaseCode: String
    let dates: String
    let work: LinkView?
    let source: String?
    let counts: String
    let participation: Participation?
    /// Why the visitor cannot take part now (closed, sign-in needed...).
    let participationNote: String?
    let signInURL: String?
    /// What a consultation open to verified people asks the visitor to declare before taking part.
    let declaration: Declaration?
    let mapURL: String
    let exportURL: String
    let moderationURL: String?
    let editURL: String?
    let publishAction: String?
    let seedAction: String?
    let error: String?
    let typed: String?
    /// The participants' proposals, when the consultation takes them.
    let proposalsURL: String?
    /// The questionnaire, when the consultation has one.
    let questionnaireURL: String?
    /// The secretariat's synthesis form, once the consultation is closed.
    let synthesisURL: String?
    let synthesis: Synthesis?
    /// The posts that mention the consultation.
    var news: [NewsMentionLink] = []
    var hasNews = false

    struct Synthesis: Encodable {
        let text: LocalizedView
        let figures: [String]
        let date: String
    }

    /// The declaration on one's honour: a birth date, a residence among the consultation's, or both.
    struct Declaration: Encodable {
        let action: String
        let asksBirthDate: Bool
        let residences: [SelectOption]
        let hasResidences: Bool
        let declarationError: String?
    }
}

/// The map page: the groups, the drawing, consensus and divisive statements.
struct ConsultationMapPage: Encodable {
    struct Group: Encodable {
        let label: String
        let size: String
        let leanings: [String]
    }

    struct Listed: Encodable {
        let text: String
        let figures: String
    }

    /// The consultation's title (the page's own `title` is the layout's).
    let consultation: LocalizedView
    let backURL: String
    let counts: String
    let updated: String?
    let svg: String?
    let groups: [Group]
    let hasGroups: Bool
    let consensus: [String]
    let hasConsensus: Bool
    let divisive: [String]
    let hasDivisive: Bool
    let statements: [Listed]
    let hasStatements: Bool
    let source: String?
}

/// The moderators' queue: statements waiting, then those decided, with the reasons.
struct ModerationPage: Encodable {
    struct Item: Encodable {
        let anchor: String
        let text: String
        let status: String
        let reason: String?
        let action: String
        let accepted: Bool
        let rejected: Bool
        /// Each decision taken on the statement, as a sentence (`ModerationHistory`).
        let history: [String]
        let hasHistory: Bool
    }

    /// The consultation's title (the page's own `title` is the layout's).
    let consultation: LocalizedView
    let backURL: String
    let mode: String
    let waiting: [Item]
    let hasWaiting: Bool
    let decided: [Item]
    let hasDecided: Bool

    struct Link: Encodable {
        let url: String
        let label: String
    }

    /// Proposals waiting for a moderator, or with comments waiting.
    let proposals: [Link]
    let hasProposals: Bool
}

/// The export's files.
struct ConsultationExportPage: Encodable {
    struct File: Encodable {
        let url: String
        let name: String
        let description: String
    }

    /// The consultation's title (the page's own `title` is the layout's).
    let consultation: LocalizedView
    let backURL: String
    let files: [File]
    let licence: String?
}

/// The Polis import form.
struct ConsultationImportPage: Encodable {
    let action: String
    let form: ConsultationForm
    let uploadLimit: String
    let error: String?
}

/// The proposals of a consultation: a page of them, searched and sorted, and the form for a new one.
struct CitizenProposalListPage: Encodable {
    struct Row: Encodable {
        let url: String
        let title: String
        let excerpt: String
        let figures: String
        let answer: String?
        let hidden: Bool
    }

    struct Order: Encodable {
        let value: String
        let label: String
        let selected: Bool
    }

    /// The consultation's title (the page's own `title` is the layout's).
    let consultation: LocalizedView
    let backURL: String
    let action: String
    let search: String
    let orders: [Order]
    let count: String
    let rows: [Row]
    let hasRows: Bool
    /// Links along the list (by key, never by offset).
    let firstURL: String?
    let previousURL: String?
    let nextURL: String?
    let lastURL: String?
    let hasPages: Bool
    let form: ContributionForm?
    let error: String?
}

/// A participant's form with the robot checks (a signed time, a hidden field).
struct ContributionForm: Encodable {
    let action: String
    let stamp: String
    let title: String
    let body: String
}

/// A proposal, the council's answer, its supports and its threaded comments.
struct CitizenProposalPage: Encodable {
    /// A comment's values are never absent (actions come with a flag): a name missing here would be looked up on the
    /// page around it, and a comment would show the proposal's text or act on the proposal.
    struct Comment: Encodable {
        let anchor: String
        /// Hidden by a moderator, or waiting for one: its text is not shown, `commentNote` says why.
        let hidden: Bool
        let commentText: String
        let commentNote: String
        let commentDate: String
        /// 0 for a comment on the proposal, 1 for a reply, up to `maximumDepth`.
        let depth: Int
        let replyAction: String
        let mayReply: Bool
        let commentHideAction: String
        let mayHide: Bool
        let commentAcceptAction: String
        let mayAccept: Bool
        /// The moderators' decisions on the comment, for staff; empty for others.
        let history: [String]
        let hasHistory: Bool
    }

    struct Choice: Encodable {
        let value: String
        let label: String
        let selected: Bool
    }

    /// The consultation's title (the page's own `title` is the layout's).
    let consultation: LocalizedView
    let backURL: String
    let proposal: String
    let body: String
    let date: String
    let hiddenNote: String?
    let supports: String
    let supportAction: String?
    let supported: Bool
    let answer: String?
    let answerText: String?
    let answerAction: String?
    let answers: [Choice]
    let hideAction: String?
    /// A proposal waiting for a moderator (before publication): the secretariat accepts it.
    let acceptAction: String?
    /// The moderators' decisions on the proposal, for staff; empty for others.
    let history: [String]
    let hasHistory: Bool
    let comments: [Comment]
    let hasComments: Bool
    let commentForm: ContributionForm?
    let error: String?
}

/// The synthesis form: the figures computed from the consultation, the text in the council's languages.
struct SynthesisFormPage: Encodable {
    /// The consultation's title (the page's own `title` is the layout's).
    let consultation: LocalizedView
    let backURL: String
    let action: String
    let figures: [String]
    let error: String?
}

/// The council's petitions and its rule.
struct PetitionListPage: Encodable {
    struct Row: Encodable {
        let url: String
        let title: String
        let status: String
        let statusCode: String
        let progress: String
    }

    struct RuleForm: Encodable {
        let action: String
        let threshold: String
        let days: String
    }

    let rows: [Row]
    let hasRows: Bool
    let rule: String
    let newURL: String
    let ruleForm: RuleForm?
}

struct PetitionFormPage: Encodable {
    let action: String
    /// What was typed (the page's own `title` is the layout's).
    let draftTitle: String
    let body: String
    let rule: String
    let error: String?
}

/// A petition: its text, its signatures against the threshold, and the referral it became.
struct PetitionPage: Encodable {
    let title: String
    let body: String
    let status: String
    let statusCode: String
    let progress: String
    /// Signatures over the threshold, for the bar (at most 1).
    let share: Double
    let closes: String
    let signed: Bool
    let signAction: String?
    let signNote: String?
    let signInURL: String?
    let work: LinkView?
    let hiddenNote: String?
    let hideAction: String?
    /// The moderators' decisions on the petition, for the secretariat; empty for others.
    let history: [String]
    let hasHistory: Bool
    let backURL: String
}
