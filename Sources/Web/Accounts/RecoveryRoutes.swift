import Foundation
import HemicycleDomain
import Hummingbird
import Storage

/// Address verification and password reset, through single-use links sent by mail.
struct RecoveryRoutes {
    let services: AccountServices
    let pages: Pages
    let passwords: Passwords
    static let resetLifetime: TimeInterval = 3600

    func register(on routes: PathRegistrar) {
        routes.get(AccountPaths.verifyEmail, use: verify)
        routes.get(AccountPaths.forgotPassword, use: forgotForm)
        routes.post(AccountPaths.forgotPassword, use: forgot)
        routes.get(AccountPaths.resetPassword, use: resetForm)
        routes.post(AccountPaths.resetPassword, use: reset)
    }

    @Sendable func verify(_ request: Request, context: AppContext) async throws -> HTML {
        let token = request.uri.queryParameters.get("token") ?? ""
        let now = services.clock.now()
        let verified = try await services.database.transaction { sql -> Bool in
            guard let accountID = try await services.tokens.consume(hash: Tokens.digest(token), purpose: .verifyEmail, now: now, on: sql)
            else { return false }
            try await services.accounts.markVerified(id: accountID, at: now, on: sql)
            return true
        }
        guard verified else { throw PageError(.badRequest, "error_link_invalid") }
        return try await message(request, context, titleKey: "verify_title", textKey: "verify_done")
    }

    func message(_ request: Request, _ context: AppContext, titleKey: String, textKey: String) async throws -> HTML {
        try await pages.page("message", title: pages.text(titleKey, context), request: request, context: context,
                            typed: MessagePage(message: pages.text(textKey, context)))
    }

    @Sendable func forgotForm(_ request: Request, context: AppContext) async throws -> HTML {
        try await pages.page("forgot", title: pages.text("forgot_title", context), request: request, context: context,
                             typed: ForgotPage(error: nil))
    }

    /// Always answers the same way, after the same work, so the form does not reveal which addresses have accounts:
    /// a known address gets a link (which revokes any earlier one), an unknown one a note saying it has no account.
    /// Requests are limited per address and per client.
    @Sendable func forgot(_ request: Request, context: AppContext) async throws -> HTML {
        let email: String
        do {
            email = try Validate.email(context.form["email"])
        } catch {
            return try await pages.page("forgot", title: pages.text("forgot_title", context), request: request, context: context,
                                       typed: ForgotPage(error: pages.text(error.key, context)), status: .unprocessableContent)
        }
        let now = services.clock.now()
        try await services.throttle("reset:client:" + Tokens.digest(context.clientAddress), limit: services.limits.resetPerClient,
                                context: context, now: now)
        try await services.throttle("reset:pair:" + Tokens.digest(email + "\n" + context.clientAddress),
                                limit: services.limits.resetPerAddressAndClient, context: context, now: now)
        // Past the address's own limit the answer stays the same, but no more mail leaves for it this hour.
        let mails = try await services.throttles.hit("reset:address:" + Tokens.digest(email), window: services.limits.resetPerAddress.window, now: now)
        if mails.count > services.limits.resetPerAddress.maximum {
            return try await message(request, context, titleKey: "forgot_title", textKey: "forgot_sent")
        }
        if let account = try await services.accounts.find(email: email), !account.isDeleted {
            let token = Tokens.make()
            try await services.database.transaction { sql in
                try await services.tokens.revokeAll(accountID: account.id, purpose: .resetPassword, now: now, on: sql)
                try await services.tokens.store(hash: Tokens.digest(token), accountID: account.id, purpose: .resetPassword,
                                            expiresAt: now.addingTimeInterval(Self.resetLifetime), on: sql)
            }
            try await services.mailer.sendPasswordReset(to: account.email, name: account.displayName, token: token,
                                                    language: account.language ?? context.language)
        } else {
            try await services.mailer.sendResetWithoutAccount(to: email, language: context.language)
        }
        return try await message(request, context, titleKey: "forgot_title", textKey: "forgot_sent")
    }

    @Sendable func resetForm(_ request: Request, context: AppContext) async throws -> HTML {
        let token = request.uri.queryParameters.get("token") ?? ""
        guard try await services.tokens.isValid(hash: Tokens.digest(token), purpose: .resetPassword, now: services.clock.now()) else {
            throw PageError(.badRequest, "error_link_invalid")
        }
        return try await pages.page("reset", title: pages.text("reset_title", context), request: request, context: context,
                                   typed: ResetPage(token: token, error: nil))
    }

    @Sendable func reset(_ request: Request, context: AppContext) async throws -> Response {
        let form = context.form
        let token = form["token"] ?? ""
        let password: String
        do {
            password = try Validate.password(form["password"])
            guard form["password"] == form["password_confirmation"] else {
                throw ValidationFailure(field: "password_confirmation", key: "error_password_mismatch")
            }
        } catch let failure as ValidationFailure {
            return try await pages.page("reset", title: pages.text("reset_title", context), request: request, context: context,
                                       typed: ResetPage(token: token, error: pages.text(failure.key, context)),
                                       status: .unprocessableContent).response(from: request, context: context)
        }
        let hash = try await passwords.hash(password)
        let now = services.clock.now()
        let accountID = try await services.database.transaction { sql -> Int64? in
            guard let accountID = try await services.tokens.consume(hash: Tokens.digest(token), purpose: .resetPassword, now: now, on: sql)
            else { return nil }
            try await services.accounts.updatePasswordHash(id: accountID, passwordHash: hash, on: sql)
            // The link proves the address: it is verified too.
            try await services.accounts.markVerified(id: accountID, at: now, on: sql)
            // Whoever held the old password is signed out everywhere.
            try await services.persist.removeAll(accountID: accountID, on: sql)
            return accountID
        }
        guard let accountID, let account = try await services.accounts.find(id: accountID) else { throw PageError(.badRequest, "error_link_invalid") }
        // The mailed link proves the owner: this browser is theirs.
        var response = Response.redirect(to: SiteURL.with(AccountPaths.signIn.url, notice: "password_reset"), type: .normal)
        response.headers[values: .setCookie].append(try await services.devices.cookie(for: account.email, passwordHash: hash,
                                                                                  now: now.timeIntervalSince1970).description)
        return response
    }
}
