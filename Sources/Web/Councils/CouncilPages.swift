/// The typed models of a council's public pages.
struct CouncilHomePage: Encodable {
    let description: LocalizedView
    let country: String
    let languages: String
    let networks: String?
    let website: String?
    /// Whole sentences with their counts ("175 membres siégeant").
    let stats: [String]
    let membersURL: String
    let commissionsURL: String
    let adminURL: String
}

/// A person in a list; the role only when it is more than "member", the group where the list mixes groups.
struct PersonRow: Encodable {
    /// Their page.
    let url: String
    let name: String
    let role: String?
    let group: LocalizedView?
}

struct MembersPage: Encodable {
    struct Group: Encodable {
        let id: Int64
        let url: String
        let name: LocalizedView
        let acronym: String
        let count: String
        let members: [PersonRow]
        let hasMembers: Bool
    }

    let groups: [Group]
    /// The sentence that counts the sitting members.
    let total: String
}

struct CommissionsPage: Encodable {
    struct Row: Encodable {
        let url: String
        let name: LocalizedView
        /// The sentence that counts the commission's members.
        let count: String
    }

    let commissions: [Row]
}

struct CommissionPage: Encodable {
    let name: LocalizedView
    let description: LocalizedView
    let members: [PersonRow]
    let hasMembers: Bool
    /// The works assigned to it.
    let works: [MemberPage.WorkRow]
    let hasWorks: Bool
    /// The commission's meetings, for the council's own people.
    let sittings: [SittingLink]
    let hasSittings: Bool
    let news: [NewsMentionLink]
    let hasNews: Bool
    let backURL: String
}

/// A sitting listed on a body's page: its name, when, and where it stands (or how the body's members attended).
struct SittingLink: Encodable {
    let url: String
    let title: String
    let detail: String
}
