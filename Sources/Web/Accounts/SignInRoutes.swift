import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdAuth
import Storage

/// Sign-up, sign-in and sign-out.
struct SignInRoutes {
    let site: Site
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
        try await site.pages.page("signup", title: site.pages.text("signup_title", context), request: request, context: context,
                            model: ["values": values, "errors": errors, "hasErrors": !errors.isEmpty,
                                    "languageOptions": languageOptions(selected: values["language"] ?? context.language.rawValue)],
                            status: status)
    }

    func languageOptions(selected: String) -> [[String: Any]] {
        Language.allCases.map { ["code": $0.rawValue, "endonym": $0.endonym, "selected": $0.rawValue == selected] }
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
        do { email = try Validate.email(form["email"]) } catch { errors["email"] = site.pages.text(error.key, context) }
        do { name = try Validate.displayName(form["display_name"]) } catch { errors["display_name"] = site.pages.text(error.key, context) }
        do { password = try Validate.password(form["password"]) } catch { errors["password"] = site.pages.text(error.key, context) }
        if errors.isEmpty, form["password"] != form["password_confirmation"] {
            errors["password_confirmation"] = site.pages.text("error_password_mismatch", context)
        }
        let language = form.text("language").flatMap(Language.init(rawValue:)) ?? context.language
        guard errors.isEmpty else {
            return try await renderSignUp(request, context, values: values, errors: errors, status: .unprocessableContent)
                .response(from: request, context: context)
        }
        let now = site.clock.now()
        try await site.throttle("signup:client:" + Tokens.digest(context.clientAddress), limit: site.throttle.signUpPerClient,
                                context: context, now: now)
        let hash = try await passwords.hash(password)
        do {
            let accountID = try await site.accounts.create(email: email, passwordHash: hash, displayName: name,
                                                           language: language, now: now)
            let token = Tokens.make()
            try await site.tokens.store(hash: Tokens.digest(token), accountID: accountID, purpose: .verifyEmail,
                                        expiresAt: now.addingTimeInterval(Self.verificationLifetime))
            try await site.mailer.sendVerification(to: email, name: name, token: token, language: language)
        } catch StoreError.duplicateEmail {
            // Its owner is told, a few times an hour at most (the answer stays the same past that).
            let notes = try await site.throttles.hit("signup:address:" + Tokens.digest(email), window: site.throttle.resetPerAddress.window, now: now)
            if notes.count <= site.throttle.resetPerAddressAndClient.maximum {
                let owner = try await site.accounts.find(email: email)
                try await site.mailer.sendSignUpAttempt(to: email, name: owner?.displayName ?? name,
                                                        language: owner?.language ?? language)
            }
        }
        return try await site.pages.page("message", title: site.pages.text("signup_title", context), request: request, context: context,
                                   model: ["message": site.pages.text("signup_check_mail", context, ["email": email])])
            .response(from: request, context: context)
    }

    @Sendable func signInForm(_ request: Request, context: AppContext) async throws -> HTML {
        try await renderSignIn(request, context, email: "", next: request.uri.queryParameters.get("next"), error: nil)
    }

    func renderSignIn(_ request: Request, _ context: AppContext, email: String, next: String?, error: String?,
                      status: HTTPResponse.Status = .ok) async throws -> HTML {
        var model: [String: Any] = ["email": email, "next": SiteURL.safeNext(next)]
        if let error { model["error"] = error }
        return try await site.pages.page("signin", title: site.pages.text("signin_title", context), request: request,
                                   context: context, model: model, status: status)
    }

    /// The attempt is counted before the password is checked, in one statement per counter, so parallel guesses
    /// each see their own count: the sixth of thirty at once is already refused.
    @Sendable func signIn(_ request: Request, context: AppContext) async throws -> Response {
        let form = context.form
        let next = SiteURL.safeNext(form["next"])
        let email = (form.text("email") ?? "").lowercased()
        let now = site.clock.now()
        let client = context.clientAddress
        let pairKey = "signin:pair:" + Tokens.digest(email + "\n" + client)
        let clientKey = "signin:client:" + Tokens.digest(client)
        try await site.throttle(pairKey, limit: site.throttle.signInPerAddressAndClient, context: context, now: now)
        try await site.throttle(clientKey, limit: site.throttle.signInPerClient, context: context, now: now)
        // Guesses spread over many clients count against the address, except from a browser the owner signed in with.
        let account = try await site.accounts.find(email: email)
        let knownDevice = try await site.devices.isKnown(request, email: email, passwordHash: account?.passwordHash, now: now.timeIntervalSince1970)
        let addressKey = "signin:address:" + Tokens.digest(email)
        if !knownDevice {
            try await site.throttle(addressKey, limit: site.throttle.signInPerAddressFromNewDevices, context: context, now: now)
        }
        let valid = try await passwords.verify(form["password"] ?? "", hash: account?.passwordHash)
        guard let account, let passwordHash = account.passwordHash, valid, !account.isDeleted else {
            return try await renderSignIn(request, context, email: email, next: next,
                                          error: site.pages.text("error_bad_credentials", context), status: .unauthorized)
                .response(from: request, context: context)
        }
        try await site.throttles.reset(pairKey)
        try await site.throttles.release(clientKey)
        if !knownDevice { try await site.throttles.release(addressKey) }
        var response = Response.redirect(to: next, type: .normal)
        site.startSession(account.id, context: context, response: &response)
        response.headers[values: .setCookie].append(try await site.devices.cookie(for: email, passwordHash: passwordHash,
                                                                                  now: now.timeIntervalSince1970).description)
        return response
    }

    @Sendable func signOut(_ request: Request, context: AppContext) async throws -> Response {
        context.sessions.clearSession()
        return .redirect(to: SiteURL.with(HomePaths.home.url, notice: "signed_out"), type: .normal)
    }
}

extension Site {
    /// Signs the person in on this response: a new session (never the visitor's previous one) with its own CSRF
    /// token, which the response's cookie carries for the next forms.
    func startSession(_ accountID: Int64, context: AppContext, response: inout Response) {
        let csrf = Tokens.make()
        context.sessions.createSession(WebSession(accountID: accountID, csrf: csrf), expiresIn: SignInRoutes.sessionLength)
        response.headers[values: .setCookie].append(CSRFTokenMiddleware.cookie(csrf, secure: configuration.secureCookies).description)
    }

    /// Counts an attempt under `key`; past the limit, 429 with the time to wait.
    func throttle(_ key: String, limit: LoginThrottle.Limit, context: AppContext, now: Date) async throws {
        let (count, start) = try await throttles.hit(key, window: limit.window, now: now)
        if let delay = LoginThrottle.retryDelay(count: count, windowStart: start, limit: limit, now: now.timeIntervalSince1970) {
            let minutes = max(1, Int((delay / 60).rounded(.up)))
            throw PageError(.tooManyRequests, "error_throttled",
                            ["minutes": Formatting(language: context.language).number(minutes), "seconds": String(Int(delay.rounded(.up)))])
        }
    }
}
