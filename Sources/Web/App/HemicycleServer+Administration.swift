import Foundation
import HemicycleDomain
import Logging
import Storage

extension HemicycleServer {
    /// Why the server will not start.
    public struct StartupRefusal: Error, CustomStringConvertible {
        public let description: String
    }

    /// Production never runs with the demo: its administrator's password is public. Refuses to start while a demo
    /// account exists.
    static func checkProduction(_ configuration: AppConfiguration, accounts: AccountRepository) async throws {
        guard !configuration.isDevelopment else { return }
        let demo = try await accounts.demoAccounts()
        guard demo.isEmpty else {
            throw StartupRefusal(description: """
                HEMICYCLE_ENV=production, but the database holds demo accounts (\(demo.joined(separator: ", "))): \
                their password is public. Start from a database without the demo, and create the first administrator \
                with `hemicycle admin create --email ADDRESS`.
                """)
        }
    }

    /// Creates the first (or another) administrator of the instance. With a password (typed by the operator), the
    /// account is ready; without one, a link to choose it waits in the outbox, and the account holds no right until
    /// the link is used (it proves the address). An existing account is made administrator.
    public static func createAdministrator(configuration: AppConfiguration, database: any Database, email rawEmail: String,
                                           name: String?, password: String?, logger: Logger) async throws -> String {
        try await Migrator(database: database, logger: logger).migrate()
        let email = try Validate.email(rawEmail)
        let resources = try await Resources.bundled()
        let site = Site(configuration: configuration, database: database, views: resources.views, localizer: resources.localizer)
        let now = site.clock.now()
        let passwords = Passwords(cost: configuration.bcryptCost)
        if let existing = try await site.accounts.find(email: email) {
            try await site.accounts.makeInstanceAdministrator(id: existing.id)
            if let password {
                try await site.accounts.updatePasswordHash(id: existing.id, passwordHash: try await passwords.hash(try Validate.password(password)))
            }
            return "\(email) is an administrator of the instance."
        }
        let displayName = try Validate.displayName(name ?? String(email.split(separator: "@")[0]))
        if let password {
            let hash = try await passwords.hash(try Validate.password(password))
            _ = try await site.accounts.create(email: email, passwordHash: hash, displayName: displayName, language: nil,
                                               verified: true, instanceAdmin: true, now: now)
            return "Created \(email), administrator of the instance."
        }
        let id = try await site.accounts.create(email: email, passwordHash: nil, displayName: displayName, language: nil,
                                                verified: false, instanceAdmin: true, now: now)
        let token = Tokens.make()
        try await site.tokens.store(hash: Tokens.digest(token), accountID: id, purpose: .resetPassword,
                                    expiresAt: now.addingTimeInterval(7 * 24 * 3600))
        try await site.mailer.sendPasswordReset(to: email, name: displayName, token: token, language: .default)
        return "Created \(email), administrator of the instance: a link to choose the password waits in the outbox (sent when SMTP_URL is set)."
    }
}
