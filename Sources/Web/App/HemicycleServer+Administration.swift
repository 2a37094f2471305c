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
    /// the link is used (it proves the address). An existing account is made administrator the same way, and every
    /// session it had ends (someone who signed up with the address first keeps nothing).
    public static func createAdministrator(configuration: AppConfiguration, database: any Database, email rawEmail: String,
                                           name: String?, password: String?, logger: Logger) async throws -> String {
        try await Migrator(database: database, logger: logger).migrate()
        let email = try Validate.email(rawEmail)
        let resources = try await Resources.bundled()
        let site = Site(configuration: configuration, database: database, views: resources.views, localizer: resources.localizer)
        let now = site.clock.now()
        let passwords = Passwords(cost: configuration.bcryptCost)
        if let existing = try await site.accounts.find(email: email) {
            var hash: String?
            if let password { hash = try await passwords.hash(try Validate.password(password)) }
            try await database.transaction { [hash] sql in
                try await site.persist.removeAll(accountID: existing.id, on: sql)
                try await site.tokens.revokeAll(accountID: existing.id, purpose: .resetPassword, now: now, on: sql)
                if let hash {
                    try await site.accounts.updatePasswordHash(id: existing.id, passwordHash: hash, on: sql)
                    try await site.accounts.markVerified(id: existing.id, at: now, on: sql)
                } else {
                    // Whoever registered the address first keeps nothing: no password, no proven address, until the
                    // link mailed to the address is used.
                    try await site.accounts.clearCredentials(id: existing.id, on: sql)
                }
            }
            try await site.accounts.makeInstanceAdministrator(id: existing.id)
            guard hash == nil else { return "\(email) is an administrator of the instance, with the password typed." }
            try await sendChoosePasswordLink(site: site, accountID: existing.id, email: email, name: existing.displayName, now: now)
            return "\(email) is an administrator of the instance once the link waiting in the outbox is used."
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
        try await sendChoosePasswordLink(site: site, accountID: id, email: email, name: displayName, now: now)
        return "Created \(email), administrator of the instance: a link to choose the password waits in the outbox (sent when SMTP_URL is set)."
    }

    private static func sendChoosePasswordLink(site: Site, accountID: Int64, email: String, name: String, now: Date) async throws {
        let token = Tokens.make()
        try await site.tokens.store(hash: Tokens.digest(token), accountID: accountID, purpose: .resetPassword,
                                    expiresAt: now.addingTimeInterval(7 * 24 * 3600))
        try await site.mailer.sendPasswordReset(to: email, name: name, token: token, language: .default)
    }
}
