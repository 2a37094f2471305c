/// A person's own paths: signing up and in, their account, recovering it, and the invitation to a seat.
enum AccountPaths {
    static let signUp = SitePath("/signup")
    static let signIn = SitePath("/signin")
    static let signOut = SitePath("/signout")
    static let account = SitePath("/account")
    static let profile = SitePath("/account/profile")
    static let password = SitePath("/account/password")
    static let delete = SitePath("/account/delete")
    static let verifyEmail = SitePath("/verify")
    static let forgotPassword = SitePath("/password/forgot")
    static let resetPassword = SitePath("/password/reset")
    static let invitation = SitePath("/invitation")

    static let all: [any DeclaredPath] = [signUp, signIn, signOut, account, profile, password, delete, verifyEmail,
                                          forgotPassword, resetPassword, invitation]
}
