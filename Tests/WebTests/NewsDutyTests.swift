import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

/// The communication staff's duties: the council's administrators give a member of staff the duty to write the news,
/// or to publish it; a member of staff without one writes nothing, and nobody but an administrator gives one.
@Suite struct NewsDutyTests {
    @Test(arguments: TestDatabase.kinds)
    func anAdministratorGivesAndTakesAwayTheDuties(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let julien = try #require(try await site.memberships.all(councilID: france.id).first { $0.email == "secretariat@cese-fr.example" })
            #expect(julien.dutySet == [.newsWriter, .budgetOfficer])
            let post: [(String, String)] = [("language", "fr"), ("category", "plenary"), ("title", "Séance du mois"), ("summary", "La séance."),
                                            ("body", "La séance.")]
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            // The form lists what a post may mention, as links to paste.
            let form = try await staff.get("/cese-fr/news/new").text
            let nadia = try #require(try await site.memberships.all(councilID: france.id).first { $0.displayName == "Nadia Rapporteure" })
            #expect(form.contains("value=\"&lt;a href=&quot;/cese-fr/members/\(nadia.id)&quot;&gt;Nadia Rapporteure&lt;/a&gt;\""))
            #expect(form.contains("&lt;a href=&quot;/cese-ma&quot;&gt;"))
            // A writer drafts, but does not schedule.
            let created = try await staff.post("/cese-fr/news", post)
            let url = try #require(created.location?.components(separatedBy: "?").first)
            #expect(try await staff.post("\(url)/status", [("action", "schedule")]).status == .forbidden)
            // A member of staff gives themself no duty, nor takes one away: the form has no such boxes for them.
            let edit = "/cese-fr/admin/members/\(julien.id)"
            #expect(!(try await staff.get(edit).text.contains("name=\"duty\"")))
            let raised = try await staff.post(edit, [("role", "staff"), ("duties_shown", "1"), ("duty", "news_editor")])
            #expect(raised.status == .forbidden && raised.text.contains("Seuls les administrateurs du conseil attribuent"))
            #expect(try await site.memberships.find(id: julien.id, councilID: france.id)?.dutySet == [.newsWriter, .budgetOfficer])

            // The administrator makes him an editor: he schedules.
            let admin = Visitor(client, acceptLanguage: "fr")
            try await admin.signIn("admin@hemicycle.example")
            #expect(try await admin.get(edit).text.contains("Publication des actualités"))
            #expect(try await admin.post(edit, [("role", "staff"), ("duties_shown", "1"), ("duty", "bogus")]).status == .unprocessableContent)
            #expect(try await admin.post(edit, [("role", "staff"), ("duties_shown", "1"), ("duty", "news_editor")]).status == .seeOther)
            #expect(try await staff.post("\(url)/status", [("action", "schedule")]).status == .seeOther)
            // Without a duty, he writes nothing and sees no draft.
            #expect(try await admin.post(edit, [("role", "staff"), ("duties_shown", "1")]).status == .seeOther)
            #expect(try await staff.post("/cese-fr/news", post).status == .forbidden)
            // Keeping the budget is not writing the news.
            #expect(try await admin.post(edit, [("role", "staff"), ("duties_shown", "1"), ("duty", "budget_officer")]).status == .seeOther)
            #expect(try await staff.post("/cese-fr/news", post).status == .forbidden)
            // A seat that is no longer staff holds no duty, and keeps none when it is staff again.
            #expect(try await admin.post(edit, [("role", "staff"), ("duties_shown", "1"), ("duty", "news_writer")]).status == .seeOther)
            let citizenWithDuty = try await admin.post(edit, [("role", "citizen"), ("duties_shown", "1"), ("duty", "news_writer")])
            #expect(citizenWithDuty.status == .unprocessableContent && citizenWithDuty.text.contains("Seul un membre du secrétariat"))
            #expect(try await admin.post(edit, [("role", "citizen")]).status == .seeOther)
            #expect(try await site.memberships.find(id: julien.id, councilID: france.id)?.duties == "")
            #expect(try await admin.post(edit, [("role", "staff")]).status == .seeOther)
            #expect(try await site.memberships.find(id: julien.id, councilID: france.id)?.duties == "")
        }
    }
}
