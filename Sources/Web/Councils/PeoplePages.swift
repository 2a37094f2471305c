/// A post that mentions what the page is about ("in the news").
struct NewsMentionLink: Encodable {
    let url: String
    let title: String
    let lang: String
    let dir: String
    let date: String
}

/// A sitting member's public page: seat, group and commissions, works as rapporteur, votes on published works, and
/// the news that mention them.
struct MemberPage: Encodable {
    struct WorkRow: Encodable {
        let url: String
        let label: LocalizedView
        let status: String
    }

    struct VoteRow: Encodable {
        let url: String
        let work: LocalizedView
        let ballot: String
        let choice: String
        let date: String
    }

    let name: String
    let role: String?
    /// Since when they sit.
    let since: String?
    /// The council's term of office, when it is recorded.
    let term: String?
    /// Their photo, if the secretariat gave one, and what it shows.
    let photo: String?
    let photoAlt: String
    let group: LinkView?
    let commissions: [LinkView]
    let hasCommissions: Bool
    let works: [WorkRow]
    let hasWorks: Bool
    let votes: [VoteRow]
    let hasVotes: Bool
    /// Their group's declarations on published works.
    let declarations: [DeclarationRow]
    let hasDeclarations: Bool
    /// The missions they travelled on.
    let missions: [MissionRow]
    let hasMissions: Bool

    struct MissionRow: Encodable {
        let url: String
        let title: LocalizedView
        let destination: String
        let dates: String
    }
    let news: [NewsMentionLink]
    let hasNews: Bool
    let backURL: String
}

/// A group's page: its sitting members and the news that mention it.
struct GroupPage: Encodable {
    struct Person: Encodable {
        let url: String
        let name: String
        let role: String?
    }

    let name: LocalizedView
    let acronym: String?
    let count: String
    let members: [Person]
    let hasMembers: Bool
    /// The works its members are rapporteurs of.
    let works: [MemberPage.WorkRow]
    let hasWorks: Bool
    let declarations: [DeclarationRow]
    let hasDeclarations: Bool
    /// How the group's members attended the latest plenary sittings.
    let attendance: [SittingLink]
    let hasAttendance: Bool
    let news: [NewsMentionLink]
    let hasNews: Bool
    let backURL: String
}

/// A group's declaration on a published work, in the council's language.
struct DeclarationRow: Encodable {
    let url: String
    let work: LocalizedView
    let body: String
    let date: String
    let lang: String
    let dir: String
}
