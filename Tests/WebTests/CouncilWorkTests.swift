import CouncilWork
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestRequirements
import TestSupport
@testable import Web

@Suite struct CouncilWorkTests {
    /// The demo's published avis and its avis in preparation.
    static func demoWorks(_ site: Site) async throws -> (published: WorkRecord, preparing: WorkRecord) {
        let france = try #require(try await site.councils.find(slug: "cese-fr"))
        let works = try await site.works.all(councilID: france.id)
        return (try #require(works.first { $0.status == "published" }), try #require(works.first { $0.status == "in_preparation" }))
    }

    @Test(arguments: TestDatabase.kinds)
    func nothingButItsProgressIsPublicBeforePublication(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let (published, preparing) = try await Self.demoWorks(site)
            let anonymous = Visitor(client, acceptLanguage: "fr")
            let list = try await anonymous.get("/cese-fr/works")
            #expect(list.status == .ok)
            // Every work's progress is listed; the one in preparation opens its progress page, not its text.
            #expect(list.text.contains("/cese-fr/works/\(published.id)") && list.text.contains("/cese-fr/works/\(preparing.id)\""))
            let page = try await anonymous.get("/cese-fr/works/\(published.id)")
            #expect(page.status == .ok)
            #expect(page.text.contains("Position divergente") && page.text.contains("Déclarations des groupes"))
            #expect(page.text.contains("<svg"))
            // A visitor, a citizen and another council's secretariat see nothing of the draft; a member does.
            for email in [nil, "citoyen@hemicycle.example", "secretariat@cese-ma.example"] {
                let person = Visitor(client)
                if let email { try await person.signIn(email) }
                let progress = try await person.get("/cese-fr/works/\(preparing.id)")
                #expect(progress.status == .ok && progress.text.contains("/cese-fr/works/\(preparing.id)/follow"))
                #expect(!progress.text.contains("Financer le permis") && !progress.text.contains("id=\"amendments\""))
                for path in ["/cese-fr/works/\(preparing.id)/compare", "/cese-fr/works/\(preparing.id)/akoma-ntoso.xml",
                             "/cese-fr/works/\(preparing.id)/votes.csv", "/api/v1/cese-fr/works/\(preparing.id)"] {
                    #expect(try await person.get(path).status == .notFound, "\(email ?? "visitor") on \(path)")
                }
                let api = try await person.get("/api/v1/cese-fr/works")
                #expect(!api.text.contains("\"in_preparation\""))
            }
            let member = Visitor(client)
            try await member.signIn("membre3@cese-fr.example")
            #expect(try await member.get("/cese-fr/works/\(preparing.id)").status == .ok)
            let all = try await member.get("/api/v1/cese-fr/works")
            #expect(all.text.contains("\"in_preparation\""))
            let onlyPublished = try await member.get("/api/v1/cese-fr/works?status=published")
            #expect(!onlyPublished.text.contains("\"in_preparation\"") && onlyPublished.text.contains("\"published\""))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aMemberVotesOnceAndOnlyForThemself(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let (_, preparing) = try await Self.demoWorks(site)
            let base = "/cese-fr/works/\(preparing.id)"
            let staff = Visitor(client)
            try await staff.signIn("secretariat@cese-fr.example")
            // The plenary votes once the text is on its agenda (set here directly: the steps before are tested elsewhere).
            #expect(try await staff.post("\(base)/ballots", [("body", "plenary")]).status == .conflict)
            try await site.works.move(id: preparing.id, councilID: preparing.councilId, to: "on_plenary_agenda", note: nil, accountID: nil, at: site.clock.now().timeIntervalSince1970)
            #expect(try await staff.post("\(base)/ballots", [("body", "plenary")]).status == .seeOther)
            let ballot = try #require(try await site.ballots.all(workID: preparing.id).last)
            let member = Visitor(client)
            try await member.signIn("membre3@cese-fr.example")
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let other = try #require(try await site.memberships.all(councilID: france.id).first { $0.email == "membre4@cese-fr.example" })
            // A field naming another member is ignored: the vote is the signed-in member's own.
            #expect(try await member.post("\(base)/ballots/\(ballot.id)/vote", [("choice", "for"), ("membership", "\(other.id)")]).status == .seeOther)
            let again = try await member.post("\(base)/ballots/\(ballot.id)/vote", [("choice", "against")])
            #expect(again.status == .conflict)
            let voters = try await site.ballots.voters(ballotID: ballot.id)
            #expect(voters.filter { $0.choice != nil }.count == 1)
            #expect(voters.first { $0.membershipID == other.id }?.choice == nil)
            // Staff do not sit: they are not called to vote. Another council's people cannot even see the ballot.
            #expect(try await staff.post("\(base)/ballots/\(ballot.id)/vote", [("choice", "for")]).status == .forbidden)
            let foreigner = Visitor(client)
            try await foreigner.signIn("membre@cese-ma.example")
            #expect(try await foreigner.post("\(base)/ballots/\(ballot.id)/vote", [("choice", "for")]).status == .notFound)
            // A citizen cannot open or close ballots.
            let citizen = Visitor(client)
            try await citizen.signIn("citoyen@hemicycle.example")
            #expect(try await citizen.post("\(base)/ballots/\(ballot.id)/close", []).status == .notFound)
            #expect(try await member.post("\(base)/ballots/\(ballot.id)/close", []).status == .forbidden)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func fromReferralToPublication(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let staff = Visitor(client), bureau = Visitor(client), rapporteur = Visitor(client), author = Visitor(client), other = Visitor(client)
            try await staff.signIn("secretariat@cese-fr.example")
            try await bureau.signIn("bureau@cese-fr.example")
            try await rapporteur.signIn("membre@cese-fr.example")
            try await author.signIn("membre2@cese-fr.example")
            try await other.signIn("membre6@cese-fr.example")
            // Referral; a bad one keeps what was typed and stores nothing.
            let bad = try await staff.post("/cese-fr/works", [("kind", "avis"), ("source", "petition"), ("procedure", "ordinary"), ("title_fr", "Sans lien")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("Sans lien"))
            let created = try await staff.post("/cese-fr/works", [("kind", "avis"), ("source", "government"), ("procedure", "ordinary"),
                                                                 ("title_fr", "L'eau, bien commun"), ("reference", "Lettre du 3 mars")])
            #expect(created.status == .seeOther)
            let work = try #require(try await site.works.all(councilID: france.id).first { $0.title[.fr] == "L'eau, bien commun" })
            let base = "/cese-fr/works/\(work.id)"
            let commission = try #require(try await site.commissions.all(councilID: france.id).first { $0.name[.fr] == "Commission Affaires européennes et internationales" })
            // Only the bureau assigns.
            #expect(try await staff.post("\(base)/move", [("to", "assigned"), ("commission", "\(commission.id)"), ("deadline", "2027-03-01T12:00")]).status == .forbidden)
            #expect(try await bureau.post("\(base)/move", [("to", "assigned"), ("commission", "\(commission.id)"), ("deadline", "2027-03-01T12:00")]).status == .seeOther)
            let rapporteurMembership = try #require(try await site.memberships.all(councilID: france.id).first { $0.email == "membre@cese-fr.example" })
            #expect(try await staff.post("\(base)/rapporteurs", [("membership", "\(rapporteurMembership.id)")]).status == .seeOther)
            #expect(try await rapporteur.post("\(base)/move", [("to", "in_preparation")]).status == .seeOther)
            let draft = "# Constat\nL'eau douce manque déjà dans plusieurs régions en été.\n> Réduire de moitié les fuites des réseaux d'ici 2035."
            #expect(try await rapporteur.post("\(base)/versions", [("text", draft), ("note", "Projet")]).status == .seeOther)
            #expect(try await staff.post("\(base)/amendment-deadline", [("deadline", "2099-01-01T12:00")]).status == .seeOther)
            let version = try #require(try await site.drafts.versions(workID: work.id).last)
            let text = try JSONDecoder().decode(DraftText.self, from: Data(version.body.utf8))
            let paragraph = try #require(text.blocks.first { $0.kind == .paragraph })
            // Two conflicting amendments on the same passage, and one whose passage is not in the paragraph.
            #expect(try await author.post("\(base)/amendments", [("anchor", paragraph.id), ("operation", "replace"), ("passage", "plusieurs régions"),
                                                                  ("text", "la plupart des régions"), ("justification", "Données 2025.")]).status == .seeOther)
            #expect(try await other.post("\(base)/amendments", [("anchor", paragraph.id), ("operation", "delete"), ("passage", "en été"),
                                                                 ("justification", "Pas seulement l'été.")]).status == .seeOther)
            let missing = try await other.post("\(base)/amendments", [("anchor", paragraph.id), ("operation", "delete"), ("passage", "en hiver"), ("justification", "x")])
            #expect(missing.status == .unprocessableContent)
            // The refusal comes back beside the form, with the message and what was typed.
            #expect(missing.text.contains("Le passage cité ne figure pas dans le paragraphe.") && missing.text.contains("value=\"en hiver\""))
            #expect(try await staff.post("\(base)/amendments", [("anchor", paragraph.id), ("operation", "delete"), ("justification", "x")]).status == .forbidden)
            var amendments = try await site.drafts.amendments(workID: work.id)
            #expect(amendments.count == 2)
            // Overlap check: "plusieurs régions en été" vs "en été" — the spans do not overlap, so no conflict...
            let page = try await rapporteur.get(base)
            #expect(page.text.contains("Amendement 1") && page.text.contains("Amendement 2"))
            // ...while a third amendment on "régions en" overlaps both and is flagged.
            #expect(try await rapporteur.post("\(base)/amendments", [("anchor", paragraph.id), ("operation", "replace"), ("passage", "régions en"),
                                                                      ("text", "départements en"), ("justification", "Échelle.")]).status == .seeOther)
            #expect(try await rapporteur.get(base).text.contains("en discussion commune"))
            amendments = try await site.drafts.amendments(workID: work.id)
            let first = try #require(amendments.first { $0.number == 1 }), third = try #require(amendments.first { $0.number == 3 })
            // Commission vote on amendment 1: it is adopted, amendment 3 falls.
            #expect(try await staff.post("\(base)/ballots", [("amendment", "\(first.id)"), ("body", "commission")]).status == .seeOther)
            let ballot = try #require(try await site.ballots.all(workID: work.id).last)
            let voters = try await site.ballots.voters(ballotID: ballot.id)
            #expect(!voters.isEmpty)
            for voter in voters { try await site.ballots.vote(ballotID: ballot.id, membershipID: voter.membershipID, choice: "for", at: site.clock.now().timeIntervalSince1970) }
            #expect(try await staff.post("\(base)/ballots/\(ballot.id)/close", []).status == .seeOther)
            amendments = try await site.drafts.amendments(workID: work.id)
            #expect(amendments.first { $0.id == first.id }?.status == "adopted")
            #expect(amendments.first { $0.id == third.id }?.status == "fallen")
            #expect(try await staff.post("\(base)/consolidate", []).status == .seeOther)
            let consolidated = try #require(try await site.drafts.versions(workID: work.id).last)
            #expect(consolidated.number == 2 && consolidated.body.contains("la plupart des régions en été"))
            // Adoption in commission needs the commission's vote on the whole text.
            #expect(try await staff.post("\(base)/move", [("to", "adopted_in_commission")]).status == .conflict)
            try await voteOnText(site: site, staff: staff, base: base, work: work, body: "commission")
            #expect(try await staff.post("\(base)/move", [("to", "adopted_in_commission")]).status == .seeOther)
            #expect(try await bureau.post("\(base)/move", [("to", "on_plenary_agenda")]).status == .seeOther)
            #expect(try await staff.post("\(base)/move", [("to", "adopted")]).status == .conflict)
            try await voteOnText(site: site, staff: staff, base: base, work: work, body: "plenary")
            #expect(try await staff.post("\(base)/move", [("to", "adopted")]).status == .seeOther)
            let group = try #require(try await site.groups.all(councilID: france.id).first)
            #expect(try await staff.post("\(base)/declarations", [("group", "\(group.id)"), ("body", "Nous votons ce texte.")]).status == .seeOther)
            #expect(try await staff.post("\(base)/dissents", [("block", paragraph.id), ("holder", "Groupe CGT"), ("body", "Réserve.")]).status == .seeOther)
            // Adopted, not yet published: a visitor sees its progress, not its declarations or dissent.
            let adopted = try await Visitor(client).get(base)
            #expect(adopted.status == .ok && !adopted.text.contains("Nous votons ce texte.") && !adopted.text.contains("Réserve."))
            #expect(try await Visitor(client).get("\(base)/votes.csv").status == .notFound)
            #expect(try await staff.post("\(base)/move", [("to", "published")]).status == .seeOther)
            let published = try await Visitor(client).get(base)
            #expect(published.status == .ok && published.text.contains("Nous votons ce texte.") && published.text.contains("Réserve."))
            let csv = try await Visitor(client).get("\(base)/votes.csv")
            #expect(csv.status == .ok)
            let ballots = try await site.ballots.all(workID: work.id)
            var expectedRows = 0
            for ballot in ballots { expectedRows += try await site.ballots.voters(ballotID: ballot.id).count }
            #expect(csv.text.split(separator: "\n").count == expectedRows + 1)
            let xml = try await Visitor(client).get("\(base)/akoma-ntoso.xml")
            try AkomaNtosoCheck.assertStructure(xml.text, paragraphs: 1, recommendations: 1)
        }
    }

    func voteOnText(site: Site, staff: Visitor, base: String, work: WorkRecord, body: String) async throws {
        #expect(try await staff.post("\(base)/ballots", [("body", body)]).status == .seeOther)
        let ballot = try #require(try await site.ballots.all(workID: work.id).last)
        for (index, voter) in try await site.ballots.voters(ballotID: ballot.id).enumerated() {
            try await site.ballots.vote(ballotID: ballot.id, membershipID: voter.membershipID, choice: index % 5 == 0 ? "abstain" : "for", at: site.clock.now().timeIntervalSince1970)
        }
        #expect(try await staff.post("\(base)/ballots/\(ballot.id)/close", []).status == .seeOther)
        #expect(try await site.ballots.find(id: ballot.id, workID: work.id)?.adopted == true)
    }

    @Test(.enabled(if: Requirement.runs(when: AkomaNtosoCheck.schemaIsPresent, "AKN_XSD and xmllint")))
    func theDemoAvisValidatesAgainstTheAkomaNtosoSchema() async throws {
        try await Harness.run(.sqlite) { site, client in
            let (published, _) = try await Self.demoWorks(site)
            try AkomaNtosoCheck.validateAgainstSchema(try await Visitor(client).get("/cese-fr/works/\(published.id)/akoma-ntoso.xml").text)
        }
    }

    @Test func theDemoAvisIsValidAkomaNtoso() async throws {
        try await Harness.run(.sqlite) { site, client in
            let (published, _) = try await Self.demoWorks(site)
            let response = try await Visitor(client).get("/cese-fr/works/\(published.id)/akoma-ntoso.xml")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("application/akn+xml") == true)
            try AkomaNtosoCheck.assertStructure(response.text, paragraphs: 4, recommendations: 4)
            // The API's results against the individual votes: `BallotCountsTests`.
        }
    }
}

/// Checks an Akoma Ntoso document's structure, and validates it against the OASIS schema when `AKN_XSD` names it
/// (scripts/test fetches the schema and xmllint).
enum AkomaNtosoCheck {
    final class Collector: NSObject, XMLParserDelegate {
        var elements: [String] = []
        var eIds: [String] = []
        var rootNamespace: String?
        var docName: String?
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
            if elements.isEmpty { rootNamespace = namespaceURI }
            if name == "doc" { docName = attributes["name"] }
            elements.append(name)
            if let eId = attributes["eId"] { eIds.append(eId) }
        }
    }

    static func assertStructure(_ xml: String, paragraphs: Int, recommendations: Int) throws {
        let parser = XMLParser(data: Data(xml.utf8))
        parser.shouldProcessNamespaces = true
        let collector = Collector()
        parser.delegate = collector
        #expect(parser.parse(), "well-formed XML")
        #expect(collector.elements.first == "akomaNtoso")
        #expect(collector.rootNamespace == "http://docs.oasis-open.org/legaldocml/ns/akn/3.0")
        #expect(collector.docName == "avis")
        for required in ["meta", "identification", "FRBRWork", "FRBRExpression", "FRBRManifestation", "lifecycle", "preface", "mainBody"] {
            #expect(collector.elements.contains(required), "missing \(required)")
        }
        #expect(collector.elements.filter { $0 == "paragraph" }.count == paragraphs)
        #expect(collector.eIds.filter { $0.hasPrefix("rec_") }.count == recommendations)
        #expect(Set(collector.eIds).count == collector.eIds.count, "eId values are unique")
    }

    static var schemaIsPresent: Bool {
        ProcessInfo.processInfo.environment["AKN_XSD"].map { FileManager.default.fileExists(atPath: $0) } == true
            && FileManager.default.fileExists(atPath: "/usr/bin/xmllint")
    }

    static func validateAgainstSchema(_ xml: String) throws {
        try Requirement.require(schemaIsPresent, "AKN_XSD (the Akoma Ntoso schema) and xmllint")
        let schema = ProcessInfo.processInfo.environment["AKN_XSD"] ?? ""
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("akn-\(UUID().uuidString).xml")
        try Data(xml.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
        process.arguments = ["--noout", "--schema", schema, file.path]
        let output = Pipe()
        process.standardError = output
        process.standardOutput = output
        try process.run()
        while process.isRunning { usleep(20_000) }
        let message = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "Akoma Ntoso schema validation: \(message)")
    }
}

@Suite struct PlenaryLoadTests {
    /// The load benchmark's sitting at full plenary size on fewer amendments (the benchmark runs 300): every vote
    /// is stored once and every tally equals the votes cast.
    @Test(arguments: TestDatabase.kinds)
    func aFullPlenaryIsRecordedAndTalliedCorrectly(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            let sitting = try await PlenarySitting.record(database: database, members: 250, amendments: 6, wallClock: TestClock())
            #expect(sitting.ballots == 6 && sitting.votesCalled == 1_500)
            #expect(sitting.mismatches == 0)
            #expect(sitting.adopted > 0 && sitting.adopted < 6, "the spread of votes adopts some amendments and rejects others")
        }
    }
}

@Suite struct SimplifiedProcedureTests {
    @Test(arguments: TestDatabase.kinds)
    func aMemberCanSendTheTextToThePlenaryWithinTheDelay(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let (_, preparing) = try await CouncilWorkTests.demoWorks(site)
            #expect(preparing.procedure == "simplified")
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let base = "/cese-fr/works/\(preparing.id)"
            let staff = Visitor(client), member = Visitor(client)
            try await staff.signIn("secretariat@cese-fr.example")
            try await member.signIn("membre3@cese-fr.example")
            #expect(try await staff.post("\(base)/ballots", [("body", "commission")]).status == .seeOther)
            let ballot = try #require(try await site.ballots.all(workID: preparing.id).last)
            for voter in try await site.ballots.voters(ballotID: ballot.id) {
                try await site.ballots.vote(ballotID: ballot.id, membershipID: voter.membershipID, choice: "for", at: site.clock.now().timeIntervalSince1970)
            }
            #expect(try await staff.post("\(base)/ballots/\(ballot.id)/close", []).status == .seeOther)
            #expect(try await staff.post("\(base)/move", [("to", "adopted_in_commission")]).status == .unprocessableContent, "the delay is required")
            #expect(try await staff.post("\(base)/move", [("to", "adopted_in_commission"), ("delay", "7")]).status == .seeOther)
            // Within the delay the adoption is not final yet.
            #expect(try await staff.post("\(base)/move", [("to", "adopted")]).status == .conflict)
            #expect(try await member.get(base).text.contains("/demand-plenary"))
            #expect(try await member.post("\(base)/demand-plenary", []).status == .seeOther)
            #expect(try await member.post("\(base)/demand-plenary", []).status == .conflict)
            // Once a debate is demanded, even after the delay, the text goes to the plenary.
            try await site.works.setPlenaryDemandDeadline(id: preparing.id, councilID: france.id, deadline: site.clock.now().timeIntervalSince1970 - 1)
            #expect(try await staff.post("\(base)/move", [("to", "adopted")]).status == .conflict)
            let bureau = Visitor(client)
            try await bureau.signIn("bureau@cese-fr.example")
            #expect(try await bureau.post("\(base)/move", [("to", "on_plenary_agenda")]).status == .seeOther)
            #expect(try await site.works.events(workID: preparing.id).contains { $0.status == "plenary_demanded" })
        }
    }

    @Test func withoutADemandTheCommissionsAdoptionBecomesFinal() async throws {
        try await Harness.run(.sqlite) { site, client in
            let (_, preparing) = try await CouncilWorkTests.demoWorks(site)
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            try await site.works.move(id: preparing.id, councilID: france.id, to: "adopted_in_commission", note: nil, accountID: nil, at: site.clock.now().timeIntervalSince1970)
            try await site.works.setPlenaryDemandDeadline(id: preparing.id, councilID: france.id, deadline: site.clock.now().timeIntervalSince1970 - 1)
            let staff = Visitor(client)
            try await staff.signIn("secretariat@cese-fr.example")
            #expect(try await staff.post("/cese-fr/works/\(preparing.id)/move", [("to", "adopted")]).status == .seeOther)
            #expect(try await site.works.find(id: preparing.id, councilID: france.id)?.status == "adopted")
        }
    }
}

@Suite struct WorkListFilterTests {
    /// The list of works shows every work's progress; the API, published works only: a visitor asking it for a status
    /// they may not see gets an empty list, on both databases, not an error.
    @Test(arguments: TestDatabase.kinds)
    func filtersOnHiddenStatusesGiveEmptyLists(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { _, client in
            let visitor = Visitor(client, acceptLanguage: "fr")
            let page = try await visitor.get("/cese-fr/works?status=in_preparation")
            #expect(page.status == .ok && page.text.contains("Jeunes et emploi dans les territoires ruraux"))
            #expect(try await visitor.get("/cese-fr/works?status=rejected").text.contains("Aucun travail ne correspond."))
            let api = try await visitor.get("/api/v1/cese-fr/works?status=in_preparation")
            #expect(api.status == .ok && api.text == "[]")
            #expect(try await visitor.get("/api/v1/cese-fr/works?status=bogus").status == .badRequest)
        }
    }
}

@Suite struct VoteChartTests {
    @Test func longGroupNamesWrapInsteadOfBeingCut() {
        for name in ["Groupe Environnement et nature", "مجموعة الجمعيات المهنية الأكثر تمثيلية والتنظيمات النقابية", "UNSA",
                     "Anticonstitutionnellementanticonstitutionnellement"] {
            let lines = VoteChart.wrap(name, width: VoteChart.labelCharacters)
            #expect(lines.allSatisfy { $0.count <= VoteChart.labelCharacters }, "\(name)")
            #expect(lines.joined(separator: " ").replacingOccurrences(of: " ", with: "") == name.replacingOccurrences(of: " ", with: ""))
        }
        var counts = VoteCounts()
        counts.pour = 1
        let svg = VoteChart.svg(rows: [.init(label: "Groupe Environnement et nature", counts: counts)], title: "t", legend: ["a", "b", "c", "d"], id: "c")
        #expect(svg.contains(">Groupe Environnement et<") && svg.contains(">nature<"))
    }
}

@Suite struct CouncilTimeZoneTests {
    @Test(arguments: TestDatabase.kinds)
    func datesAreReadAndShownInTheCouncilsTimeZone(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let morocco = try #require(try await site.councils.find(slug: "cese-ma"))
            #expect(france.timeZone == "Europe/Paris" && morocco.timeZone == "Africa/Casablanca")
            let preparing = try #require(try await site.works.all(councilID: france.id).first { $0.status == "in_preparation" })
            let staff = Visitor(client)
            try await staff.signIn("secretariat@cese-fr.example")
            // Noon in Paris on 1 March 2027 (UTC+1) is 11:00 UTC; the form shows it back as noon.
            #expect(try await staff.post("/cese-fr/works/\(preparing.id)/amendment-deadline", [("deadline", "2027-03-01T12:00")]).status == .seeOther)
            #expect(try await site.works.find(id: preparing.id, councilID: france.id)?.amendmentDeadline == 1_803_898_800)
            #expect(try await staff.get("/cese-fr/works/\(preparing.id)").text.contains("value=\"2027-03-01T12:00\""))
        }
    }
}

@Suite struct TextBallotTests {
    /// A vote on the whole text counts for the version it is held on: without a version there is nothing to vote on,
    /// and the route refuses it by itself (the page shows no form).
    @Test(arguments: TestDatabase.kinds)
    func noVoteOnATextBeforeItsFirstVersion(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let commission = try #require(try await site.commissions.all(councilID: france.id).first)
            let now = site.clock.now().timeIntervalSince1970
            let id = try await site.works.create(councilID: france.id, NewWork(
                kind: "avis", title: LocalizedText(fr: "Saisine sans texte", ar: nil, en: nil), summary: LocalizedText(),
                referralSource: "self_referral", procedure: "ordinary"), accountID: nil, at: now)
            try await site.works.move(id: id, councilID: france.id, to: "assigned", note: nil, accountID: nil, commissionID: commission.id,
                                      deadline: now + 86_400 * 90, at: now)
            try await site.works.move(id: id, councilID: france.id, to: "in_preparation", note: nil, accountID: nil, at: now)
            let staff = Visitor(client)
            try await staff.signIn("secretariat@cese-fr.example")
            let refused = try await staff.post("/cese-fr/works/\(id)/ballots", [("body", "commission")])
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("pas encore de texte"))
            #expect(try await site.ballots.all(workID: id).isEmpty)
        }
    }
}
