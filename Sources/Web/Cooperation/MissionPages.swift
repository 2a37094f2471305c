/// The list of a council's missions.
struct MissionListPage: Encodable {
    struct Row: Encodable {
        let url: String
        let title: LocalizedView
        let destination: String
        let dates: String
        let count: String
    }

    let rows: [Row]
    let hasRows: Bool
    let newURL: String?
    let partnersURL: String
}

/// One mission: who travelled (with their groups and commissions), where and when, whom they met, why and what came
/// of it; written in the council's language (`contentLang`).
struct MissionPage: Encodable {
    struct Person: Encodable {
        /// Their page, while they sit.
        let url: String?
        let name: String
        let group: String?
        let commissions: String?
    }

    let title: LocalizedView
    let destination: String
    let partner: LinkView?
    /// The agreement it serves, when the reader may see it.
    let agreement: LinkView?
    let dates: String
    let people: [Person]
    let met: String?
    let purpose: String
    let outcomes: String?
    let contentLang: String
    let contentDir: String
    let editURL: String?
    let deleteAction: String?
    /// For the communication staff: a post about the mission, pre-filled.
    let newsURL: String?
    let backURL: String
    let news: [NewsMentionLink]
    let hasNews: Bool
}

/// Recording or correcting a mission; after a refusal, the message and what was typed.
struct MissionFormPage: Encodable {
    struct Member: Encodable {
        let value: Int64
        let label: String
        let checked: Bool
    }

    let heading: String
    let action: String
    let values: [String: String]
    let members: [Member]
    let partners: [SelectOption]
    /// The agreements the council is party to.
    let agreements: [SelectOption]
    let zone: String
    let error: String?
    let backURL: String
}
