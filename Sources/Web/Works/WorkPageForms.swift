/// The forms of a work item's page, each present only when the rules allow the visitor to use it.
struct WorkPageForms: Encodable {
    /// Where each form posts, from the declared paths.
    struct Links: Encodable {
        let amendments: String
        let ballots: String
        let demandPlenary: String
        let move: String
        let rapporteurs: String
        let versions: String
        let amendmentDeadline: String
        let consolidate: String
        let hearings: String
        let contributions: String
        let declarations: String
        let dissents: String
    }

    /// A step the work item may take; assigning it asks for a commission and a deadline, adopting it in commission
    /// under the simplified procedure for the delay members have to demand a plenary.
    struct Move: Encodable {
        let value: String
        let label: String
        let assign: Bool
        let delay: Bool
        let commissions: [SelectOption]
    }

    struct Draft: Encodable {
        let markup: String
    }

    struct AmendmentDeadline: Encodable {
        let value: String
    }

    struct BallotOnText: Encodable {
        let body: String
        let title: String
    }

    /// The form to table an amendment; after a refusal, the message and what was typed.
    struct Table: Encodable {
        let blocks: [SelectOption]
        let operations: [SelectOption]
        let values: [String: String]
        let cosigners: [SelectOption]
        let error: String?
    }

    let moves: [Move]?
    let hasRapporteurCandidates: Bool
    let rapporteurCandidates: [SelectOption]
    let draft: Draft?
    let manage: Bool
    let amendmentDeadline: AmendmentDeadline?
    let consolidate: Bool
    let ballotOnText: BallotOnText?
    let record: Bool
    let mayRecordHearing: Bool
    let mayRecordDeclaration: Bool
    let groups: [SelectOption]
    let hasBlocks: Bool
    let blocks: [SelectOption]
    let demandPlenary: Bool
    let table: Table?

    /// Whether the visitor may use any of them (the page then shows the panel).
    var isEmpty: Bool {
        moves == nil && !hasRapporteurCandidates && draft == nil && !manage && !record && !demandPlenary && table == nil
    }
}
