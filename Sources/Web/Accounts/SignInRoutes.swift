import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdAuth
import Storage

/// Sign-up, sign-in and sign-out.
struct SignInRoutes {
    let services: AccountServices
    let pages: Pages
    let passwords: Passwords
    static let sessionLength: Duration = .seconds(14 * 24 * 3600)
    static let verificationLifetime: TimeInterval = 7 * 24 * 3600

    func register(on routes: PathRegistrar) {
        routes.get(AccountPaths.signUp, use: signUpForm)
        routes.post(AccountPaths.signUp, use: signUp)
        routes.get(AccountPaths.signIn, use: signInForm)
        routes.post(AccountPaths.signIn, use: signIn)
        routes.post(AccountPaths.signOut, use: signOut)
    }

    @Sendable func signUpForm(_ request: Request, context: AppContext) async throws -> HTML {
        try await renderSignUp(request, context, values: [:], errors: [:])
    }

    func renderSignUp(_ request: Request, _ context: AppContext, values: [String: String], errors: [String: String],
                      status: HTTPResponse.Status = .ok) async throws -> HTML {
        try await pages.page("signup", title: pages.text("signup_title", context), request: request, context: context,
                            typed: SignUpPage(values: values, errors: errors, hasErrors: !errors.isEmpty,
                                              languageOptions: LanguageOption.all(selected: values["language"] ?? context.language.rawValue)),
                            status: status)
    }

    /// Creates the account and sends the verification link; for an address that already has an account, sends its
    /// owner a note instead. Both answer with the same page, after the same work, so the form tells nobody which
    /// addresses have accounts; nobody is signed in until the address is verified.
    @Sendable func signUp(_ request: Request, context: AppContext) async throws -> Response {
        let form = context.form
        let values = ["email": form.text("email") ?? "", "display_name": form.text("display_name") ?? "",
                      "language": form.text("language") ?? context.language.rawValue]
        var errors: [String: String] = [:]
        var email = "", name = "", password = ""
        do { email = try Validate.email(form["email"]) } catch { errors["email"] = pages.text(error.key, context) }
        do { name = try Validate.displayName(form["display_name"]) } catch { errors["display_name"] = pages.text(error.key, context) }
        do { password = try Validate.password(form["password"]) } catch { errors["password"] = pages.text(error.key, context) }
        if errors.isEmpty, form["password"] != form["password_confirmation"] {
            errors["password_confirmation"] = pages.text("error_password_mismatch", context)
        }
        let language = form.text("language").flatMap(Language.init(rawValue:)) ?? context.language
        guard errors.isEmpty else {
            return try await renderSignUp(request, context, values: values, errors: errors, status: .unprocessableContent)
                .response(from: request, context: context)
        }
        let now = services.clock.now()
        try await services.throttle("signup:client:" + Tokens.digest(context.clientAddress), limit: services.limits.signUpPerClient,
                                context: context, now: now)
        let hash = try await passwords.hash(password)
        do {
            let accountID = try await services.accounts.create(email: email, passwordHash: hash, displayName: name,
                                                           language: language, now: now)
            let token = Tokens.make()
            try await services.tokens.store(hash: Tokens.digest(token), accountID: accountID, purpose: .verifyEmail,
                                        expiresAt: now.addingTimeInterval(Self.verificationLifetime))
            try await services.mailer.sendVerification(to: email, name: name, token: token, language: language)
        } catch StoreError.duplicateEmail {
            // Its owner is told, a few times an hour at most (the answer stays the same past that).
            let notes = try await services.throttles.hit("signup:address:" + Tokens.digest(email), window: services.limits.resetPerAddress.window, now: now)
            if notes.count <= services.limits.resetPerAddressAndClient.maximum {
                let owner = try await services.accounts.find(email: email)
                try await services.mailer.sendSignUpAttempt(to: email, name: owner?.displayName ?? name,
                                                        language: owner?.language ?? language)
            }
        }
        return try await pages.page("message", title: pages.text("signup_title", context), request: request, context: context,
                                   typed: MessagePage(message: pages.text("signup_check_mail", context, ["email": email])))
            .response(from: request, context: context)
    }

    @Sendable func signInForm(_ request: Request, context: AppContext) async throws -> HTML {
        try await renderSignIn(request, context, email: "", next: request.uri.queryParameters.get("next"), error: nil)
    }

    func renderSignIn(_ request: Request, _ context: AppContext, email: String, next: String?, error: String?,
                      status: HTTPResponse.Status = .ok) async throws -> HTML {
        try await pages.page("signin", title: pages.text("signin_title", context), request: request, context: context,
                             typed: SignInPage(email: email, next: SiteURL.safeNext(next), error: error), status: status)
    }

    /// The attempt is counted before the password is checked, in one statement per counter, so parallel guesses
    /// each see their own count: the sixth of thirty at once is already refused.
    @Sendable func signIn(_ request: Request, context: AppContext) async throws -> Response {
        let form = context.form
        let next = SiteURL.safeNext(form["next"])
        let email = (form.text("email") ?? "").lowercased()
        let now = services.clock.now()
        let client = context.clientAddress
        let pairKey = "signin:pair:" + Tokens.digest(email + "\n" + client)
        let clientKey = "signin:client:" + Tokens.digest(client)
        try await services.throttle(pairKey, limit: services.limits.signInPerAddressAndClient, context: context, now: now)
        try await services.throttle(clientKey, limit: services.limits.signInPerClient, context: context, now: now)
        // Guesses spread over many clients count against the address, except from a browser the owner signed in with.
        let account = try await services.accounts.find(email: email)
        let knownDevice = try await services.devices.isKnown(request, email: email, passwordHash: account?.passwordHash, now: now.timeIntervalSince1970)
        let addressKey = "signin:address:" + Tokens.digest(email)
        if !knownDevice {
            try await services.throttle(addressKey, limit: services.limits.signInPerAddressFromNewDevices, context: context, now: now)
        }
        let valid = try await passwords.verify(form["password"] ?? "", hash: account?.passwordHash)
        guard let account, let passwordHash = account.passwordHash, valid, !account.isDeleted else {
            return try await renderSignIn(request, context, email: email, next: next,
                                          error: pages.text("error_bad_credentials", context), status: .unauthorized)
                .response(from: request, context: context)
        }
        try await services.throttles.reset(pairKey)
        try await services.throttles.release(clientKey)
        if !knownDevice { try await services.throttles.release(addressKey) }
        var response = Response.redirect(to: next, type: .normal)
        services.startSession(account.id, context: context, response: &response)
        response.headers[values: .setCookie].append(try await services.devices.cookie(for: email, passwordHash: passwordHash,
                                                                                  now: now.timeIntervalSince1970).description)
        return response
    }

    @Sendable func signOut(_ request: Request, context: AppContext) async throws -> Response {
        context.sessions.clearSession()
        return .redirect(to: SiteURL.with(HomePaths.home.url, notice: "signed_out"), type: .normal)
    }
}
