import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Logging
import Storage
import Testing
import TestSupport
@testable import Web

/// Council work in public: a work's progress is public before its text, and anyone may follow it (or the council's
/// new referrals) by e-mail, with a double opt-in, each step mailed once in the follower's language, and the end in one
/// click from the mail program (RFC 8058).
@Suite struct WorkFollowTests {
    static func works(_ site: Site, _ slug: String) async throws -> (council: Council, youth: WorkRecord, published: WorkRecord) {
        let council = try #require(try await site.councils.find(slug: slug))
        let all = try await site.works.all(councilID: council.id)
        let youth = try #require(all.first { $0.titleFr == "Jeunes et emploi dans les territoires ruraux" })
        let published = try #require(all.first { $0.status == "published" })
        return (council, youth, published)
    }

    @Test(arguments: TestDatabase.kinds)
    func aVisitorSeesAWorksProgressButNotItsText(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let (_, youth, _) = try await Self.works(site, "cese-fr")
            let visitor = Visitor(client, acceptLanguage: "fr")
            let list = try await visitor.get("/cese-fr/works")
            #expect(list.text.contains("Jeunes et emploi dans les territoires ruraux") && list.text.contains("/cese-fr/works/follow"))
            let page = try await visitor.get("/cese-fr/works/\(youth.id)")
            #expect(page.status == .ok)
            #expect(page.text.contains("Jeunes et emploi dans les territoires ruraux") && page.text.contains("En préparation"))
            // Its rapporteur links to their page; the steps are dated; the follow form is there.
            #expect(page.text.contains("/cese-fr/members/") && page.text.contains("/cese-fr/works/\(youth.id)/follow"))
            // Nothing of what it says: no draft, no amendment, no note of a step.
            #expect(!page.text.contains("Financer le permis") && !page.text.contains("alternance") && page.text.contains("Décision du bureau"))
            #expect(!page.text.contains("Projet du rapporteur") && !page.text.contains("/amendments"))
            #expect(try await visitor.get("/cese-fr/works/\(youth.id)/compare").status == .notFound)
            #expect(try await visitor.get("/cese-fr/works/\(youth.id)/akoma-ntoso.xml").status == .notFound)
            // Another council's number is not found here.
            #expect(try await visitor.get("/cese-ma/works/\(youth.id)").status == .notFound)
            // A member sees the whole work, and may follow it too.
            let member = Visitor(client)
            try await member.signIn("membre@cese-fr.example")
            let whole = try await member.get("/cese-fr/works/\(youth.id)")
            #expect(whole.text.contains("Financer le permis") && whole.text.contains("/cese-fr/works/\(youth.id)/follow"))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aFollowerIsMailedEachStepOnceInTheirLanguageAndLeavesInOneClick(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let (council, youth, published) = try await Self.works(site, "cese-fr")
            let worker = WorkProgressMailWorker(site: site, logger: Logger(label: "work"))
            // The demo's recent steps have no followers: recorded, nothing mailed.
            #expect(try await worker.mailAll() == 0)
            let reader = Visitor(client, acceptLanguage: "fr")
            let follow = "/cese-fr/works/\(youth.id)/follow"
            #expect(try await reader.post(follow, [("email", "pas une adresse")]).status == .unprocessableContent)
            #expect(try await reader.post("/cese-fr/works/999999/follow", [("email", "a@example.org")]).status == .notFound)
            #expect(try await reader.post("/cese-ma/works/\(youth.id)/follow", [("email", "a@example.org")]).status == .notFound)
            let final = try await reader.post("/cese-fr/works/\(published.id)/follow", [("email", "a@example.org")])
            #expect(final.status == .conflict && final.text.contains("plus d’étape à suivre"))
            #expect(try await Visitor(client).post(follow, [("email", "a@example.org")], csrf: "forged").status == .forbidden)

            let address = "suiveur@example.org"
            let asked = try await reader.post(follow, [("email", "Suiveur@Example.org")])
            #expect(asked.status == .seeOther && asked.location?.contains("notice=work_follow_mailed") == true)
            let confirmation = try #require(try await site.outbox.messages(to: address).first)
            #expect(confirmation.kind == "work_follow_confirm" && confirmation.subject.contains("Jeunes et emploi dans les territoires ruraux"))
            let confirm = try NewsSubscriptionTests.link(in: confirmation.body)
            #expect(confirm.hasPrefix("/cese-fr/works/follow/confirm?s="))
            // Not confirmed yet: a step is not mailed.
            try await site.works.move(id: youth.id, councilID: council.id, from: "in_preparation", to: "adopted_in_commission", note: "Vote de la commission",
                                      accountID: nil, at: site.clock.now().timeIntervalSince1970)
            #expect(try await worker.mailAll() == 0)
            // A news subscription's token does not open a follower's link, nor the reverse.
            #expect(try await reader.get(confirm.replacingOccurrences(of: "/works/follow/", with: "/news/")).status == .notFound)
            #expect(try await reader.get(confirm.replacingOccurrences(of: "&t=", with: "&t=x")).status == .notFound)
            let page = try await reader.get(confirm)
            #expect(page.status == .ok && page.text.contains("l’avancement de « Jeunes et emploi dans les territoires ruraux »"))
            #expect(try await reader.post(confirm, []).status == .seeOther)
            #expect(try await reader.get(confirm).text.contains("suiveur@example.org suit désormais"))

            // An English reader follows the council's new referrals.
            let english = Visitor(client, acceptLanguage: "en")
            #expect(try await english.post("/cese-fr/works/follow", [("email", "referrals@example.org")]).status == .seeOther)
            let referralsConfirm = try NewsSubscriptionTests.link(in: try #require(try await site.outbox.messages(to: "referrals@example.org").first).body)
            #expect(try await english.get(referralsConfirm).text.contains("the new referrals to the"))
            #expect(try await english.post(referralsConfirm, []).status == .seeOther)

            // The work goes to the plenary's agenda (not a followed step), then is adopted; a new work is referred.
            let now = site.clock.now().timeIntervalSince1970
            try await site.works.move(id: youth.id, councilID: council.id, to: "on_plenary_agenda", note: nil, accountID: nil, at: now)
            try await site.works.move(id: youth.id, councilID: council.id, to: "adopted", note: nil, accountID: nil, at: now)
            let newWork = try await site.works.create(councilID: council.id, NewWork(
                kind: "avis", title: LocalizedText(fr: "L'eau dans les territoires", ar: nil, en: "Water in the territories"), summary: LocalizedText(),
                referralSource: "government", referralReference: nil, procedure: "ordinary"), accountID: nil, at: now)
            #expect(try await worker.mailAll() == 2)
            #expect(try await worker.mailAll() == 0)
            let adopted = try #require(try await site.outbox.messages(to: address).last)
            #expect(adopted.kind == "work_progress" && adopted.body.contains("a été adopté par le"))
            #expect(adopted.body.contains("http://hemicycle.test/cese-fr/works/\(youth.id)"))
            let referral = try #require(try await site.outbox.messages(to: "referrals@example.org").last)
            #expect(referral.subject.hasSuffix(": Water in the territories") && referral.body.contains("has been referred to the"))
            #expect(referral.body.contains("/cese-fr/works/\(newWork)"))
            // The follower of one work is not told of other referrals.
            #expect(try await site.outbox.messages(to: address).count == 2)

            // One click from the mail program: no session, no form token; the link's token is the right.
            let unsubscribe = try #require(adopted.listUnsubscribe)
            #expect(adopted.body.contains(unsubscribe) && unsubscribe.hasPrefix("http://hemicycle.test/cese-fr/works/follow/unsubscribe?s="))
            let path = String(unsubscribe.dropFirst("http://hemicycle.test".count))
            #expect(try await Visitor(client).postRaw(path.replacingOccurrences(of: "&t=", with: "&t=x"), body: "List-Unsubscribe=One-Click").status
                == .notFound)
            #expect(try await Visitor(client).postRaw(path, body: "List-Unsubscribe=One-Click").status == .seeOther)
            #expect(try await reader.get(path).text.contains("suiveur@example.org ne suit plus"))
            try await site.works.move(id: youth.id, councilID: council.id, to: "published", note: nil, accountID: nil, at: now)
            #expect(try await worker.mailAll() == 0)
            #expect(try await site.outbox.messages(to: address).count == 2)

            // An address typed and never confirmed is forgotten after a week; its link then finds nothing.
            #expect(try await reader.post("/cese-fr/works/follow", [("email", "jamais@example.org")]).status == .seeOther)
            let neverConfirmed = try NewsSubscriptionTests.link(in: try #require(try await site.outbox.messages(to: "jamais@example.org").first).body)
            #expect(try await reader.get(neverConfirmed).status == .ok)
            let clock = try #require(site.clock as? TestClock)
            clock.advance(by: 8 * 86_400)
            _ = try await worker.mailAll()
            _ = try await NewsMailWorker(site: site, logger: Logger(label: "news")).mailAll()
            #expect(try await reader.get(neverConfirmed).status == .notFound)
            // A confirmed one stays.
            #expect(try await english.get(referralsConfirm).status == .ok)
        }
    }
}
