import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdAuth
import Storage

/// A person's own account: profile, password, memberships, deletion.
struct AccountRoutes {
    let services: AccountServices
    let pages: Pages
    let passwords: Passwords

    func register(on routes: PathRegistrar) {
        routes.get(AccountPaths.account, use: show)
        routes.post(AccountPaths.profile, use: updateProfile)
        routes.post(AccountPaths.password, use: changePassword)
        routes.post(AccountPaths.delete, use: delete)
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> HTML {
        try await render(request, context, errors: [:])
    }

    func render(_ request: Request, _ context: AppContext, errors: [String: String],
                status: HTTPResponse.Status = .ok) async throws -> HTML {
        let account = try pages.requireAccount(context)
        let language = context.language
        var memberships: [AccountPage.Seat] = []
        let councils = Dictionary(uniqueKeysWithValues: try await services.councils.all().map { ($0.id, $0) })
        for membership in try await services.memberships.all(accountID: account.id) {
            guard let council = councils[membership.councilId] else { continue }
            let group = if let groupID = membership.groupId { try await services.groups.find(id: groupID, councilID: council.id) } else { CouncilGroup?.none }
            memberships.append(AccountPage.Seat(
                council: pages.councilSummary(council, language: language), role: pages.text(membership.roleValue.labelKey, context),
                group: group.map { pages.localized($0.name, language, councilDefault: council.language) }))
        }
        let selected = account.preferredLanguage ?? language.rawValue
        let model = AccountPage(
            profile: AccountPage.Profile(email: account.email, displayName: account.displayName, verified: account.isVerified),
            languageOptions: LanguageOption.all(selected: selected), memberships: memberships, hasMemberships: !memberships.isEmpty,
            errors: errors, hasErrors: !errors.isEmpty)
        return try await pages.page("account", title: pages.text("account_title", context), request: request, context: context,
                                    typed: model, status: status)
    }

    @Sendable func updateProfile(_ request: Request, context: AppContext) async throws -> Response {
        let account = try pages.requireAccount(context)
        do {
            let name = try Validate.displayName(context.form["display_name"])
            let language = context.form.text("language").flatMap(Language.init(rawValue:))
            try await services.accounts.updateProfile(id: account.id, displayName: name, language: language)
            return .redirect(to: SiteURL.with(AccountPaths.account.url, notice: "profile_saved"), type: .normal)
        } catch let failure as ValidationFailure {
            return try await render(request, context, errors: [failure.field: pages.text(failure.key, context)],
                                    status: .unprocessableContent).response(from: request, context: context)
        }
    }

    @Sendable func changePassword(_ request: Request, context: AppContext) async throws -> Response {
        let account = try pages.requireAccount(context)
        let form = context.form
        var errors: [String: String] = [:]
        try await services.throttle("password:account:\(account.id)", limit: services.limits.passwordChecksPerAccount, context: context, now: services.clock.now())
        if try await !passwords.verify(form["current_password"] ?? "", hash: account.passwordHash) {
            errors["current_password"] = pages.text("error_wrong_password", context)
        }
        var password = ""
        do { password = try Validate.password(form["password"]) } catch { errors["password"] = pages.text(error.key, context) }
        if errors.isEmpty, form["password"] != form["password_confirmation"] {
            errors["password_confirmation"] = pages.text("error_password_mismatch", context)
        }
        guard errors.isEmpty else {
            return try await render(request, context, errors: errors, status: .unprocessableContent)
                .response(from: request, context: context)
        }
        let hash = try await passwords.hash(password)
        try await services.database.transaction { sql in
            try await services.accounts.updatePasswordHash(id: account.id, passwordHash: hash, on: sql)
            // Every other session ends; this one goes on under a new session.
            try await services.persist.removeAll(accountID: account.id, on: sql)
        }
        try await services.mailer.sendPasswordChanged(to: account.email, name: account.displayName,
                                                  language: account.language ?? context.language)
        var response = Response.redirect(to: SiteURL.with(AccountPaths.account.url, notice: "password_changed"), type: .normal)
        services.startSession(account.id, context: context, response: &response)
        response.headers[values: .setCookie].append(try await services.devices.cookie(for: account.email, passwordHash: hash,
                                                                                  now: services.clock.now().timeIntervalSince1970).description)
        return response
    }

    /// Erases the account after the password is confirmed; public contributions stay, pseudonymised.
    @Sendable func delete(_ request: Request, context: AppContext) async throws -> Response {
        let account = try pages.requireAccount(context)
        try await services.throttle("password:account:\(account.id)", limit: services.limits.passwordChecksPerAccount, context: context, now: services.clock.now())
        guard try await passwords.verify(context.form["password"] ?? "", hash: account.passwordHash) else {
            return try await render(request, context, errors: ["delete_password": pages.text("error_wrong_password", context)],
                                    status: .unprocessableContent).response(from: request, context: context)
        }
        let seats = try await services.memberships.all(accountID: account.id)
        try await services.accounts.erase(id: account.id, at: services.clock.now())
        for seat in seats { try await services.photos.removeAll(seat) }
        context.sessions.clearSession()
        return .redirect(to: SiteURL.with(HomePaths.home.url, notice: "account_deleted"), type: .normal)
    }
}
