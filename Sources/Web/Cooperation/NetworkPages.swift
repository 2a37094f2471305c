/// The networks of councils.
struct NetworkListPage: Encodable {
    struct Row: Encodable {
        let url: String
        let name: LocalizedView
        let members: String
        let founded: String?
    }

    let rows: [Row]
    let hasRows: Bool
    /// For the instance's administrators.
    let form: NetworkForm?
}

/// A network and its directory of member councils.
struct NetworkPage: Encodable {
    struct Member: Encodable {
        let name: LocalizedView
        /// The council's page here, or the public address of its own Hemicycle.
        let url: String?
        let hostedHere: Bool
        let country: String
        let languages: String
        let memberWebsite: String?
        let removeAction: String?
    }

    let name: LocalizedView
    let description: LocalizedView?
    let founded: String?
    let website: String?
    let members: [Member]
    let hasMembers: Bool
    let count: String
    let form: NetworkForm?
    let memberForm: MemberForm?
    /// The posts that mention the network.
    let news: [NewsMentionLink]
    let hasNews: Bool
    let deleteAction: String?
    let backURL: String
}

/// Creating or correcting a network.
struct NetworkForm: Encodable {
    let action: String
    let values: [String: String]
    /// A new network chooses its identifier; an existing one keeps it.
    let isNew: Bool
}

/// Adding a member to a network's directory.
struct MemberForm: Encodable {
    let action: String
    let councils: [SelectOption]
}
