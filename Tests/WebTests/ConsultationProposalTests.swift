import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

/// Participants' proposals (supports once each, threaded comments, the council's answers and hidings) and the
/// synthesis that closes a consultation and is annexed to its work.
@Suite struct ConsultationProposalTests {
    /// Posts a participant's form (proposal or comment) with the page's signed time, once a few seconds have passed.
    static func contribute(_ visitor: Visitor, site: Site, page: String, to action: String, _ fields: [(String, String)]) async throws -> TestResponse {
        let stamp = try #require(ConsultationTests.stamp(try await visitor.get(page).text))
        try #require(site.clock as? TestClock).advance(by: 4)
        return try await visitor.post(action, fields + [("rendered_at", stamp), ("website", "")])
    }

    @Test(arguments: TestDatabase.kinds)
    func proposalsAreSupportedOnceDiscussedAndAnswered(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let (record, url) = try await ConsultationTests.consultation(site, "cese-fr")
            let proposals = ConsultationProposalRepository(database: site.database)
            // The demo's three proposals, the most supported first; a search finds by title or text.
            let list = try await Visitor(client, acceptLanguage: "fr").get("\(url)/proposals").text
            #expect(list.contains("3 propositions"))
            let first = try #require(list.range(of: "Un Erasmus francophone")), second = try #require(list.range(of: "Des sous-titres"))
            #expect(first.lowerBound < second.lowerBound)
            let found = try await Visitor(client, acceptLanguage: "fr").get("\(url)/proposals?q=LYC%C3%89E&order=recent").text
            #expect(found.contains("1 proposition") && found.contains("Une journée de la Francophonie"))
            #expect(try await Visitor(client).get("\(url)/proposals?q=%25").status == .ok)

            let citizen = Visitor(client, acceptLanguage: "fr")
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            let created = try await Self.contribute(citizen, site: site, page: "\(url)/proposals", to: "\(url)/proposals",
                                                    [("title", "  Un dictionnaire francophone commun "), ("body", "Réunir les mots de tous les pays.\n\n\n\nEn ligne.")])
            // The consultation is moderated before publication: the proposal waits, unseen, until the secretariat accepts it.
            #expect(created.status == .seeOther && created.location?.contains("notice=consultation_proposal_waiting") == true)
            let waiting = try #require(try await proposals.page(consultationID: record.id, search: "dictionnaire", order: .recent, includeHidden: true,
                                                               limit: 1).proposals.first)
            #expect(waiting.pending)
            let id = waiting.id
            let proposalURL = "\(url)/proposals/\(id)"
            #expect(try await citizen.get(proposalURL).status == .notFound)
            #expect(!(try await citizen.get("\(url)/proposals").text.contains("dictionnaire")))
            #expect(try await citizen.post("\(proposalURL)/support", []).status == .notFound)
            #expect(try await staff.get("\(url)/moderation").text.contains("Un dictionnaire francophone commun"))
            #expect(try await citizen.post("\(proposalURL)/accept", []).status == .unauthorized)
            #expect(try await staff.post("\(proposalURL)/accept", []).status == .seeOther)
            #expect(try await staff.post("\(proposalURL)/accept", []).status == .conflict)
            let stored = try #require(try await proposals.find(id: id, consultationID: record.id))
            #expect(!stored.pending && stored.title == "Un dictionnaire francophone commun" && stored.body == "Réunir les mots de tous les pays.\n\nEn ligne.")
            // Bad input keeps what was typed.
            let empty = try await Self.contribute(citizen, site: site, page: "\(url)/proposals", to: "\(url)/proposals", [("title", " "), ("body", "Texte")])
            #expect(empty.status == .unprocessableContent && empty.text.contains("Donnez à votre proposition un titre"))
            let robot = try await citizen.post("\(url)/proposals", [("title", "Robot"), ("body", "Texte"), ("rendered_at", "1.x")])
            #expect(robot.status == .unprocessableContent && robot.text.contains("Robot"))

            // Supported once, whatever the number of clicks; the count follows.
            for _ in 0..<3 { #expect(try await citizen.post("\(proposalURL)/support", []).status == .seeOther) }
            let other = Visitor(client)
            #expect(try await other.post("\(proposalURL)/support", []).status == .seeOther)
            #expect(try await proposals.find(id: id, consultationID: record.id)?.supports == 2)
            #expect(try await citizen.get(proposalURL).text.contains("Vous la soutenez."))

            // A thread: a comment (accepted by the secretariat), a reply, a reply to another proposal's comment refused.
            let comment = try await Self.contribute(citizen, site: site, page: proposalURL, to: "\(proposalURL)/comments", [("body", "Avec des exemples sonores.")])
            #expect(comment.status == .seeOther)
            let parent = try #require(try await proposals.comments(proposalID: id).first)
            #expect(parent.pending)
            #expect(try await proposals.find(id: id, consultationID: record.id)?.comments == 0)
            #expect(!(try await Visitor(client).get(proposalURL).text.contains("Avec des exemples sonores.")))
            #expect(try await Self.contribute(other, site: site, page: proposalURL, to: "\(proposalURL)/comments?parent=\(parent.id)",
                                              [("body", "Trop tôt.")]).status == .notFound)
            #expect(try await staff.post("\(proposalURL)/accept?comment=\(parent.id)", []).status == .seeOther)
            #expect(try await Self.contribute(other, site: site, page: proposalURL, to: "\(proposalURL)/comments?parent=\(parent.id)",
                                              [("body", "Et des accents régionaux !")]).status == .seeOther)
            let reply = try #require(try await proposals.comments(proposalID: id).last)
            #expect(try await staff.post("\(proposalURL)/accept?comment=\(reply.id)", []).status == .seeOther)
            let demoProposal = try #require(try await proposals.page(consultationID: record.id, search: "Erasmus", order: .recent, includeHidden: false,
                                                                    limit: 1).proposals.first)
            let foreignParent = try #require(try await proposals.comments(proposalID: demoProposal.id).first)
            #expect(try await Self.contribute(other, site: site, page: proposalURL, to: "\(proposalURL)/comments?parent=\(foreignParent.id)",
                                              [("body", "Ailleurs.")]).status == .notFound)
            #expect(try await staff.post("\(proposalURL)/accept?comment=\(foreignParent.id)", []).status == .conflict)
            let thread = try await proposals.comments(proposalID: id)
            #expect(thread.count == 2 && thread[1].parentId == parent.id)
            #expect(try await proposals.find(id: id, consultationID: record.id)?.comments == 2)
            let page = try await Visitor(client).get(proposalURL).text
            #expect(page.contains("class=\"depth-1\"") && page.contains("Et des accents régionaux !"))
            // A key that is not one reads as the first page.
            #expect(try await Visitor(client).get("\(url)/proposals?after=9223372036854775807.x&before=-1").status == .ok)

            // Only the secretariat answers and hides, with a text or a reason.
            let otherStaff = Visitor(client)
            try await otherStaff.signIn("secretariat@cese-ma.example")
            for (someone, refusal) in [(Visitor(client), HTTPResponse.Status.unauthorized), (citizen, .unauthorized), (otherStaff, .forbidden)] {
                #expect(try await someone.post("\(proposalURL)/answer", [("answer", "taken"), ("text", "Oui.")]).status == refusal)
                #expect(try await someone.post("\(proposalURL)/hide", [("reason", "x")]).status == refusal)
            }
            #expect(try await staff.post("\(proposalURL)/answer", [("answer", "maybe"), ("text", "Oui.")]).status == .unprocessableContent)
            #expect(try await staff.post("\(proposalURL)/answer", [("answer", "under_study"), ("text", " ")]).status == .unprocessableContent)
            #expect(try await staff.post("\(proposalURL)/answer", [("answer", "under_study"), ("text", "Nous l’étudions avec l’OIF.")]).status == .seeOther)
            #expect(try await Visitor(client, acceptLanguage: "fr").get(proposalURL).text.contains("À l’étude"))
            #expect(try await staff.post("\(proposalURL)/hide?comment=\(parent.id)", []).status == .unprocessableContent)
            #expect(try await staff.post("\(proposalURL)/hide?comment=\(parent.id)", [("reason", "Hors sujet.")]).status == .seeOther)
            let afterHiding = try await Visitor(client, acceptLanguage: "fr").get(proposalURL).text
            #expect(afterHiding.contains("Un modérateur a masqué ce commentaire : Hors sujet.") && !afterHiding.contains("Avec des exemples sonores."))
            for someone in [Visitor(client, acceptLanguage: "fr"), citizen, otherStaff] {
                let page = try await someone.get(proposalURL)
                #expect(page.status == .ok && page.text.contains("Hors sujet.") && !page.text.contains("Julien Secrétariat"))
            }
            // The hidden comment shows neither the proposal's text in its place nor a button acting on the proposal.
            #expect(afterHiding.components(separatedBy: "Réunir les mots de tous les pays.").count == 2)
            #expect(!(try await staff.get(proposalURL).text.contains("action=\"\(proposalURL)/hide?comment=\(parent.id)\"")))
            #expect(try await proposals.find(id: id, consultationID: record.id)?.comments == 1)
            #expect(try await staff.post("\(proposalURL)/hide", [("reason", "Doublon.")]).status == .seeOther)
            #expect(try await Visitor(client).get(proposalURL).status == .notFound)
            #expect(try await citizen.post("\(proposalURL)/support", []).status == .notFound)
            #expect(try await staff.get(proposalURL).text.contains("Doublon."))
            // Staff read each decision, on the proposal and on its comments, with who took it; nobody else does.
            let staffPage = try await staff.get(proposalURL).text
            #expect(staffPage.contains("Julien Secrétariat a masqué ce contenu. Motif : Doublon."))
            #expect(staffPage.contains("Julien Secrétariat a masqué ce contenu. Motif : Hors sujet."))
            let decisions = try await ModerationDecisionRepository(database: site.database)
                .history(councilID: record.councilId, subject: .comment, ids: [parent.id])
            // The comment was accepted before it was hidden: both decisions are kept, in order.
            #expect(decisions[parent.id]?.map(\.decision) == [.accepted, .hidden] && decisions[parent.id]?.last?.reason == "Hors sujet.")
            #expect(staffPage.contains("Julien Secrétariat a accepté ce contenu."))
            #expect(staffPage.components(separatedBy: "Motif : Doublon.").count == 2)
            // The Moroccan consultation takes no proposals.
            let (_, moroccanURL) = try await ConsultationTests.consultation(site, "cese-ma")
            #expect(try await Visitor(client).get("\(moroccanURL)/proposals").status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func theSynthesisClosesTheConsultationAndIsAnnexedToItsWork(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let (record, url) = try await ConsultationTests.consultation(site, "cese-fr")
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            // Not before the closing.
            #expect(try await staff.get("\(url)/synthesis").status == .conflict)
            #expect(try await staff.post("\(url)/synthesis", [("text_fr", "Trop tôt.")]).status == .conflict)
            let voter = Visitor(client)
            #expect(try await voter.post(try #require(ConsultationTests.next(try await voter.get(url).text)), [("vote", "1")]).status == .seeOther)
            try #require(site.clock as? TestClock).advance(by: 46 * 86_400)
            // (The session signed in before has expired meanwhile.)
            try await staff.signIn("secretariat@cese-fr.example")
            let citizen = Visitor(client)
            try await citizen.signIn("citoyen@hemicycle.example")
            #expect(try await citizen.post("\(url)/synthesis", [("text_fr", "Non.")]).status == .forbidden)
            let form = try await staff.get("\(url)/synthesis").text
            #expect(form.contains("1 participant a voté ; votes exprimés : 1.") && form.contains("3 propositions ont été déposées ; soutiens : 18 ; réponses du conseil : 1."))
            #expect(try await staff.post("\(url)/synthesis", [("text_fr", "  ")]).status == .unprocessableContent)
            #expect(try await staff.post("\(url)/synthesis", [("text_fr", "Les citoyens veulent une Francophonie des jeunes.")]).status == .seeOther)
            #expect(try await staff.post("\(url)/synthesis", [("text_fr", "Encore.")]).status == .conflict)
            let page = try await Visitor(client, acceptLanguage: "fr").get(url).text
            #expect(page.contains("Les citoyens veulent une Francophonie des jeunes.") && page.contains("Synthèse publiée"))
            // Annexed to the avis, figures included; nothing changes any more.
            let contributions = try await site.works.contributions(workID: try #require(record.workId))
            let annexed = try #require(contributions.first { $0.authorKind == "consultation" })
            #expect(annexed.title == "Synthèse de la consultation « La Francophonie et vous »")
            #expect(annexed.body.contains("1 participant a voté") && annexed.body.contains("http://hemicycle.test\(url)"))
            #expect(try await staff.post("\(url)/edit", ConsultationStaffTests.definition).status == .conflict)
            #expect(try await Visitor(client).get("/cese-fr/works/\(record.workId!)").text.contains("Synthèse de la consultation"))
        }
    }
}
