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

            // The API: the session, the proposals with their results and the minority position, the report.
            let api = try await Visitor(client).get("/api/v1/cese-fr/conventions/\(id)/sessions")
            #expect(api.status == .ok)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(api.text.utf8)) as? [String: Any])
            let proposals = try #require(json["proposals"] as? [[String: Any]])
            #expect(proposals.count == 2 && (json["sessions"] as? [Any])?.count == 1 && json["report"] is [String: Any])
            let judged = try #require((proposals[0]["result"] as? [String: Any])?["majorityJudgment"] as? [String: Any])
            #expect(judged["majorityGrade"] as? String == "acceptable" && judged["notVoting"] as? Int == 4)
            #expect(((proposals[1]["result"] as? [String: Any])?["yesNo"] as? [String: Any])?["required"] as? Int == 4)
            #expect((proposals[0]["minority"] as? [String: Any])?["position"] as? String == "Nous refusons toute aide active à mourir.")

            // The volunteers' personal data, erased by the secretariat once the report is published: the report, the
            // draw's files and the panel's references stay public.
            #expect(try await staff.get("\(url)/report").text.contains("\(url)/erase"))
            #expect(!(try await members[0].get("\(url)/report").text.contains("\(url)/erase")))
            #expect(try await visitor.post("\(url)/erase", []).status == .unauthorized)
            for someone in [citizen, otherStaff, members[0]] { #expect(try await someone.post("\(url)/erase", []).status == .forbidden) }
            #expect(try await conventions.volunteerCount(conventionID: id) == 26)
            let told = { try await site.outbox.pending().filter { $0.subject.hasPrefix("Résultat du tirage au sort") }.count }
            #expect(try await told() == 10)
            #expect(try await staff.post("\(url)/erase", []).status == .seeOther)
            #expect(try await conventions.volunteerCount(conventionID: id) == 0)
            // The messages that tied an address to a reference go with them.
            #expect(try await told() == 0)
            #expect(try await conventions.find(id: id, councilID: france.id)?.status == "closed")
            #expect(try await ConventionDrawRepository(database: site.database).panel(conventionID: id).map(\.reference) == panel)
            let kept = try await Visitor(client).get("\(url)/report")
            #expect(kept.status == .ok && kept.text.contains("Nous refusons") && kept.text.contains("id=\"erased\""))
            #expect(try await Visitor(client).get("\(url)/draw").text.contains(panel[0]))
            #expect(try await Visitor(client).get("\(url)/draw/proof.zip").status == .ok)
            #expect(try await staff.post("\(url)/erase", []).status == .conflict)
        }
    }

    /// A member who declines their seat while a vote is open takes their ballot with them: the seat is counted once.
    @Test(arguments: TestDatabase.kinds)
    func aMemberWhoDeclinesDuringAVoteTakesTheirBallotWithThem(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            let (url, id, _) = try await Self.drawnConvention(site, staff)
            let sittings = ConventionSittingRepository(database: site.database)
            let panel = try await ConventionDrawRepository(database: site.database).panel(conventionID: id).map(\.reference)
            try await Self.account(site, for: panel[0], verified: true)
            let member = Visitor(client)
            try await member.signIn("\(panel[0])@example.org")
            #expect(try await staff.post("\(url)/sessions", [("title", "Session"), ("starts_at", "2026-12-18T09:00"),
                                                             ("ends_at", "2026-12-18T17:00"), ("place", "Paris"), ("programme", "Votes.")]).status == .seeOther)
            let sessionID = try #require(try await sittings.sessions(conventionID: id).first?.id)
            let proposal = try Self.proposalURL(try await staff.post("\(url)/proposals", [
                ("session", "\(sessionID)"), ("title", "Une proposition"), ("body", "Texte."), ("drafted_by", "Groupe 1"), ("method", "yes_no"),
                ("threshold", "simple")]))
            #expect(try await staff.post("\(proposal)/open", []).status == .seeOther)
            #expect(try await member.post("\(proposal)/ballot", [("choice", "yes")]).status == .seeOther)
            let proposalID = try #require(try await sittings.proposals(conventionID: id).first?.id)
            #expect(try await sittings.ballots(proposalID: proposalID).count == 1)
            #expect(try await staff.post("\(url)/draw/refusals", [("reference", panel[0])]).status == .seeOther)
            #expect(try await sittings.ballots(proposalID: proposalID).isEmpty)
            #expect(try await member.post("\(proposal)/ballot", [("choice", "yes")]).status == .forbidden)
            #expect(try await staff.post("\(proposal)/close", []).status == .seeOther)
            let closed = try #require(try await sittings.proposals(conventionID: id).first)
            #expect(closed.membersAtClose == 9 && closed.adopted == false)
        }
    }

    /// A session's documents and hearings, and the working groups: kept by the secretariat while the convention sits,
    /// read by anyone.
    @Test(arguments: TestDatabase.kinds)
    func aSessionsDocumentsHearingsAndTheWorkingGroupsAreKeptByTheSecretariat(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            let (url, id, _) = try await Self.drawnConvention(site, staff)
            #expect(try await staff.post("\(url)/sessions", [("title", "Auditions"), ("starts_at", "2026-12-18T09:00"),
                                                             ("ends_at", "2026-12-18T17:00"), ("place", "Paris"), ("programme", "")]).status == .seeOther)
            let session = try #require(try await ConventionSittingRepository(database: site.database).sessions(conventionID: id).first)
            let path = "\(url)/sessions/\(session.id)/documents"
            let citizen = Visitor(client), otherStaff = Visitor(client)
            try await citizen.signIn("citoyen@hemicycle.example")
            try await otherStaff.signIn("secretariat@cese-ma.example")
            #expect(try await Visitor(client).postFile(path, fileName: "a.pdf", content: AttachmentTests.pdf).status == .unauthorized)
            for someone in [citizen, otherStaff] {
                #expect(try await someone.postFile(path, fileName: "a.pdf", content: AttachmentTests.pdf).status == .forbidden)
            }
            #expect(try await staff.postFile("\(url)/sessions/999999/documents", fileName: "a.pdf", content: AttachmentTests.pdf).status == .notFound)
            #expect(try await staff.postFile(path, fileName: "page.pdf", content: Array("<html></html>".utf8)).status == .unsupportedMediaType)
            let sent = try await staff.postFile(path, fields: [("title", "Le climat en dix chiffres")], fileName: "chiffres.pdf",
                                                content: AttachmentTests.pdf)
            #expect(sent.status == .seeOther && sent.location?.hasSuffix("#session-1") == true)
            let attachments = AttachmentRepository(database: site.database)
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let document = try #require(try await attachments.all(councilID: france.id, ownerKind: "convention_session", ownerID: session.id).first)
            let page = try await Visitor(client, acceptLanguage: "ar").get("\(url)/sessions")
            #expect(page.text.contains("Le climat en dix chiffres") && page.text.contains("\(url)/documents/\(document.id)"))
            #expect(!page.text.contains("/documents/\(document.id)/delete"))
            let file = try await Visitor(client).get("\(url)/documents/\(document.id)")
            #expect(file.status == .ok && Array(file.body.readableBytesView) == AttachmentTests.pdf)
            // Another council's address for it finds nothing.
            #expect(try await Visitor(client).get("/cese-ma/conventions/\(id)/documents/\(document.id)").status == .notFound)
            #expect(try await citizen.post("\(url)/documents/\(document.id)/delete", []).status == .forbidden)
            #expect(try await staff.post("\(url)/documents/\(document.id)/delete", []).status == .seeOther)
            #expect(try await Visitor(client).get("\(url)/documents/\(document.id)").status == .notFound)

            // Working groups and the session's hearings, kept by the secretariat; "drafted by" offers the groups' names.
            let hearing = [("person", "Valérie Masson-Delmotte"), ("capacity", "climatologue"), ("topic", "Le climat et ses causes")]
            for someone in [citizen, otherStaff] {
                #expect(try await someone.post("\(url)/groups", [("name", "Se loger"), ("remit", "Le logement.")]).status == .forbidden)
                #expect(try await someone.post("\(url)/sessions/\(session.id)/hearings", hearing).status == .forbidden)
            }
            #expect(try await staff.post("\(url)/groups", [("name", " "), ("remit", "")]).status == .unprocessableContent)
            #expect(try await staff.post("\(url)/groups", [("name", "Se loger"), ("remit", "Le logement et sa rénovation.")]).status == .seeOther)
            #expect(try await staff.post("\(url)/groups", [("name", "Se loger"), ("remit", "")]).status == .conflict)
            #expect(try await staff.post("\(url)/groups", [("name", "Se déplacer"), ("remit", "")]).status == .seeOther)
            #expect(try await staff.post("\(url)/sessions/\(session.id)/hearings", hearing.map { $0.0 == "capacity" ? ($0.0, "") : $0 }).status
                    == .unprocessableContent)
            #expect(try await staff.post("\(url)/sessions/999999/hearings", hearing).status == .notFound)
            #expect(try await staff.post("\(url)/sessions/\(session.id)/hearings", hearing).status == .seeOther)
            let sessionsPage = try await Visitor(client).get("\(url)/sessions").text
            #expect(sessionsPage.contains("Se loger") && sessionsPage.contains("Le logement et sa rénovation."))
            #expect(sessionsPage.contains("Valérie Masson-Delmotte, climatologue : Le climat et ses causes"))
            #expect(!sessionsPage.contains("/groups/") && !sessionsPage.contains("/hearings/"))
            let groups = try await ConventionGroupRepository(database: site.database).groups(conventionID: id)
            #expect(try await staff.get("\(url)/sessions").text.contains("<option value=\"Se déplacer\">"))
            #expect(try await citizen.post("\(url)/groups/\(groups[1].id)/delete", []).status == .forbidden)
            #expect(try await staff.post("\(url)/groups/\(groups[1].id)/delete", []).status == .seeOther)
            #expect(try await ConventionGroupRepository(database: site.database).groups(conventionID: id).map(\.name) == ["Se loger"])
            let heard = try #require(try await ConventionGroupRepository(database: site.database).hearings(conventionID: id).first)
            #expect(try await citizen.post("\(url)/hearings/\(heard.id)/delete", []).status == .forbidden)
            #expect(try await staff.post("\(url)/hearings/\(heard.id)/delete", []).status == .seeOther)
            #expect(try await ConventionGroupRepository(database: site.database).hearings(conventionID: id).isEmpty)

            // A document recorded or removed after the convention stopped sitting (an upload that outlasted the right)
            // is refused by the transaction itself, not only by the route.
            let kept = try await staff.postFile(path, fileName: "b.pdf", content: AttachmentTests.pdf)
            #expect(kept.status == .seeOther)
            let second = try #require(try await attachments.all(councilID: france.id, ownerKind: "convention_session", ownerID: session.id).first)
            let check = AttachmentOwnerCheck.conventionSession(conventionID: id, councilID: france.id)
            await #expect(throws: StoreError.notFound) {
                try await attachments.attach(councilID: france.id, ownerKind: "convention_session", ownerID: 999_999, digest: second.digest,
                                             mediaType: second.mediaType, size: second.size, fileName: "c.pdf", title: "c", accountID: nil,
                                             check: check, at: 0)
            }
            try await ConventionRepository(database: site.database).move(id: id, councilID: france.id, from: "sitting", to: "reported")
            await #expect(throws: StoreError.stateChanged) {
                try await attachments.attach(councilID: france.id, ownerKind: "convention_session", ownerID: session.id, digest: second.digest,
                                             mediaType: second.mediaType, size: second.size, fileName: "c.pdf", title: "c", accountID: nil,
                                             check: check, at: 0)
            }
            await #expect(throws: StoreError.stateChanged) { try await attachments.remove(id: second.id, councilID: france.id, check: check) }
            #expect(try await staff.post("\(url)/documents/\(second.id)/delete", []).status == .conflict)
            #expect(try await attachments.all(councilID: france.id, ownerKind: "convention_session", ownerID: session.id).count == 1)
        }
    }

    /// Statements and the opinion map: members and the secretariat put statements, seated members vote on them in
    /// secret, and the map of where they stand is public.
    @Test(arguments: TestDatabase.kinds)
    func membersVoteOnStatementsAndTheMapShowsWhereTheyStand(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            let (url, id, _) = try await Self.drawnConvention(site, staff)
            let panel = try await ConventionDrawRepository(database: site.database).panel(conventionID: id).map(\.reference)
            var members: [Visitor] = []
            for reference in panel[0..<7] {
                try await Self.account(site, for: reference, verified: true)
                let member = Visitor(client, acceptLanguage: "fr")
                try await member.signIn("\(reference)@example.org")
                members.append(member)
            }
            let citizen = Visitor(client), otherStaff = Visitor(client)
            try await citizen.signIn("citoyen@hemicycle.example")
            try await otherStaff.signIn("secretariat@cese-ma.example")
            let statement = [("text", "Il faut taxer le kérosène.")]
            // Only while the convention sits.
            #expect(try await staff.post("\(url)/statements", statement).status == .conflict)
            #expect(try await staff.post("\(url)/sessions", [("title", "Session"), ("starts_at", "2026-12-18T09:00"),
                                                             ("ends_at", "2026-12-18T17:00"), ("place", "Paris"), ("programme", "")]).status == .seeOther)
            #expect(try await Visitor(client).post("\(url)/statements", statement).status == .unauthorized)
            for someone in [citizen, otherStaff] { #expect(try await someone.post("\(url)/statements", statement).status == .forbidden) }
            #expect(try await staff.post("\(url)/statements", [("text", "  ")]).status == .unprocessableContent)
            #expect(try await staff.post("\(url)/statements", [("text", String(repeating: "a", count: 301))]).status == .unprocessableContent)
            #expect(try await staff.post("\(url)/statements", statement).status == .seeOther)
            #expect(try await members[0].post("\(url)/statements", [("text", "Le train doit coûter moins cher que l’avion.")]).status == .seeOther)
            #expect(try await staff.post("\(url)/statements", [("text", "Hors sujet.")]).status == .seeOther)
            let repository = ConventionStatementRepository(database: site.database)
            let statements = try await repository.statements(conventionID: id)
            #expect(statements.map(\.number) == [1, 2, 3] && statements[0].panelId == nil && statements[1].panelId != nil)
            let waiting = try await Visitor(client).get("\(url)/statements").text
            #expect(waiting.contains("La carte apparaîtra") && !waiting.contains("opinion-map"))

            // Seated members vote; nobody else does, and a vote outside the three choices is refused.
            for someone in [citizen, otherStaff, staff] {
                #expect(try await someone.post("\(url)/statements/\(statements[0].id)/vote", [("vote", "1")]).status == .forbidden)
            }
            #expect(try await members[0].post("\(url)/statements/\(statements[0].id)/vote", [("vote", "2")]).status == .unprocessableContent)
            #expect(try await citizen.post("\(url)/statements/\(statements[2].id)/hide", []).status == .forbidden)
            #expect(try await staff.post("\(url)/statements/\(statements[2].id)/hide", []).status == .seeOther)
            #expect(try await members[0].post("\(url)/statements/\(statements[2].id)/vote", [("vote", "1")]).status == .notFound)
            // Six members vote; the map waits for a seventh, so that no figure tells how one person voted.
            let patterns = [["1", "1"], ["1", "-1"], ["-1", "1"], ["0", "1"], ["1", "1"], ["-1", "-1"], ["1", "0"]]
            for (member, votes) in zip(members, patterns).prefix(6) {
                for (statement, vote) in zip(statements, votes) {
                    #expect(try await member.post("\(url)/statements/\(statement.id)/vote", [("vote", vote)]).status == .seeOther)
                }
            }
            #expect(!(try await Visitor(client).get("\(url)/statements").text.contains("opinion-map")))
            for (statement, vote) in zip(statements, patterns[6]) {
                #expect(try await members[6].post("\(url)/statements/\(statement.id)/vote", [("vote", vote)]).status == .seeOther)
            }
            // Voted again, the vote replaces the earlier one.
            #expect(try await members[0].post("\(url)/statements/\(statements[0].id)/vote", [("vote", "-1")]).status == .seeOther)
            let votes = try await repository.votes(conventionID: id)
            #expect(votes.count == 14 && votes.filter { $0.vote == -1 }.count == 5)
            let mine = try await members[0].get("\(url)/statements").text
            #expect(mine.contains("Votre vote : Pas d&#39;accord") || mine.contains("Votre vote : Pas d’accord") || mine.contains("Votre vote : Pas d'accord"))
            let map = try await Visitor(client, acceptLanguage: "ar").get("\(url)/statements")
            #expect(map.status == .ok && map.text.contains("opinion-map") && map.text.contains("<svg"))
            #expect(map.text.contains("خريطة آراء الأعضاء") && !map.text.contains("Hors sujet."))
            #expect(try await Visitor(client, acceptLanguage: "fr").get("\(url)/statements").text.contains("7 membres ont voté sur les affirmations."))
            #expect(!map.text.contains("/vote\"") && !map.text.contains("/hide\""))
            #expect(try await Visitor(client).get("\(url)/sessions").text.contains("\(url)/statements"))
        }
    }
}
