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
        let link = "\(baseURL)\(AccountPaths.verifyEmail.url)?token=\(token)"
        try await send(kind: "verify_email", to: email, language: language, arguments: ["name": name, "link": link])
    }

    func sendPasswordReset(to email: String, name: String, token: String, language: Language) async throws {
        let link = "\(baseURL)\(AccountPaths.resetPassword.url)?token=\(token)"
        try await send(kind: "reset_password", to: email, language: language, arguments: ["name": name, "link": link])
    }

    func sendPasswordChanged(to email: String, name: String, language: Language) async throws {
        try await send(kind: "password_changed", to: email, language: language, arguments: ["name": name])
    }

    /// Someone tried to create an account with an address that has one: its owner is told, nobody else.
    func sendSignUpAttempt(to email: String, name: String, language: Language) async throws {
        try await send(kind: "signup_existing", to: email, language: language,
                       arguments: ["name": name, "signin": "\(baseURL)\(AccountPaths.signIn.url)", "reset": "\(baseURL)\(AccountPaths.forgotPassword.url)"])
    }

    /// A reset asked for an address without an account.
    func sendResetWithoutAccount(to email: String, language: Language) async throws {
        try await send(kind: "reset_no_account", to: email, language: language, arguments: ["signup": "\(baseURL)\(AccountPaths.signUp.url)"])
    }

    /// A seat offered in a council: the link accepts it (and creates the account when the address has none).
    func sendInvitation(to email: String, council: String, role: String, token: String, language: Language) async throws {
        try await send(kind: "invitation", to: email, language: language,
                       arguments: ["council": council, "role": role, "link": "\(baseURL)\(AccountPaths.invitation.url)?token=\(token)"])
    }

    /// A volunteer was drawn to sit on a citizens' convention: their reference, and the public draw's page. Composed
    /// here, queued by the pick's own transaction.
    func drawn(to email: String, convention: String, council: String, reference: String, drawURL: String, language: Language) -> QueuedMail {
        let arguments = ["convention": convention, "council": council, "reference": reference, "link": "\(baseURL)\(drawURL)"]
        return QueuedMail(recipient: email, subject: localizer.text("mail_convention_drawn_subject", language, arguments),
                          body: localizer.text("mail_convention_drawn_body", language, arguments), kind: "convention_drawn")
    }

    /// The double opt-in of a subscription to a council's news: nothing is sent to the address until its owner follows
    /// the link.
    func sendNewsConfirmation(to email: String, council: String, link: String, language: Language) async throws {
        try await send(kind: "news_confirm", to: email, language: language, arguments: ["council": council, "link": "\(baseURL)\(link)"])
    }

    /// A post mailed to a subscriber, with the link that ends the subscription (in the text and for the mail program).
    func newsPost(to email: String, council: String, title: String, summary: String, link: String, unsubscribe: String,
                  language: Language) -> SubscriberMail {
        let arguments = ["council": council, "title": title, "summary": summary, "link": "\(baseURL)\(link)", "unsubscribe": "\(baseURL)\(unsubscribe)"]
        return SubscriberMail(recipient: email, subject: localizer.text("mail_news_post_subject", language, arguments),
                        body: localizer.text("mail_news_post_body", language, arguments), listUnsubscribe: "\(baseURL)\(unsubscribe)")
    }

    /// The double opt-in of a subscription to council work: `subject` says what it follows (a work, the new referrals).
    func sendWorkConfirmation(to email: String, council: String, subject: String, link: String, language: Language) async throws {
        try await send(kind: "work_follow_confirm", to: email, language: language,
                       arguments: ["council": council, "subject": subject, "link": "\(baseURL)\(link)"])
    }

    /// A step of a work (`step`, a sentence), mailed to those who follow it or the council's new referrals.
    func workProgress(to email: String, council: String, title: String, step: String, link: String, unsubscribe: String,
                      language: Language) -> SubscriberMail {
        let arguments = ["council": council, "title": title, "step": step, "link": "\(baseURL)\(link)", "unsubscribe": "\(baseURL)\(unsubscribe)"]
        return SubscriberMail(recipient: email, subject: localizer.text("mail_work_progress_subject", language, arguments),
                              body: localizer.text("mail_work_progress_body", language, arguments), listUnsubscribe: "\(baseURL)\(unsubscribe)")
    }

    /// A partner answered the council's question with one of its notes: its secretariat is told, with the link to the
    /// thread.
    func sendPracticeAnswer(to email: String, partner: String, question: String, note: String, link: String, language: Language) async throws {
        try await send(kind: "practice_answer", to: email, language: language,
                       arguments: ["partner": partner, "question": question, "note": note, "link": "\(baseURL)\(link)"])
    }

    private func send(kind: String, to email: String, language: Language, arguments: [String: String]) async throws {
        let subject = localizer.text("mail_\(kind)_subject", language, arguments)
        let body = localizer.text("mail_\(kind)_body", language, arguments)
        try await outbox.enqueue(recipient: email, subject: subject, body: body, kind: kind, at: clock.now())
    }
}
