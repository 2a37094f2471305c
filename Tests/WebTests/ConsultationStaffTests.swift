import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Logging
import Storage
import Testing
import TestSupport
@testable import Web

/// What the council's secretariat does with consultations, and what nobody else may do: create, edit, publish,
/// write seed statements, moderate, import; drafts stay out of sight; the data goes out and comes back unchanged.
@Suite struct ConsultationStaffTests {
    static let definition: [(String, String)] = [
        ("title_fr", "Consultation d’essai"), ("languages", "fr"), ("languages", "ar"), ("modules", "statements"), ("participation", "anyone"),
        ("moderation", "before"), ("opens_at", "2026-11-29T10:00"), ("closes_at", "2026-12-31T10:00"),
    ]

    @Test(arguments: TestDatabase.kinds)
    func onlyTheSecretariatActsAndDraftsStayHidden(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            let created = try await staff.post("/cese-fr/consultations", Self.definition)
            #expect(created.status == .seeOther)
            let url = try #require(created.location?.components(separatedBy: "?").first)
            let (published, publishedURL) = try await ConsultationTests.consultation(site, "cese-fr")
            let statement = try #require(try await ConsultationStatementRepository(database: site.database).statements(consultationID: published.id).first)
            let citizen = Visitor(client), otherStaff = Visitor(client), visitor = Visitor(client)
            try await citizen.signIn("citoyen@hemicycle.example")
            try await otherStaff.signIn("secretariat@cese-ma.example")
            for (someone, refusal) in [(visitor, HTTPResponse.Status.unauthorized), (citizen, .forbidden), (otherStaff, .forbidden)] {
                #expect(try await someone.post("/cese-fr/consultations", Self.definition).status == refusal)
                #expect(try await someone.post("\(publishedURL)/edit", Self.definition).status == refusal)
                #expect(try await someone.post("\(publishedURL)/statements", [("seed", "1"), ("text", "Une affirmation du conseil ?")]).status == refusal)
                #expect(try await someone.post("\(publishedURL)/statements/\(statement.id)/moderate", [("decision", "reject"), ("reason", "x")]).status == refusal)
                #expect(try await someone.get("\(publishedURL)/moderation").status == refusal)
                #expect(try await someone.post("/cese-fr/consultations/import", []).status == refusal)
                // The draft is not theirs to see, in any form.
                for path in ["", "/map", "/export", "/export/votes.csv", "/edit"] {
                    #expect(try await someone.get(url + path).status == .notFound, "\(url + path)")
                }
                #expect(try await someone.post("\(url)/publish", []).status == .notFound)
                #expect(try await someone.get("/api/v1\(url)").status == .notFound)
                #expect(!(try await someone.get("/api/v1/cese-fr/consultations").text.contains("Consultation d’essai")))
            }
            #expect(try await ConsultationStatementRepository(database: site.database).statements(consultationID: published.id).first?.moderation == 1)
            // Bad input: the dates, the choices.
            var reversed = Self.definition
            reversed[6] = ("opens_at", "2027-01-31T10:00")
            let refused = try await staff.post("/cese-fr/consultations", reversed)
            #expect(refused.status == .unprocessableContent && refused.text.contains("Indiquez une ouverture antérieure à la clôture"))
            #expect(try await staff.post("/cese-fr/consultations", Self.definition.filter { $0.0 != "modules" }).status == .unprocessableContent)
            #expect(try await staff.post("/cese-fr/consultations", Self.definition + [("participation", "everyone")]).status == .unprocessableContent)
            // The secretariat seeds, publishes; then anyone sees it and the second publication is a conflict.
            #expect(try await staff.post("\(url)/statements", [("seed", "1"), ("text", "  Une affirmation  de départ. ")]).status == .seeOther)
            #expect(try await staff.post("\(url)/publish", []).status == .seeOther)
            #expect(try await staff.post("\(url)/publish", []).status == .conflict)
            let page = try await Visitor(client, acceptLanguage: "fr").get(url)
            #expect(page.status == .ok && page.text.contains("Une affirmation de départ."))
            #expect(try await Visitor(client).get("/api/v1\(url)").status == .ok)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func moderatorsDecideWithAReasonThatIsKept(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let (record, url) = try await ConsultationTests.consultation(site, "cese-fr")
            let statements = ConsultationStatementRepository(database: site.database)
            let writer = Visitor(client, acceptLanguage: "fr")
            let stamp = try #require(ConsultationTests.stamp(try await writer.get(url).text))
            // Robots: the form sent back at once, the hidden field filled in, a time the site did not sign.
            let fast = try await writer.post("\(url)/statements", [("text", "Trop vite"), ("rendered_at", stamp), ("website", "")])
            #expect(fast.status == .unprocessableContent && fast.text.contains("Trop vite"))
            try #require(site.clock as? TestClock).advance(by: 5)
            #expect(try await writer.post("\(url)/statements", [("text", "Spam"), ("rendered_at", stamp), ("website", "http://x")]).status
                    == .unprocessableContent)
            let forged = "\(Int(site.clock.now().timeIntervalSince1970) - 60).AAAA"
            #expect(try await writer.post("\(url)/statements", [("text", "Spam"), ("rendered_at", forged), ("website", "")]).status == .unprocessableContent)
            let otherConsultation = stamp.replacingOccurrences(of: ".", with: "0.")
            #expect(try await writer.post("\(url)/statements", [("text", "Spam"), ("rendered_at", otherConsultation)]).status == .unprocessableContent)
            #expect(try await writer.post("\(url)/statements", [("text", String(repeating: "a", count: 281)), ("rendered_at", stamp)]).status
                    == .unprocessableContent)
            #expect(try await statements.statements(consultationID: record.id).count == 6)
            for text in ["Les jeunes doivent être au cœur de la Francophonie.", "Hors sujet total."] {
                #expect(try await writer.post("\(url)/statements", [("text", text), ("rendered_at", stamp), ("website", "")]).status == .seeOther)
            }
            let written = try await statements.statements(consultationID: record.id).suffix(2)
            #expect(written.allSatisfy { $0.moderation == 0 })
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            let queue = try await staff.get("\(url)/moderation").text
            #expect(queue.contains("Les jeunes doivent être au cœur") && queue.contains("Hors sujet total."))
            let (keep, drop) = (written.first!, written.last!)
            #expect(try await staff.post("\(url)/statements/\(drop.id)/moderate", [("decision", "reject")]).status == .unprocessableContent)
            #expect(try await staff.post("\(url)/statements/\(drop.id)/moderate", [("decision", "maybe")]).status == .unprocessableContent)
            #expect(try await staff.post("\(url)/statements/\(drop.id)/moderate", [("decision", "reject"), ("reason", "Sans rapport avec la consultation.")])
                .status == .seeOther)
            #expect(try await staff.post("\(url)/statements/\(keep.id)/moderate", [("decision", "accept")]).status == .seeOther)
            let after = try await statements.statements(consultationID: record.id)
            #expect(after.first { $0.id == drop.id }?.moderation == -1)
            #expect(after.first { $0.id == drop.id }?.moderationReason == "Sans rapport avec la consultation.")
            #expect(after.first { $0.id == keep.id }?.moderation == 1)
            let map = try await Visitor(client).get("\(url)/map").text
            #expect(map.contains("Les jeunes doivent être au cœur") && !map.contains("Hors sujet total."))
            // The rejected statement keeps its row in the export, marked as Polis marks it, without its text.
            let comments = try await Visitor(client).get("\(url)/export/comments.csv").text
            #expect(comments.contains(",0,0,-1,\n") && !comments.contains("Hors sujet total.") && comments.contains("Les jeunes doivent être"))
            // A decision reversed later: the statement keeps the last, the history keeps both, who took them and why.
            try #require(site.clock as? TestClock).advance(by: 60)
            #expect(try await staff.post("\(url)/statements/\(drop.id)/moderate", [("decision", "accept"), ("reason", "Admise après relecture.")])
                .status == .seeOther)
            let history = try await ModerationDecisionRepository(database: site.database)
                .history(councilID: record.councilId, subject: .statement, ids: [drop.id, keep.id])
            let moderator = try #require(try await site.accounts.find(email: "secretariat@cese-fr.example")).displayName
            #expect(history[drop.id]?.map(\.decision) == [.rejected, .accepted])
            #expect(history[drop.id]?.map(\.reason) == ["Sans rapport avec la consultation.", "Admise après relecture."])
            #expect(history[drop.id]?.allSatisfy { $0.moderator == moderator } == true)
            #expect(history[keep.id]?.map(\.decision) == [.accepted] && history[keep.id]?.first?.reason == nil)
            let decided = try await staff.get("\(url)/moderation").text
            let refused = try #require(decided.range(of: "\(moderator) a refusé ce contenu. Motif : Sans rapport avec la consultation."))
            let admitted = try #require(decided.range(of: "\(moderator) a accepté ce contenu. Motif : Admise après relecture."))
            #expect(refused.lowerBound < admitted.lowerBound)
            #expect(decided.contains("\(moderator) a accepté ce contenu.</li>"))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func theExportComesBackUnchangedThroughTheImport(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let (record, url) = try await ConsultationTests.consultation(site, "cese-ma")
            let visitor = Visitor(client)
            var files: [(name: String, text: String)] = []
            for name in ["comments.csv", "votes.csv", "participants-votes.csv", "summary.csv"] {
                let response = try await visitor.get("\(url)/export/\(name)")
                #expect(response.status == .ok && response.headers[.contentType] == "text/csv; charset=utf-8")
                files.append((name, response.text))
            }
            #expect(files[1].text.split(separator: "\n").count - 1 == (try await ConsultationStatementRepository(database: site.database)
                .voteLog(consultationID: record.id).count))
            let json = try await visitor.get("\(url)/export/consultation.json")
            let document = try #require(try JSONSerialization.jsonObject(with: Data(json.text.utf8)) as? [String: Any])
            #expect((document["statements"] as? [Any])?.count == 80 && document["participants"] as? Int == 117)
            #expect(try await visitor.get("\(url)/export/secrets.txt").status == .notFound)
            let staff = Visitor(client)
            try await staff.signIn("secretariat@cese-ma.example")
            let councils = try #require(try await site.councils.find(slug: "cese-ma"))
            let before = try await ConsultationRepository(database: site.database).all(councilID: councils.id, includeDrafts: true).count
            // A file with an error names where it is, and stores nothing.
            let broken = try ZipArchive.make([("comments.csv", "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n1,x,0,,0,0,1,A\n2,x,zz,,0,0,1,B\n"),
                                              ("votes.csv", "timestamp,datetime,comment-id,voter-id,vote\n1,x,0,0,1\n")], modified: Date())
            let refused = try await staff.postFile("/cese-ma/consultations/import", fields: ConsultationStaffTests.definition, fileName: "export.zip",
                                                   content: Array(broken))
            #expect(refused.status == .unprocessableContent && refused.text.contains("comments.csv") && refused.text.contains("3"))
            let notZip = try await staff.postFile("/cese-ma/consultations/import", fields: ConsultationStaffTests.definition, fileName: "votes.csv",
                                                  content: Array(files[1].text.utf8))
            #expect(notZip.status == .unprocessableContent)
            let straying = try ZipArchive.make([(files[0].name, files[0].text), ("votes.csv", "timestamp,datetime,comment-id,voter-id,vote\n1,x,999,0,1\n")],
                                               modified: Date())
            #expect(try await staff.postFile("/cese-ma/consultations/import", fields: ConsultationStaffTests.definition, fileName: "export.zip",
                                             content: Array(straying)).status == .unprocessableContent)
            #expect(try await ConsultationRepository(database: site.database).all(councilID: councils.id, includeDrafts: true).count == before)
            // The whole export, zipped as a folder, makes the same consultation again.
            let archive = try ZipArchive.make(files.map { ("export/\($0.name)", $0.text) }, modified: Date())
            let imported = try await staff.postFile("/cese-ma/consultations/import", fields: ConsultationStaffTests.definition, fileName: "export.zip",
                                                    content: Array(archive))
            #expect(imported.status == .seeOther)
            let copy = try #require(imported.location?.components(separatedBy: "?").first)
            // (participants-votes.csv differs only by its groups: a draft has no map yet.)
            for name in ["comments.csv", "votes.csv"] {
                #expect(try await staff.get("\(copy)/export/\(name)").text == files.first { $0.name == name }?.text, "\(name)")
            }
            // Imported as a draft: nobody else sees it.
            #expect(try await Visitor(client).get(copy).status == .notFound)
        }
    }

    @Test func aConsultationForVerifiedAddressesNeedsOne() async throws {
        try await Harness.run(.sqlite) { site, client in
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            let fields = Self.definition.map { $0.0 == "participation" ? ($0.0, "verified_email") : $0 }
            let url = try #require(try await staff.post("/cese-fr/consultations", fields).location?.components(separatedBy: "?").first)
            #expect(try await staff.post("\(url)/statements", [("seed", "1"), ("text", "Une affirmation.")]).status == .seeOther)
            #expect(try await staff.post("\(url)/publish", []).status == .seeOther)
            let visitor = Visitor(client, acceptLanguage: "fr")
            let page = try await visitor.get(url).text
            #expect(page.contains("connectez-vous avec une adresse électronique vérifiée") && ConsultationTests.next(page) == nil)
            let statement = try #require(try await ConsultationStatementRepository(database: site.database)
                .statements(consultationID: Int64(url.split(separator: "/").last!)!).first)
            #expect(try await visitor.post("\(url)/statements/\(statement.id)/vote", [("vote", "1")]).status == .unauthorized)
            let citizen = Visitor(client)
            try await citizen.signIn("citoyen@hemicycle.example")
            let action = try #require(ConsultationTests.next(try await citizen.get(url).text))
            #expect(try await citizen.post(action, [("vote", "1")]).status == .seeOther)
            // The account is the participant, whatever the browser.
            #expect(citizen.cookies[ParticipantCookie.name] == nil)
            let again = Visitor(client)
            try await again.signIn("citoyen@hemicycle.example")
            #expect(ConsultationTests.next(try await again.get(url).text) == nil)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func oneWorkerHoldsAConsultationUntilItsLeaseEnds(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let (record, _) = try await ConsultationTests.consultation(site, "cese-ma")
            let first = ConsultationTests.worker(site, name: "first"), second = ConsultationTests.worker(site, name: "second")
            #expect(try await first.processAll().contains(record.id))
            let maps = ConsultationMapRepository(database: site.database)
            let stored = try #require(try await maps.snapshot(consultationID: record.id))
            #expect(stored.json.contains("\"participants\":117"))
            // The demo's conversation gives Polis's two groups.
            let snapshot = try MapSnapshot.decode(stored.json)
            #expect(snapshot.groups.count == 2)
            #expect(try await second.processAll().isEmpty)
            #expect(try await !maps.claim(consultationID: record.id, worker: "second", now: site.clock.now().timeIntervalSince1970, until: 0))
            try #require(site.clock as? TestClock).advance(by: 31)
            #expect(try await maps.claim(consultationID: record.id, worker: "second", now: site.clock.now().timeIntervalSince1970,
                                         until: site.clock.now().timeIntervalSince1970 + 30))
            // The first worker lost it: what it computes is not stored.
            #expect(try await !maps.store(consultationID: record.id, snapshot: "{}", throughVote: 0, statementsVersion: 0, worker: "first", at: 0))
        }
    }

    @Test func theWorkShowsTheConsultationsThatInformIt() async throws {
        try await Harness.run(.sqlite) { site, client in
            let (record, url) = try await ConsultationTests.consultation(site, "cese-fr")
            let work = try #require(record.workId)
            let page = try await Visitor(client, acceptLanguage: "fr").get("/cese-fr/works/\(work)").text
            #expect(page.contains("href=\"\(url)\"") && page.contains("Consultations des citoyens"))
        }
    }
}
