import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Logging
import Storage
import Testing
import TestSupport
@testable import Web

/// Subscriptions to a council's news: double opt-in, the posts of the chosen themes mailed once each in the
/// subscriber's language, and the end in one click from the mail program (RFC 8058).
@Suite struct NewsSubscriptionTests {
    /// The path of the first link to `site` in a message.
    static func link(in body: String) throws -> String {
        let start = try #require(body.range(of: "http://hemicycle.test/"))
        let rest = body[start.lowerBound...]
        let url = rest.prefix { !$0.isWhitespace }
        return String(url.dropFirst("http://hemicycle.test".count))
    }

    static func publish(_ editor: Visitor, _ fields: [(String, String)]) async throws -> String {
        let created = try await editor.post("/cese-fr/news", fields)
        let url = try #require(created.location?.components(separatedBy: "?").first)
        #expect(try await editor.post("\(url)/status", [("action", "schedule")]).status == .seeOther)
        return url
    }

    @Test(arguments: TestDatabase.kinds)
    func aReaderSubscribesConfirmsReceivesAndLeavesInOneClick(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let worker = NewsMailWorker(site: site, logger: Logger(label: "news"))
            let reader = Visitor(client, acceptLanguage: "fr")
            let address = "lecteur@example.org"
            #expect(try await reader.post("/cese-fr/news/subscribe", [("email", "pas une adresse")]).status == .unprocessableContent)
            #expect(try await reader.post("/cese-fr/news/subscribe", [("email", address), ("category", "bogus")]).status == .unprocessableContent)
            let subscribed = try await reader.post("/cese-fr/news/subscribe", [("email", "Lecteur@Example.org"), ("category", "international"),
                                                                               ("category", "plenary")])
            #expect(subscribed.status == .seeOther && subscribed.location?.contains("notice=news_subscription_mailed") == true)
            // Asked again at once: the same answer, no second message.
            #expect(try await reader.post("/cese-fr/news/subscribe", [("email", address)]).status == .unprocessableContent)
            #expect(try await reader.post("/cese-fr/news/subscribe", [("email", address), ("category", "international"), ("category", "plenary")]).status
                == .seeOther)
            let confirmations = try await site.outbox.messages(to: address)
            #expect(confirmations.count == 1 && confirmations[0].kind == "news_confirm")
            #expect(confirmations[0].subject.hasPrefix("Confirmez votre abonnement"))
            let confirm = try Self.link(in: confirmations[0].body)

            // Until confirmed, nothing is mailed; the demo's posts already public are not mailed to anyone later.
            try await worker.mailAll()
            #expect(try await site.outbox.messages(to: address).count == 1)
            // A wrong token, or another subscription's number, finds nothing.
            #expect(try await reader.get(confirm.replacingOccurrences(of: "&t=", with: "&t=x")).status == .notFound)
            let id = try #require(URLComponents(string: confirm)?.queryItems?.first { $0.name == "s" }?.value)
            #expect(try await reader.get(confirm.replacingOccurrences(of: "s=\(id)", with: "s=\(Int(id)! + 1)")).status == .notFound)
            #expect(try await reader.get(confirm.replacingOccurrences(of: "/cese-fr/", with: "/cese-ma/")).status == .notFound)
            // Opening the link changes nothing (mail scanners open links); the button confirms.
            let page = try await reader.get(confirm)
            #expect(page.status == .ok && page.text.contains("Confirmer mon abonnement"))
            #expect(page.text.contains("International et Séance plénière"), "\(page.text.components(separatedBy: "<main")[1].prefix(600))")
            #expect(try await reader.post(confirm, []).status == .seeOther)
            #expect(try await reader.get(confirm).text.contains("lecteur@example.org reçoit les actualités du conseil"))

            // An English subscriber to every theme.
            let english = Visitor(client, acceptLanguage: "en")
            #expect(try await english.post("/cese-fr/news/subscribe", [("email", "reader@example.org")] + NewsCategoryCases.all).status == .seeOther)
            let englishConfirm = try Self.link(in: try #require(try await site.outbox.messages(to: "reader@example.org").first).body)
            #expect(try await english.post(englishConfirm, []).status == .seeOther)

            // A post in French and English, of a chosen theme: each gets it once, in their language.
            let editor = Visitor(client)
            try await editor.signIn("admin@hemicycle.example")
            let url = try await Self.publish(editor, [("language", "fr"), ("category", "international"), ("title", "Accord signé à Rabat"),
                                                      ("summary", "Les deux conseils ont signé."), ("body", "Les deux conseils ont signé.")])
            let id2 = try #require(url.split(separator: "/").last.flatMap { Int64($0.prefix { $0.isNumber }) })
            let translated = try await editor.post("/cese-fr/news", [("translation_of", "\(id2)"), ("language", "en"), ("category", "international"),
                                                                     ("title", "Agreement signed in Rabat"), ("summary", "Both councils signed."),
                                                                     ("body", "Both councils signed.")])
            let englishURL = try #require(translated.location?.components(separatedBy: "?").first)
            #expect(try await editor.post("\(englishURL)/status", [("action", "schedule")]).status == .seeOther)
            #expect(try await worker.mailAll() == 2)
            #expect(try await worker.mailAll() == 0)
            let mailed = try #require(try await site.outbox.messages(to: address).last)
            #expect(mailed.kind == "news" && mailed.subject.hasSuffix(": Accord signé à Rabat") && mailed.body.contains("http://hemicycle.test\(url)"))
            let unsubscribe = try #require(mailed.listUnsubscribe)
            #expect(mailed.body.contains(unsubscribe) && unsubscribe.hasPrefix("http://hemicycle.test/cese-fr/news/unsubscribe?s="))
            #expect(try #require(try await site.outbox.messages(to: "reader@example.org").last).subject.hasSuffix(": Agreement signed in Rabat"))
            // A post of a theme the reader did not choose is not mailed to them.
            _ = try await Self.publish(editor, [("language", "fr"), ("category", "participation"), ("title", "Une consultation"),
                                                ("summary", "Participez."), ("body", "Participez.")])
            let participation = try await worker.mailAll()
            let latest = try await site.outbox.latest(limit: 5).map { "\($0.recipient): \($0.subject)" }
            #expect(participation == 1, "\(latest)")
            #expect(try await site.outbox.messages(to: address).count == 2)

            // One click from the mail program: no session, no form token; the link's token is the right.
            let path = String(unsubscribe.dropFirst("http://hemicycle.test".count))
            #expect(try await Visitor(client).postRaw(path.replacingOccurrences(of: "&t=", with: "&t=x"), body: "List-Unsubscribe=One-Click").status
                == .notFound)
            #expect(try await Visitor(client).postRaw(path, body: "List-Unsubscribe=One-Click").status == .seeOther)
            #expect(try await reader.get(path).text.contains("lecteur@example.org ne reçoit plus les actualités du conseil."))
            _ = try await Self.publish(editor, [("language", "fr"), ("category", "plenary"), ("title", "Séance"), ("summary", "La séance."),
                                                ("body", "La séance.")])
            #expect(try await worker.mailAll() == 1)
            #expect(try await site.outbox.messages(to: address).count == 2)
            // The confirmation link of an ended subscription confirms nothing.
            #expect(try await reader.post(confirm, []).status == .seeOther)
            #expect(try await reader.get(confirm).text.contains("Confirmer mon abonnement") == false)
        }
    }

    /// Nobody makes the site mail a stranger's box again and again: three confirmations a day per mailbox, however its
    /// address is spelled and whatever the council, and ten requests an hour per client.
    @Test func aMailboxIsNotBombed() async throws {
        try await Harness.run(.sqlite, configure: { $0.trustForwardedFor = true }) { site, client in
            let attacker = Visitor(client)
            let spellings = ["victim@example.org", "victim+1@example.org", "v.ictim@example.org", "Victim+news@Example.org", "vic.tim+2@example.org"]
            for (index, address) in spellings.enumerated() {
                let council = index % 2 == 0 ? "cese-fr" : "cese-ma"
                #expect(try await attacker.post("/\(council)/news/subscribe", [("email", address), ("category", "plenary")]).status == .seeOther)
            }
            var mails = 0
            for address in spellings { mails += try await site.outbox.messages(to: address.lowercased()).count }
            #expect(mails == 3)
            for index in 0..<5 {
                _ = try await attacker.post("/cese-fr/news/subscribe", [("email", "other\(index)@example.org"), ("category", "plenary")])
            }
            #expect(try await attacker.post("/cese-fr/news/subscribe", [("email", "last@example.org"), ("category", "plenary")]).status == .tooManyRequests)
        }
    }

    @Test func aNewsMailCarriesTheOneClickUnsubscribeHeaders() {
        let message = SMTPClient.Message(to: "a@example.org", subject: "s", body: "b",
                                         listUnsubscribe: "https://h.example/cese-fr/news/unsubscribe?s=1&t=abc\r\nBcc: x@example.org")
        let rendered = SMTPClient.render(message, from: "Hemicycle <noreply@h.example>")
        #expect(rendered.contains("\r\nList-Unsubscribe: <https://h.example/cese-fr/news/unsubscribe?s=1&t=abcBcc: x@example.org>\r\n"))
        #expect(rendered.contains("\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"))
        #expect(!rendered.contains("\r\nBcc:"))
        #expect(!SMTPClient.render(SMTPClient.Message(to: "a@example.org", subject: "s", body: "b"), from: "h").contains("List-Unsubscribe"))
    }
}

enum NewsCategoryCases {
    static let all = ["international", "plenary", "work", "participation", "institution"].map { ("category", $0) }
}
