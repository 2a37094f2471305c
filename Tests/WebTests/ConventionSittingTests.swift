import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

/// The convention at work: sessions, proposals amended then voted by the seated members (majority judgment and yes /
/// no with a threshold), results with charts, minority positions, and the final report delivered to the linked work.
@Suite struct ConventionSittingTests {
    /// A convention of ten linked to one of the council's works, drawn in public from a pool of 26.
    static func drawnConvention(_ site: Site, _ staff: Visitor) async throws -> (url: String, id: Int64, work: Int64) {
        let url = try await ConventionTests.prepare(staff, panel: 10)
        let france = try #require(try await site.councils.find(slug: "cese-fr"))
        let work = try #require(try await WorkRepository(database: site.database).all(councilID: france.id).first)
        #expect(try await staff.post("\(url)/definition", [
            ("title_fr", "Convention citoyenne sur l’eau"), ("title_ar", "الاتفاقية المواطنة حول الماء"),
            ("mandate_fr", "Le cadre d'accompagnement de la fin de vie est-il adapté ?"), ("panel_size", "10"), ("tolerance", "0"),
            ("work", "\(work.id)"),
        ]).status == .seeOther)
        #expect(try await staff.postFile("\(url)/pool", fileName: "pool.csv", content: Array(ConventionTests.pool(26).utf8)).status == .seeOther)
        #expect(try await staff.post("\(url)/open-registration", []).status == .seeOther)
        #expect(try await staff.post("\(url)/draw/request", ConventionDrawTests.announcement).status == .seeOther)
        #expect(try await ConventionDrawTests.worker(site).processNext())
        try ConventionDrawTests.wait(site, days: 13)
        try await staff.signIn("secretariat@cese-fr.example")
        #expect(try await staff.post("\(url)/draw/pick", [("seed", "4 17 23 38 45")]).status == .seeOther)
        return (url, ConventionTests.conventionID(url), work.id)
    }

    /// An account for the volunteer `reference` (their address at the polling institute), with the demo password.
    static func account(_ site: Site, for reference: String, verified: Bool) async throws {
        let hash = try #require(try await site.accounts.find(email: "citoyen@hemicycle.example")?.passwordHash)
        _ = try await site.accounts.create(email: "\(reference)@example.org", passwordHash: hash, displayName: "Membre \(reference)",
                                           language: .fr, verified: verified, now: site.clock.now())
    }

    static func proposalURL(_ response: TestResponse) throws -> String {
        try #require(response.location?.components(separatedBy: "?").first)
    }

    @Test(arguments: TestDatabase.kinds)
    func theConventionSitsVotesAndReportsToTheCouncil(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            let (url, id, workID) = try await Self.drawnConvention(site, staff)
            let conventions = ConventionRepository(database: site.database), sittings = ConventionSittingRepository(database: site.database)
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let panel = try await ConventionDrawRepository(database: site.database).panel(conventionID: id).map(\.reference)
            #expect(panel.count == 10)
            let pool = (1...26).map { "v\($0)" }
            let outsider = try #require(pool.first { !panel.contains($0) })
            // Six seated members sign in with the address they gave; one more has not verified it; one volunteer was not drawn.
            for reference in panel[0..<6] { try await Self.account(site, for: reference, verified: true) }
            try await Self.account(site, for: panel[6], verified: false)
            try await Self.account(site, for: outsider, verified: true)
            var members: [Visitor] = []
            for reference in panel[0..<6] {
                let member = Visitor(client, acceptLanguage: "fr")
                try await member.signIn("\(reference)@example.org")
                members.append(member)
            }
            let unverified = Visitor(client), notDrawn = Visitor(client), citizen = Visitor(client), otherStaff = Visitor(client)
            try await unverified.signIn("\(panel[6])@example.org")
            try await notDrawn.signIn("\(outsider)@example.org")
            try await citizen.signIn("citoyen@hemicycle.example")
            try await otherStaff.signIn("secretariat@cese-ma.example")
            let visitor = Visitor(client)
            _ = try await visitor.get("/")

            // Sessions: only the secretariat plans them; a bad date changes nothing; the first one opens the sittings.
            #expect(try await Visitor(client).get("\(url)/sessions").status == .ok)
            #expect(try await staff.get(url).text.contains("\(url)/sessions"))
            let session = [("title", "Auditions et débats"), ("starts_at", "2026-12-18T09:00"), ("ends_at", "2026-12-20T17:00"),
                           ("place", "Palais d’Iéna, Paris"), ("programme", "Vendredi : auditions.\nSamedi : travail en groupes.\nDimanche : votes.")]
            #expect(try await visitor.post("\(url)/sessions", session).status == .unauthorized)
            for someone in [citizen, otherStaff, members[0]] { #expect(try await someone.post("\(url)/sessions", session).status == .forbidden) }
            let badDates = try await staff.post("\(url)/sessions", session.map { $0.0 == "ends_at" ? ($0.0, "2026-12-17T09:00") : $0 })
            #expect(badDates.status == .unprocessableContent && badDates.text.contains("la fin vient après le début"))
            #expect(badDates.text.contains("Palais d’Iéna, Paris"))
            #expect(try await sittings.sessions(conventionID: id).isEmpty)
            #expect(try await conventions.find(id: id, councilID: france.id)?.status == "drawn")
            let created = try await staff.post("\(url)/sessions", session)
            #expect(created.status == .seeOther && created.location?.hasSuffix("#session-1") == true)
            #expect(try await conventions.find(id: id, councilID: france.id)?.status == "sitting")
            let sessionID = try #require(try await sittings.sessions(conventionID: id).first?.id)

            // Proposals: written and amended by the secretariat for the working groups; drafts seen by staff and panel only.
            let mj = [("session", "\(sessionID)"), ("title", "Un droit à l’aide active à mourir"), ("body", "La convention propose…"),
                      ("drafted_by", "Groupe de travail 1"), ("method", "majority_judgment"), ("adoption_grade", "3")]
            let yesNo = [("session", "\(sessionID)"), ("title", "Un plan pour les soins palliatifs"), ("body", "Dix ans de moyens."),
                         ("drafted_by", "Groupe de travail 2"), ("method", "yes_no"), ("threshold", "two_thirds")]
            #expect(try await members[0].post("\(url)/proposals", mj).status == .forbidden)
            #expect(try await staff.post("\(url)/proposals", mj.map { $0.0 == "adoption_grade" ? ($0.0, "9") : $0 }).status == .unprocessableContent)
            #expect(try await staff.post("\(url)/proposals", mj.map { $0.0 == "session" ? ($0.0, "999999") : $0 }).status == .unprocessableContent)
            #expect(try await sittings.proposals(conventionID: id).isEmpty)
            let first = try Self.proposalURL(try await staff.post("\(url)/proposals", mj))
            let second = try Self.proposalURL(try await staff.post("\(url)/proposals", yesNo))
            #expect(try await Visitor(client).get(first).status == .notFound)
            #expect(try await citizen.get(first).status == .notFound)
            #expect(try await members[0].get(first).status == .ok)
            #expect(try await members[0].post("\(first)/ballot", [("grade", "0")]).status == .conflict)
            let amended = try await staff.post("\(first)/amend", mj.map { $0.0 == "body" ? ($0.0, "La convention propose, sous conditions…") : $0 })
            #expect(amended.status == .seeOther)
            #expect(try await staff.get(first).text.contains("sous conditions"))

            // Votes open: the text is fixed; only seated members vote, and may change their ballot until the vote closes.
            for proposal in [first, second] {
                #expect(try await members[0].post("\(proposal)/open", []).status == .forbidden)
                #expect(try await staff.post("\(proposal)/open", []).status == .seeOther)
            }
            #expect(try await staff.post("\(first)/amend", mj).status == .conflict)
            #expect(try await staff.post("\(url)/report", [("introduction", "Trop tôt.")]).status == .conflict)
            let ballotPage = try await members[0].get(first).text
            #expect(ballotPage.contains("name=\"grade\"") && ballotPage.contains("Assez bien"))
            #expect(!(try await citizen.get(first).text.contains("name=\"grade\"")))
            #expect(try await visitor.post("\(first)/ballot", [("grade", "0")]).status == .unauthorized)
            for someone in [unverified, notDrawn, citizen, otherStaff, staff] {
                #expect(try await someone.post("\(first)/ballot", [("grade", "0")]).status == .forbidden)
            }
            #expect(try await members[0].post("\(first)/ballot", [("grade", "9")]).status == .unprocessableContent)
            #expect(try await members[0].post("\(first)/ballot", [("choice", "yes")]).status == .unprocessableContent)
            // Grades 0, 1, 1, 2, 2, 3 from six of ten seated members (the other four count as "to reject"): "acceptable".
            #expect(try await members[0].post("\(first)/ballot", [("grade", "5")]).status == .seeOther)
            for (member, grade) in zip(members, [0, 1, 1, 2, 2, 3]) {
                #expect(try await member.post("\(first)/ballot", [("grade", "\(grade)")]).status == .seeOther)
            }
            #expect(try await members[0].get(first).text.contains("Votre vote enregistré : Excellent."))
            // Three yes, two no, one abstention: two thirds of six is four.
            for (member, choice) in zip(members, ["yes", "yes", "yes", "no", "no", "abstain"]) {
                #expect(try await member.post("\(second)/ballot", [("choice", choice)]).status == .seeOther)
            }
            let open = try await Visitor(client).get(second).text
            #expect(open.contains("6 membres sur 10 ont voté.") && !open.contains("id=\"result\""))

            // Closing publishes the result; nothing changes it after.
            #expect(try await members[0].post("\(first)/close", []).status == .forbidden)
            for proposal in [first, second] { #expect(try await staff.post("\(proposal)/close", []).status == .seeOther) }
            #expect(try await members[0].post("\(first)/ballot", [("grade", "5")]).status == .conflict)
            let closed = try await sittings.proposals(conventionID: id)
            #expect(closed.map(\.adopted) == [true, false] && closed.allSatisfy { $0.membersAtClose == 10 && $0.status == "closed" })
            let result = try await Visitor(client).get(first).text
            #expect(result.contains("Adoptée : mention majoritaire « Assez bien » ; il fallait « Assez bien » ou mieux.") && result.contains("merit-chart"))
            let rejected = try await Visitor(client, acceptLanguage: "en").get(second).text
            #expect(rejected.contains("Not adopted: 3 yes votes of 6; 4 were needed.") && rejected.contains("vote-chart"))

            // The minority position, recorded by the secretariat beside the result.
            let minority = [("held_by", "Huit membres de la convention"), ("position", "Nous refusons toute aide active à mourir.")]
            #expect(try await members[3].post("\(first)/minority", minority).status == .forbidden)
            #expect(try await staff.post("\(first)/minority", minority).status == .seeOther)
            #expect(try await Visitor(client).get(first).text.contains("Nous refusons toute aide active à mourir."))

            // The report: previewed by the secretariat, then published and delivered to the linked work item.
            #expect(try await Visitor(client).get("\(url)/report").status == .notFound)
            #expect(try await staff.get("\(url)/report").text.contains("Aperçu"))
            #expect(try await members[0].post("\(url)/report", [("introduction", "Rapport.")]).status == .forbidden)
            #expect(try await staff.post("\(url)/report", [("introduction", "  ")]).status == .unprocessableContent)
            let published = try await staff.post("\(url)/report", [("introduction", "Après trois sessions, la convention remet son rapport.")])
            #expect(published.status == .seeOther)
            #expect(try await conventions.find(id: id, councilID: france.id)?.status == "reported")
            let report = try await Visitor(client, acceptLanguage: "ar").get("\(url)/report")
            #expect(report.status == .ok && report.text.contains("Un droit à l’aide active à mourir") && report.text.contains("Nous refusons"))
            #expect(report.text.contains("merit-chart") && report.text.contains("المقترحات المعتمدة"))
            let contribution = try #require(try await WorkRepository(database: site.database).contributions(workID: workID).last)
            #expect(contribution.authorKind == "convention" && contribution.body.contains("\(url)/report"))
            #expect(try await staff.get("/cese-fr/works/\(workID)").text.contains("Après trois sessions"))
            // Its work is over: no more sessions, votes or changes.
            #expect(try await staff.post("\(url)/sessions", session).status == .conflict)
            #expect(try await staff.post("\(url)/report", [("introduction", "Encore.")]).status == .conflict)
            #expect(try await staff.post("\(first)/minority", minority).status == .conflict)
        }
    }
}
