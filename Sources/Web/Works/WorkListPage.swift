/// The typed model of the list of a council's work items, filtered by status and kind.
struct WorkListPage: Encodable {
    struct Row: Encodable {
        let url: String
        let title: LocalizedView
        let kind: String
        let status: String
        let statusCode: String
        let created: String
        let deadline: String?
    }

    let rows: [Row]
    let hasRows: Bool
    let statuses: [SelectOption]
    let kinds: [SelectOption]
    let action: String
    /// Present for those who may refer a new work item.
    let newURL: String?
    /// The form to be told of the council's new referrals.
    let follow: FollowForm?
}
