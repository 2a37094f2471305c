/// The council's cooperation: its agreements, and the way to its partners and missions.
struct CooperationPage: Encodable {
    struct Row: Encodable {
        let url: String
        let title: LocalizedView
        let status: String
        let statusCode: String
        let parties: String
        let signed: String?
    }

    let rows: [Row]
    let hasRows: Bool
    let newURL: String?
    let partnersURL: String
    let missionsURL: String
    let networksURL: String
    let practicesURL: String
    /// For the instance's administrators, who keep the themes.
    let themesURL: String?
    /// For the council's members and secretariat: contributions to partners' works.
    let contributionsURL: String?
    /// For the council's members and secretariat: exchanges with councils on partner instances.
    let instancesURL: String?
    /// For the instance's administrators, who link the partner instances.
    let linksURL: String?
}

/// One agreement: its record (parties, status, days, signatories, themes, texts, documents), and for the parties'
/// members and secretariat its action plan and what is shared under it.
struct AgreementPage: Encodable {
    struct Party: Encodable {
        let url: String
        let name: LocalizedView
        /// Those who signed for it, in order.
        let signatories: String?
    }

    struct Text: Encodable {
        let language: String
        let lang: String
        let dir: String
        let text: String
    }

    struct Action: Encodable {
        let id: Int64
        let title: String
        let owner: String
        let council: LocalizedView
        let due: String?
        let state: String
        let stateCode: String
        let late: Bool
        let followUp: String?
        /// The secretariat's form to follow it up, with the values it holds.
        let form: ActionForm?
    }

    struct ActionForm: Encodable {
        let action: String
        let deleteAction: String?
        let idPrefix: String
        let values: [String: String]
        let councils: [SelectOption]
        let states: [SelectOption]
    }

    struct Shared: Encodable {
        let work: String
        let url: String
        let council: LocalizedView
        /// Open to contributions: until when.
        let contribute: String?
        let withdrawAction: String?
    }

    struct ShareForm: Encodable {
        let action: String
        let grantees: [SelectOption]
        let works: [SelectOption]
        /// The council's practice notes, to share by name.
        let notes: [SelectOption]
        let hasNotes: Bool
    }

    /// A mission that served the agreement.
    struct Mission: Encodable {
        let url: String
        let title: LocalizedView
        let council: LocalizedView
        let dates: String
    }

    let title: LocalizedView
    let status: String
    let statusCode: String
    let statusExplained: String
    let parties: [Party]
    let place: String?
    let signedOn: String?
    let inForceFrom: String?
    let endsOn: String?
    let terminatedOn: String?
    let themes: [String]
    let hasThemes: Bool
    let texts: [Text]
    let documents: [DocumentLink]
    let hasDocuments: Bool
    let documentForm: WorkPage.DocumentForm?
    /// For the parties' members and secretariat.
    let follows: Bool
    let actions: [Action]
    let hasActions: Bool
    let lateCount: String?
    let newAction: ActionForm?
    let ours: [Shared]
    let hasOurs: Bool
    let theirs: [Shared]
    let hasTheirs: Bool
    let shareForm: ShareForm?
    let editURL: String?
    let deleteAction: String?
    let missions: [Mission]
    let hasMissions: Bool
    let news: [NewsMentionLink]
    let hasNews: Bool
    let backURL: String
}

/// Recording or correcting an agreement; after a refusal, the message and what was typed.
struct AgreementFormPage: Encodable {
    struct Council: Encodable {
        let value: Int64
        let label: String
        let checked: Bool
        /// The council that records or corrects it is a party whatever is ticked.
        let fixed: Bool
        let signatoriesLabel: String
        let signatories: String
    }

    struct Theme: Encodable {
        let value: Int64
        let label: String
        let checked: Bool
    }

    let heading: String
    let action: String
    let values: [String: String]
    let councils: [Council]
    let themes: [Theme]
    let zone: String
    let error: String?
    let backURL: String
}
