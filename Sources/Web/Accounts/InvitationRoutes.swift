import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// Accepting a seat offered by a council, through the link sent to the invited address. The link proves the
/// address: signed in as its owner, one click takes the seat; without an account, the form creates one (verified)
/// and takes the seat; signed in as someone else, nothing is given.
struct InvitationRoutes {
    let services: AccountServices
    let pages: Pages
    let passwords: Passwords
    static let lifetime: TimeInterval = 14 * 24 * 3600

    func register(on routes: PathRegistrar) {
        routes.get(AccountPaths.invitation, use: show)
        routes.post(AccountPaths.invitation, use: accept)
    }

    private func invitation(_ token: String) async throws -> (Invitation, Council) {
        guard let invitation = try await services.invitations.find(tokenHash: Tokens.digest(token), now: services.clock.now()),
              let council = try await services.councils.all().first(where: { $0.id == invitation.councilId })
        else { throw PageError(.badRequest, "error_link_invalid") }
        return (invitation, council)
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> HTML {
        let token = request.uri.queryParameters.get("token") ?? ""
        let (invitation, council) = try await invitation(token)
        return try await render(request, context, token: token, invitation: invitation, council: council, errors: [:])
    }

    func render(_ request: Request, _ context: AppContext, token: String, invitation: Invitation, council: Council,
                errors: [String: String], values: [String: String] = [:], status: HTTPResponse.Status = .ok) async throws -> HTML {
        let councilName = council.name.resolved(for: context.language, councilDefault: council.language)?.text ?? council.slug
        let owner = try await services.accounts.find(email: invitation.email)
        let signedIn = context.account
        let model = InvitationPage(
            token: token, email: invitation.email, action: AccountPaths.invitation.url,
            intro: pages.text("invitation_intro", context, ["council": councilName, "role": pages.text(invitation.roleValue.labelKey, context)]),
            errors: errors, hasErrors: !errors.isEmpty, values: values,
            mayAccept: signedIn?.email == invitation.email, otherAccount: signedIn.map { $0.email != invitation.email } ?? false,
            signInURL: signedIn == nil && owner != nil
                ? "\(AccountPaths.signIn.url)?next=\(SiteURL.encodeQuery("\(AccountPaths.invitation.url)?token=\(token)"))" : nil,
            createAccount: signedIn == nil && owner == nil)
        return try await pages.page("invitation", title: pages.text("invitation_title", context), request: request, context: context,
                                   typed: model, status: status)
    }

    @Sendable func accept(_ request: Request, context: AppContext) async throws -> Response {
        let form = context.form
        let token = form["token"] ?? ""
        let (invitation, council) = try await invitation(token)
        let now = services.clock.now()
        let tokenHash = Tokens.digest(token)
        if let account = context.account {
            guard account.email == invitation.email else { throw PageError(.forbidden, "invitation_error_other_account") }
            try await services.database.transaction { sql in
                let scoped = InvitationRepository(database: TransactionScope(kind: services.database.kind, sql: sql))
                _ = try await scoped.accept(tokenHash: tokenHash, accountID: account.id, email: account.email, now: now)
                try await services.accounts.markVerified(id: account.id, at: now, on: sql)
            }
            return .redirect(to: SiteURL.with(CouncilPaths.home.url(council.slug), notice: "invitation_accepted"), type: .normal)
        }
        guard try await services.accounts.find(email: invitation.email) == nil else { throw PageError.signInRequired }
        // No account yet: the form creates it, verified by the link itself, and takes the seat.
        var errors: [String: String] = [:]
        var name = "", password = ""
        do { name = try Validate.displayName(form["display_name"]) } catch { errors["display_name"] = pages.text(error.key, context) }
        do { password = try Validate.password(form["password"]) } catch { errors["password"] = pages.text(error.key, context) }
        if errors.isEmpty, form["password"] != form["password_confirmation"] {
            errors["password_confirmation"] = pages.text("error_password_mismatch", context)
        }
        guard errors.isEmpty else {
            return try await render(request, context, token: token, invitation: invitation, council: council, errors: errors,
                                    values: ["display_name": form["display_name"] ?? ""], status: .unprocessableContent)
                .response(from: request, context: context)
        }
        let hash = try await passwords.hash(password)
        let accountID = try await services.database.transaction { sql -> Int64 in
            let accountID = try await services.accounts.create(email: invitation.email, passwordHash: hash, displayName: name,
                                                           language: context.language, verified: true, instanceAdmin: false, now: now, on: sql)
            let scoped = InvitationRepository(database: TransactionScope(kind: services.database.kind, sql: sql))
            _ = try await scoped.accept(tokenHash: tokenHash, accountID: accountID, email: invitation.email, now: now)
            return accountID
        }
        var response = Response.redirect(to: SiteURL.with(CouncilPaths.home.url(council.slug), notice: "invitation_accepted"), type: .normal)
        services.startSession(accountID, context: context, response: &response)
        return response
    }
}
