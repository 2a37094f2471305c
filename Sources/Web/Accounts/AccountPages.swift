import HemicycleDomain

// The typed models of a person's own pages: signing up and in, recovering a password, their account, an invitation
// to a seat, and the one-sentence answers between them.

/// A page with one sentence (a link sent, an address verified).
struct MessagePage: Encodable {
    let message: String
}

/// A language a person may choose for their pages.
struct LanguageOption: Encodable {
    let code: String
    let endonym: String
    let selected: Bool

    static func all(selected: String) -> [LanguageOption] {
        Language.allCases.map { LanguageOption(code: $0.rawValue, endonym: $0.endonym, selected: $0.rawValue == selected) }
    }
}

struct SignUpPage: Encodable {
    let values: [String: String]
    /// The message of each refused field, by field name.
    let errors: [String: String]
    let hasErrors: Bool
    let languageOptions: [LanguageOption]
}

struct SignInPage: Encodable {
    let email: String
    let next: String
    let error: String?
}

struct ForgotPage: Encodable {
    let error: String?
}

struct ResetPage: Encodable {
    let token: String
    let error: String?
}

struct AccountPage: Encodable {
    struct Profile: Encodable {
        let email: String
        let displayName: String
        let verified: Bool

        enum CodingKeys: String, CodingKey {
            case email, verified
            case displayName = "display_name"
        }
    }

    /// A seat the person holds: the council, the role, the group.
    struct Seat: Encodable {
        let council: CouncilSummary
        let role: String
        let group: LocalizedView?
    }

    let profile: Profile
    let languageOptions: [LanguageOption]
    let memberships: [Seat]
    let hasMemberships: Bool
    let errors: [String: String]
    let hasErrors: Bool
}

/// An invitation to take a seat, as the person holding the link sees it: accept it signed in as the invited address,
/// sign in first, or create the account.
struct InvitationPage: Encodable {
    let token: String
    let email: String
    let action: String
    let intro: String
    let errors: [String: String]
    let hasErrors: Bool
    let values: [String: String]
    let mayAccept: Bool
    let otherAccount: Bool
    let signInURL: String?
    let createAccount: Bool
}
