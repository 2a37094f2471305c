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

    func register(on router: Router<AppContext>) {
        router.get(RouterPath(stringLiteral: SiteURL.signUp), use: signUpForm)
        router.post(RouterPath(stringLiteral: SiteURL.signUp), use: signUp)
        router.get(RouterPath(stringLiteral: SiteURL.signIn), use: signInForm)
        router.post(RouterPath(stringLiteral: SiteURL.signIn), use: signIn)
        router.post(RouterPath(stringLiteral: SiteURL.signOut), use: signOut)
    }

    @Sendable func signUpForm(_ request: Request, context: AppContext) async throws -> HTML {
        try await renderSignUp(request, context, values: [:], errors: [:])
    }

    func renderSignUp(_ request: Request, _ context: AppContext, values: [String: String], errors: [String: String],
                      status: HTTPResponse.Status = .ok) async throws -> HTML {
        try await site.page("signup", title: site.text("signup_title", context), request: request, context: context,
                            model: ["values": values, "errors": errors, "hasErrors": !errors.isEmpty,
                                    "languageOptions": languageOptions(selected: values["language"] ?? context.language.rawValue)],
                            status: status)
    }

    func languageOptions(selected: String) -> [[String: Any]] {
        Language.allCases.map { ["code": $0.rawValue, "endonym": $0.endonym, "selected": $0.rawValue == selected] }
    }

    @Sendable func signUp(_ request: Request, context: AppContext) async throws -> Response {
        let form = context.form
        let values = ["email": form.text("email") ?? "", "display_name": form.text("display_name") ?? "",
                      "language": form.text("language") ?? context.language.rawValue]
        var errors: [String: String] = [:]
        var email = "", name = "", password = ""
        do { email = try Validate.email(form["email"]) } catch { errors["email"] = site.text(error.key, context) }
        do { name = try Validate.displayName(form["display_name"]) } catch { errors["display_name"] = site.text(error.key, context) }
        do { password = try Validate.password(form["password"]) } catch { errors["password"] = site.text(error.key, context) }
        if errors.isEmpty, form["password"] != form["password_confirmation"] {
            errors["password_confirmation"] = site.text("error_password_mismatch", context)
        }
        let language = form.text("language").flatMap(Language.init(rawValue:)) ?? context.language
        guard errors.isEmpty else {
            return try await renderSignUp(request, context, values: values, errors: errors, status: .unprocessableContent)
                .response(from: request, context: context)
        }
        let hash = try await passwords.hash(password)
        let accountID: Int64
        do {
            accountID = try await site.accounts.create(email: email, passwordHash: hash, displayName: name,
                                                       language: language, now: site.clock.now())
        } catch StoreError.duplicateEmail {
            errors["email"] = site.text("error_email_taken", context)
            return try await renderSignUp(request, context, values: values, errors: errors, status: .conflict)
                .response(from: request, context: context)
        }
        let token = Tokens.make()
        try await site.tokens.store(hash: Tokens.digest(token), accountID: accountID, purpose: .verifyEmail,
                                    expiresAt: site.clock.now().addingTimeInterval(7 * 24 * 3600))
        try await site.mailer.sendVerification(to: email, name: name, token: token, language: language)
        context.sessions.createSession(WebSession(accountID: accountID), expiresIn: Self.sessionLength)
        return .redirect(to: SiteURL.with(SiteURL.account, notice: "signed_up"), type: .normal)
    }

    @Sendable func signInForm(_ request: Request, context: AppContext) async throws -> HTML {
        try await renderSignIn(request, context, email: "", next: request.uri.queryParameters.get("next"), error: nil)
    }

    func renderSignIn(_ request: Request, _ context: AppContext, email: String, next: String?, error: String?,
                      status: HTTPResponse.Status = .ok) async throws -> HTML {
        var model: [String: Any] = ["email": email, "next": SiteURL.safeNext(next)]
        if let error { model["error"] = error }
        return try await site.page("signin", title: site.text("signin_title", context), request: request,
                                   context: context, model: model, status: status)
    }

    @Sendable func signIn(_ request: Request, context: AppContext) async throws -> Response {
        let form = context.form
        let next = SiteURL.safeNext(form["next"])
        let email = (form.text("email") ?? "").lowercased()
        let now = site.clock.now()
        let failures = try await site.loginAttempts.failures(email: email, since: now.timeIntervalSince1970 - site.throttle.window)
        if let delay = site.throttle.retryDelay(failures: failures, now: now.timeIntervalSince1970) {
            let minutes = max(1, Int((delay / 60).rounded(.up)))
            throw PageError(.tooManyRequests, "error_throttled",
                            ["minutes": Formatting(language: context.language).number(minutes), "seconds": String(Int(delay.rounded(.up)))])
        }
        let account = try await site.accounts.find(email: email)
        let valid = try await passwords.verify(form["password"] ?? "", hash: account?.passwordHash)
        guard let account, valid, !account.isDeleted else {
            try await site.loginAttempts.record(email: email, succeeded: false, at: now)
            return try await renderSignIn(request, context, email: email, next: next,
                                          error: site.text("error_bad_credentials", context), status: .unauthorized)
                .response(from: request, context: context)
        }
        try await site.loginAttempts.record(email: email, succeeded: true, at: now)
        context.sessions.createSession(WebSession(accountID: account.id), expiresIn: Self.sessionLength)
        return .redirect(to: next, type: .normal)
    }

    @Sendable func signOut(_ request: Request, context: AppContext) async throws -> Response {
        context.sessions.clearSession()
        return .redirect(to: SiteURL.with(SiteURL.home, notice: "signed_out"), type: .normal)
    }
}
