import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

/// A council's term of office: its administrators record it, everyone reads it on its members' pages; a refusal
/// keeps the term stored.
@Suite struct CouncilTermWebTests {
    @Test(arguments: TestDatabase.kinds)
    func theAdministratorsRecordTheTermAndMembersPagesShowIt(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let nadia = try #require(try await site.memberships.all(councilID: france.id).first { $0.displayName == "Nadia Rapporteure" })
            let page = "/cese-fr/members/\(nadia.id)"
            let visitor = Visitor(client, acceptLanguage: "fr")
            #expect(try await visitor.get(page).text.contains("Mandature du 1 juin 2026 au 31 mai 2031."))
            let english = Formatting(language: .en, council: france)
            let (first, last) = (try #require(CivilDay("2026-06-01")), try #require(CivilDay("2031-05-31")))
            #expect(try await Visitor(client, acceptLanguage: "en").get(page).text
                .contains("Term of office from \(english.day(first)) to \(english.day(last))."))

            // Only the council's administrators record it, whatever they send; nothing changes otherwise.
            let term = [("term_first", "2021-05-25"), ("term_last", "2026-05-24")]
            #expect(try await visitor.post("/cese-fr/admin/term", term).status == .unauthorized)
            for email in ["citoyen@hemicycle.example", "membre@cese-fr.example", "secretariat@cese-fr.example", "secretariat@cese-ma.example",
                          "bureau@cese-ma.example", "presidence@cese-fr.example"] {
                let someone = Visitor(client)
                try await someone.signIn(email)
                let answer = try await someone.post("/cese-fr/admin/term", term).status
                #expect(answer == .forbidden, "\(email): \(answer)")
            }
            // The secretariat reads it in the administration, without the form.
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            let overview = try await staff.get("/cese-fr/admin").text
            #expect(overview.contains("Mandature du 1 juin 2026 au 31 mai 2031.") && !overview.contains("name=\"term_first\""))
            #expect(try await site.councils.find(slug: "cese-fr")?.term?.firstDay.text == "2026-06-01")

            let administrator = Visitor(client, acceptLanguage: "fr")
            try await administrator.signIn("admin@hemicycle.example")
            #expect(try await administrator.get("/cese-fr/admin").text.contains("name=\"term_first\" type=\"date\" value=\"2026-06-01\""))
            // Backwards, too long, half given: refused with the sentence, the form kept, the term stored unchanged.
            let backwards = try await administrator.post("/cese-fr/admin/term", [("term_first", "2026-05-24"), ("term_last", "2021-05-25")])
            #expect(backwards.status == .unprocessableContent && backwards.text.contains("Le dernier jour de la mandature doit suivre son premier jour.")
                && backwards.text.contains("value=\"2021-05-25\" dir=\"ltr\" aria-describedby=\"term-hint\" aria-invalid=\"true\""))
            #expect(try await administrator.post("/cese-fr/admin/term", [("term_first", "2021-05-25"), ("term_last", "2036-05-24")]).text
                .contains("Une mandature ne peut durer plus de dix ans."))
            #expect(try await administrator.post("/cese-fr/admin/term", [("term_first", "2021-05-25"), ("term_last", "")]).status
                == .unprocessableContent)
            #expect(try await site.councils.find(slug: "cese-fr")?.term?.lastDay.text == "2031-05-31")

            let saved = try await administrator.post("/cese-fr/admin/term", term)
            #expect(saved.status == .seeOther && saved.location == "/cese-fr/admin?notice=saved")
            #expect(try await visitor.get(page).text.contains("Mandature du 25 mai 2021 au 24 mai 2026."))
            // In the reader's language, the Moroccan council's term untouched.
            let morocco = try #require(try await site.councils.find(slug: "cese-ma"))
            #expect(morocco.term?.firstDay.text == "2023-09-01")
            // Both days emptied: no term, and none shown.
            #expect(try await administrator.post("/cese-fr/admin/term", [("term_first", ""), ("term_last", "")]).status == .seeOther)
            #expect(try await site.councils.find(slug: "cese-fr")?.term == nil)
            #expect(!(try await visitor.get(page).text.contains("Mandature")))
            #expect(try await administrator.get("/cese-fr/admin").text.contains("Aucune mandature n’est enregistrée."))
        }
    }
}
