import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

/// A council's sitting rules: its administrators set how many proxies a member holds and the quorum; every sitting
/// follows them; a refusal keeps the rules stored.
@Suite struct SittingRulesWebTests {
    @Test(arguments: TestDatabase.kinds)
    func theAdministratorsSetTheRulesAndSittingsFollowThem(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let clock = try #require(site.clock as? TestClock)
            let rules = [("proxies_held", "2"), ("quorum", "third"), ("quorum_counts_proxies", "on")]
            // Only the council's administrators set them.
            #expect(try await Visitor(client).post("/cese-fr/admin/sitting-rules", rules).status == .unauthorized)
            for email in ["citoyen@hemicycle.example", "membre@cese-fr.example", "secretariat@cese-fr.example", "bureau@cese-fr.example",
                          "presidence@cese-fr.example", "secretariat@cese-ma.example"] {
                let someone = Visitor(client)
                try await someone.signIn(email)
                let answer = try await someone.post("/cese-fr/admin/sitting-rules", rules).status
                #expect(answer == .forbidden, "\(email): \(answer)")
            }
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            let overview = try await staff.get("/cese-fr/admin").text
            #expect(overview.contains("Quorum : plus de la moitié des membres doivent participer.") && !overview.contains("name=\"proxies_held\""))
            var france = try #require(try await site.councils.find(slug: "cese-fr"))
            #expect(france.proxiesHeld == 1 && france.quorum == "majority" && !france.quorumCountsProxies)

            // Bad input: the sentence, the form kept, the rules unchanged.
            let administrator = Visitor(client, acceptLanguage: "fr")
            try await administrator.signIn("admin@hemicycle.example")
            for held in ["6", "-1", "deux", "1.5"] {
                let refused = try await administrator.post("/cese-fr/admin/sitting-rules", [("proxies_held", held), ("quorum", "third")])
                #expect(refused.status == .unprocessableContent && refused.text.contains("Indiquez un nombre entier de délégations, de 0 à 5."), "\(held)")
                #expect(refused.text.contains("value=\"\(held)\" dir=\"ltr\" aria-describedby=\"rules-hint\" aria-invalid=\"true\""), "\(held)")
            }
            let quorum = try await administrator.post("/cese-fr/admin/sitting-rules", [("proxies_held", "1"), ("quorum", "half")])
            #expect(quorum.status == .unprocessableContent && quorum.text.contains("Choisissez un quorum dans la liste."))
            france = try #require(try await site.councils.find(slug: "cese-fr"))
            #expect(france.proxiesHeld == 1 && france.quorum == "majority")

            let saved = try await administrator.post("/cese-fr/admin/sitting-rules", rules)
            #expect(saved.status == .seeOther && saved.location == "/cese-fr/admin?notice=saved")
            france = try #require(try await site.councils.find(slug: "cese-fr"))
            #expect(france.proxiesHeld == 2 && france.quorum == "third" && france.quorumCountsProxies)
            #expect(try #require(try await site.councils.find(slug: "cese-ma")).proxiesHeld == 1)

            // A sitting under the new rules: a member holds two proxies, not three.
            let created = try await staff.post("/cese-fr/sittings", [("body", "plenary"), ("commission", ""), ("starts_at", "2026-12-02T14:30"),
                                                                     ("ends_at", "2026-12-02T17:30"), ("place", "Palais d’Iéna"), ("remote_url", "")])
            let url = try #require(created.location?.components(separatedBy: "?").first)
            let page = try await staff.get(url).text
            #expect(page.contains("Quorum : au moins un tiers des membres doivent participer.")
                && page.contains("Les membres représentés par une délégation y sont comptés.")
                && page.contains("Chaque membre peut recevoir au plus 2 délégations."))
            let seats = try await site.memberships.all(councilID: france.id).filter(\.sits)
            #expect(seats.count >= 9)
            #expect(try await staff.post("\(url)/proxies", [("giver", "\(seats[1].id)"), ("holder", "\(seats[0].id)")]).status == .seeOther)
            #expect(try await staff.post("\(url)/proxies", [("giver", "\(seats[2].id)"), ("holder", "\(seats[0].id)")]).status == .seeOther)
            let third = try await staff.post("\(url)/proxies", [("giver", "\(seats[3].id)"), ("holder", "\(seats[0].id)")])
            #expect(third.status == .unprocessableContent && third.text.contains("le nombre de délégations que permet la règle du conseil"))

            // The quorum: a third of the voters, those represented counted.
            clock.advance(by: 2 * 86_400 + 5 * 3_600)
            let needed = (seats.count + 2) / 3
            let present = [seats[0]] + seats.dropFirst(4).prefix(needed - 3)
            var attendance = present.map { ("attendance_\($0.id)", "present") }
            attendance += [("attendance_\(seats[1].id)", "excused"), ("attendance_\(seats[2].id)", "absent")]
            #expect(try await staff.post("\(url)/attendance", attendance).status == .seeOther)
            #expect(try await staff.get(url).text.contains("Quorum atteint : \(needed) membres sur \(seats.count) participent"))

            // No proxies at all: the form is gone, and a proxy sent anyway is refused.
            #expect(try await administrator.post("/cese-fr/admin/sitting-rules", [("proxies_held", "0"), ("quorum", "majority"),
                                                                                 ("quorum_counts_proxies", "on")]).status == .seeOther)
            france = try #require(try await site.councils.find(slug: "cese-fr"))
            #expect(france.proxiesHeld == 0 && !france.quorumCountsProxies)
            let closed = try await staff.get(url).text
            #expect(closed.contains("Le conseil n’admet aucune délégation de vote.") && !closed.contains("name=\"giver\""))
            let none = try await staff.post("\(url)/proxies", [("giver", "\(seats[3].id)"), ("holder", "\(seats[4].id)")])
            #expect(none.status == .unprocessableContent && none.text.contains("Le règlement du conseil n’admet aucune délégation de vote."))
        }
    }
}
