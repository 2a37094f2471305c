import Foundation
import HemicycleDomain
import Storage

/// Writes every message Hemicycle sends to the outbox, in the recipient's language.
public struct Mailer: Sendable {
    let outbox: OutboxRepository
    let localizer: Localizer
    let baseURL: String
    let clock: any WallClock

    func sendVerification(to email: String, name: String, token: String, language: Language) async throws {
        let link = "\(baseURL)\(SiteURL.verifyEmail)?token=\(token)"
        try await send(kind: "verify_email", to: email, language: language, arguments: ["name": name, "link": link])
    }

    func sendPasswordReset(to email: String, name: String, token: String, language: Language) async throws {
        let link = "\(baseURL)\(SiteURL.resetPassword)?token=\(token)"
        try await send(kind: "reset_password", to: email, language: language, arguments: ["name": name, "link": link])
    }

    func sendPasswordChanged(to email: String, name: String, language: Language) async throws {
        try await send(kind: "password_changed", to: email, language: language, arguments: ["name": name])
    }

    func sendMembershipAdded(to email: String, name: String, council: String, role: String, language: Language) async throws {
        try await send(kind: "membership_added", to: email, language: language,
                       arguments: ["name": name, "council": council, "role": role, "link": baseURL])
    }

    private func send(kind: String, to email: String, language: Language, arguments: [String: String]) async throws {
        let subject = localizer.text("mail_\(kind)_subject", language, arguments)
        let body = localizer.text("mail_\(kind)_body", language, arguments)
        try await outbox.enqueue(recipient: email, subject: subject, body: body, kind: kind, at: clock.now())
    }
}
