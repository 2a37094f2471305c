import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Logging
import Sortition
import Storage
import TestRequirements
import Testing
import TestSupport
@testable import Web

@Suite struct ConventionDrawTests {
    /// A convention of ten from the criteria of `ConventionTests`, a pool of 26, registration open.
    static func openConvention(_ staff: Visitor) async throws -> String {
        let url = try await ConventionTests.prepare(staff, panel: 10)
        #expect(try await staff.postFile("\(url)/pool", fileName: "pool.csv", content: Array(ConventionTests.pool(26).utf8)).status == .seeOther)
        #expect(try await staff.post("\(url)/open-registration", []).status == .seeOther)
        return url
    }

    /// Where the seed will come from, and when it is known (Paris time; the test clock starts on 30 November).
    static let announcement = [("seed_source", "Les cinq numéros du Loto du 12 décembre 2026"), ("seed_not_before", "2026-12-12T21:00")]

    /// Moves the site's clock on by `days`.
    static func wait(_ site: Site, days: Double) throws {
        try #require(site.clock as? TestClock).advance(by: days * 86_400)
    }

    static let replacementAnnouncement = [("seed_source", "Les cinq numéros du Loto du 19 décembre 2026"), ("seed_not_before", "2026-12-19T21:00")]

    static func worker(_ site: Site) -> DrawWorker {
        DrawWorker(database: site.database, clock: TestClock(), logger: Logger(label: "test"), tickets: 200)
    }

    /// The files of a proof.zip, read by Python's zipfile (an independent reader).
    static func unzip(_ bytes: [UInt8]) throws -> [String: String] {
        try Requirement.require(FileManager.default.fileExists(atPath: "/usr/bin/python3"), "python3")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("proof-\(UUID().uuidString).zip")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", "import json, sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; "
                                 + "print(json.dumps({n: z.read(n).decode('utf-8') for n in z.namelist()}))", file.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return try JSONDecoder().decode([String: String].self, from: data)
    }

    @Test(arguments: TestDatabase.kinds)
    func aDrawIsCommittedInTheBackgroundThenPickedInPublicAndVerifies(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            let url = try await Self.openConvention(staff)
            let id = ConventionTests.conventionID(url)
            let conventions = ConventionRepository(database: site.database), draws = ConventionDrawRepository(database: site.database)
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            #expect(try await staff.get(url).text.contains("préparer le tirage</button>"))
            #expect(try await Visitor(client).get("\(url)/draw").status == .notFound)

            // Only the council's secretariat asks for the draw: a visitor, a citizen, a member, another council's staff.
            let visitor = Visitor(client)
            _ = try await visitor.get("/")
            #expect(try await visitor.post("\(url)/draw/request", Self.announcement).status == .unauthorized)
            for email in ["citoyen@hemicycle.example", "membre@cese-fr.example", "secretariat@cese-ma.example"] {
                let someone = Visitor(client)
                try await someone.signIn(email)
                #expect(try await someone.post("\(url)/draw/request", Self.announcement).status == .forbidden, "\(email)")
            }
            #expect(try await draws.draws(conventionID: id).isEmpty)

            // The seed's source and time are announced with the request, the time still to come.
            #expect(try await staff.post("\(url)/draw/request", []).status == .unprocessableContent)
            #expect(try await staff.post("\(url)/draw/request", [("seed_source", "Loto"), ("seed_not_before", "2026-11-29T12:00")]).status
                    == .unprocessableContent)
            #expect(try await draws.draws(conventionID: id).isEmpty)
            let requested = try await staff.post("\(url)/draw/request", Self.announcement)
            #expect(requested.status == .seeOther && requested.location == "\(url)/draw?notice=convention_draw_requested")
            #expect(try await conventions.find(id: id, councilID: france.id)?.status == "committed")
            // The pool is closed: no import, no second request.
            #expect(try await staff.postFile("\(url)/pool", fileName: "pool.csv", content: Array(ConventionTests.pool(2, from: 50).utf8)).status == .conflict)
            #expect(try await staff.post("\(url)/draw/request", Self.announcement).status == .conflict)
            #expect(try await Visitor(client).get("\(url)/draw").text.contains("Le tirage attend son tour de calcul."))
            let api = "/api/v1/cese-fr/conventions/\(id)/draw"
            let queued = try await Visitor(client).get(api)
            #expect(queued.status == .ok && queued.text.contains(#""status":"queued""#) && !queued.text.contains("commitment"), "\(queued.text)")

            // The worker computes the lottery and commits to its files; nothing is drawn yet.
            #expect(try await Self.worker(site).processNext())
            #expect(try await !Self.worker(site).processNext())
            let committed = try #require(try await draws.draws(conventionID: id).first)
            #expect(committed.status == "committed" && committed.commitment?.count == 64 && committed.seed == nil)
            let public1 = try await Visitor(client).get("\(url)/draw")
            #expect(public1.text.contains(committed.commitment!) && !public1.text.contains("name=\"seed\""))
            let before = try Self.unzip(Array(try await Visitor(client).get("\(url)/draw/proof.zip").body.readableBytesView))
            #expect(Set(before.keys) == ["pool.csv", "quotas.csv", "lottery.csv", "draw.json", "PROCEDURE.txt"])
            #expect(sha256Hex(before["pool.csv"]! + before["quotas.csv"]! + before["lottery.csv"]!) == committed.commitment)
            // The published pool names volunteers by their references only.
            #expect(before["pool.csv"]!.contains("v1,") && !before["pool.csv"]!.contains("@example.org"))

            // Picking: the secretariat only, with a seed; a bad seed changes nothing.
            let citizen = Visitor(client)
            try await citizen.signIn("citoyen@hemicycle.example")
            #expect(try await citizen.post("\(url)/draw/pick", [("seed", "1 2 3")]).status == .forbidden)
            #expect(try await draws.draws(conventionID: id).first?.status == "committed")
            #expect(try await staff.post("\(url)/draw/pick", [("seed", "4 17 23 38 45")]).status == .conflict)
            #expect(public1.text.contains("Les cinq numéros du Loto du 12 décembre 2026"))
            try Self.wait(site, days: 13)
            // Sessions do not last that long.
            try await staff.signIn("secretariat@cese-fr.example")
            try await citizen.signIn("citoyen@hemicycle.example")
            let empty = try await staff.post("\(url)/draw/pick", [("seed", "  ")])
            #expect(empty.status == .unprocessableContent && (empty.text.contains("Saisissez les nombres de l&#39;événement annoncé") || empty.text.contains("Saisissez les nombres de l&#x27;événement annoncé")))
            // Only the event's numbers make a seed: words around them, or an invisible character, are refused.
            #expect(try await staff.post("\(url)/draw/pick", [("seed", "Loto du 12 décembre : 4 17 23 38 45")]).status == .unprocessableContent)
            #expect(try await staff.post("\(url)/draw/pick", [("seed", "4 17\u{200B} 23 38 45")]).status == .unprocessableContent)
            let seed = "4 17 23 38 45"
            // Typed with other separators and a leading zero: the same seed.
            let picked = try await staff.post("\(url)/draw/pick", [("seed", " 04, 17, 23 - 38 / 45 ")])
            #expect(picked.status == .seeOther)
            #expect(try await staff.post("\(url)/draw/pick", [("seed", "again")]).status == .conflict)
            #expect(try await conventions.find(id: id, councilID: france.id)?.status == "drawn")
            let panel = try await draws.panel(conventionID: id)
            #expect(panel.count == 10 && panel.allSatisfy { $0.volunteerId != nil })
            // Each person drawn is told, in the council's language (imported volunteers have no account).
            let told = try await site.outbox.pending().filter { $0.subject.hasPrefix("Résultat du tirage au sort") }
            #expect(told.count == 10 && Set(told.map(\.recipient)) == Set(panel.map { "\($0.reference)@example.org" }))
            #expect(told.allSatisfy { message in panel.contains { message.body.contains("Votre identifiant dans le tirage est \($0.reference).") } })

            // The public page: seed, chances, the panel by reference; the files verify with `hemicycle draw verify`'s check.
            let page = try await Visitor(client, acceptLanguage: "ar").get("\(url)/draw")
            #expect(page.status == .ok && page.text.contains("probability-chart") && page.text.contains(panel[0].reference))
            let drawn = try JSONSerialization.jsonObject(with: Data(try await Visitor(client).get(api).text.utf8)) as? [String: Any]
            #expect(drawn?["status"] as? String == "drawn" && drawn?["seed"] as? String == seed && drawn?["commitment"] as? String == committed.commitment)
            #expect(Set(drawn?["panel"] as? [String] ?? []) == Set(panel.map(\.reference)))
            #expect(((drawn?["chances"] as? [String: Double])?["min"] ?? 0) > 0)
            let files = try Self.unzip(Array(try await Visitor(client).get("\(url)/draw/proof.zip").body.readableBytesView))
            let report = DrawVerifier.verify(files: files)
            #expect(report.passed, "\(report.checks.filter { !$0.passed }.map(\.detail))")
            #expect(try DrawManifest.read(files["draw.json"]!).seed == seed)
            let drawnIDs = try Set(CSVTableReader.ids(files["panel.csv"]!))
            #expect(drawnIDs == Set(panel.map(\.reference)))

            // Someone drawn declines: only the secretariat records it, once; a replacement is drawn from the rest of
            // the pool under the same quotas, committed and picked the same way, and verifies from its own files.
            let declined = panel[0].reference
            #expect(try await citizen.post("\(url)/draw/refusals", [("reference", declined)]).status == .forbidden)
            #expect(try await citizen.post("\(url)/draw/replacements", Self.replacementAnnouncement).status == .forbidden)
            #expect(try await staff.post("\(url)/draw/replacements", Self.replacementAnnouncement).status == .conflict)
            #expect(try await staff.post("\(url)/draw/refusals", [("reference", declined)]).status == .seeOther)
            #expect(try await staff.post("\(url)/draw/refusals", [("reference", declined)]).status == .unprocessableContent)
            #expect(try await staff.post("\(url)/draw/refusals", [("reference", "nobody")]).status == .unprocessableContent)
            let waiting = try await staff.get("\(url)/draw").text
            #expect(waiting.contains("1 personne a décliné et attend d&#39;être remplacée.") || waiting.contains("1 personne a décliné et attend d&#x27;être remplacée."))
            #expect(try await staff.post("\(url)/draw/replacements", Self.replacementAnnouncement).status == .seeOther)
            #expect(try await staff.post("\(url)/draw/replacements", Self.replacementAnnouncement).status == .conflict)
            #expect(try await Self.worker(site).processNext())
            #expect(try await staff.post("\(url)/draw/pick", [("seed", "2 9 31 40 44")]).status == .conflict)
            try Self.wait(site, days: 7)
            try await staff.signIn("secretariat@cese-fr.example")
            let second = try await staff.post("\(url)/draw/pick", [("seed", "2 9 31 40 44")])
            #expect(second.status == .seeOther, "\(second.text)")
            let after = try await draws.panel(conventionID: id)
            let replacementDraw = try #require(try await draws.draws(conventionID: id).last)
            #expect(replacementDraw.number == 2 && replacementDraw.status == "drawn" && replacementDraw.withdrawnReferences == [declined])
            #expect(after.count == 11 && after.filter { $0.refusedAt == nil }.count == 10)
            #expect(after.first { $0.reference == declined }?.replacedInDraw == replacementDraw.id)
            #expect(try await conventions.find(id: id, councilID: france.id)?.status == "drawn")
            let replacementFiles = try Self.unzip(Array(try await Visitor(client).get("\(url)/draw/proof.zip?draw=2").body.readableBytesView))
            let replacementReport = DrawVerifier.verify(files: replacementFiles)
            #expect(replacementReport.passed, "\(replacementReport.checks.filter { !$0.passed }.map(\.detail))")
            #expect(try DrawManifest.read(replacementFiles["draw.json"]!).replacement?.withdrawn == [declined])
            // The whole panel, with its replacement, still meets every quota of the first draw.
            let original = try ProofFiles.instance(pool: files["pool.csv"]!, quotas: files["quotas.csv"]!, panelSize: 10)
            let seatedNow = Set(after.filter { $0.refusedAt == nil }.map(\.reference))
            #expect(original.allows(panel: original.people.indices.filter { seatedNow.contains(original.people[$0].id) }))
            #expect(!seatedNow.contains(declined))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func quotasNoPanelCanMeetReopenThePoolWithTheCriteriaNamed(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            let url = try await Self.openConvention(staff)
            let id = ConventionTests.conventionID(url)
            let conventions = ConventionRepository(database: site.database), draws = ConventionDrawRepository(database: site.database)
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            // Every rural volunteer is a woman: at most two women and at least three rural people cannot sit together,
            // though the pool has enough of each value.
            let stored = try await conventions.criteria(conventionID: id)
            let quotas = [(0, 2), (8, 10), (5, 7), (3, 5)]
            let values = stored.flatMap(\.values)
            var fields: [(String, String)] = []
            for (value, quota) in zip(values, quotas) { fields += [("min_\(value.id)", "\(quota.0)"), ("max_\(value.id)", "\(quota.1)")] }
            let saved = try await staff.post("\(url)/quotas", fields)
            #expect(saved.status == .seeOther, "\(saved.text)")
            // The engine's check says so before any draw, to the secretariat only.
            #expect(try await staff.get(url).text.contains("\(url)/quota-check"))
            let check = try await staff.get("\(url)/quota-check")
            #expect(check.status == .ok && check.text.contains("Aucun panel ne respecte à la fois les quotas de ces critères : Sexe et Milieu."))
            #expect(!check.text.contains("id=\"quota-check-ok\""))
            #expect(try await Visitor(client).get("\(url)/quota-check").status == .unauthorized)
            let citizen = Visitor(client), otherStaff = Visitor(client)
            try await citizen.signIn("citoyen@hemicycle.example")
            try await otherStaff.signIn("secretariat@cese-ma.example")
            for someone in [citizen, otherStaff] { #expect(try await someone.get("\(url)/quota-check").status == .forbidden) }
            #expect(try await staff.post("\(url)/draw/request", Self.announcement).status == .seeOther)
            let volunteers = try await conventions.volunteerCount(conventionID: id)
            #expect(try await Self.worker(site).processNext())
            let failed = try #require(try await draws.draws(conventionID: id).first)
            #expect(failed.status == "failed" && failed.errorKey == "convention_draw_failed_infeasible")
            #expect(try await conventions.find(id: id, councilID: france.id)?.status == "registration")
            #expect(try await conventions.volunteerCount(conventionID: id) == volunteers)
            // Asked again unchanged, it fails again, and the pool is open again: the convention is never stuck.
            #expect(try await staff.post("\(url)/draw/request", Self.announcement).status == .seeOther)
            #expect(try await Self.worker(site).processNext())
            #expect(try await conventions.find(id: id, councilID: france.id)?.status == "registration")
            let page = try await staff.get("\(url)/draw")
            #expect(page.text.contains("Aucun panel ne respecte à la fois les quotas de ces critères : Sexe et Milieu."), "\(page.text)")
            #expect(try await Visitor(client).get("\(url)/draw/proof.zip").status == .notFound)
            // Quotas a panel can meet, and the draw is asked for again.
            var fixed: [(String, String)] = []
            for (value, quota) in zip(values, [(3, 7), (3, 7), (5, 9), (1, 5)]) { fixed += [("min_\(value.id)", "\(quota.0)"), ("max_\(value.id)", "\(quota.1)")] }
            #expect(try await staff.post("\(url)/quotas", fixed).status == .seeOther)
            let arabicStaff = Visitor(client, acceptLanguage: "ar")
            try await arabicStaff.signIn("secretariat@cese-fr.example")
            let passed = try await arabicStaff.get("\(url)/quota-check")
            #expect(passed.text.contains("id=\"quota-check-ok\"") && !passed.text.contains("id=\"quota-check-failed\""))
            #expect(try await staff.post("\(url)/draw/request", Self.announcement).status == .seeOther)
            #expect(try await Self.worker(site).processNext())
            #expect(try await draws.draws(conventionID: id).map(\.status) == ["failed", "failed", "committed"])
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aLotteryReadyOnlyOnceTheSeedIsKnownIsNotUsed(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            let url = try await Self.openConvention(staff)
            let id = ConventionTests.conventionID(url)
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            #expect(try await staff.post("\(url)/draw/request", Self.announcement).status == .seeOther)
            // The worker finishes after the announced time (its clock is on 13 December).
            let late = DrawWorker(database: site.database, clock: TestClock(start: TestClock.start.addingTimeInterval(13 * 86_400)),
                                  logger: Logger(label: "test"), tickets: 200)
            #expect(try await late.processNext())
            let draw = try #require(try await ConventionDrawRepository(database: site.database).draws(conventionID: id).first)
            #expect(draw.status == "failed" && draw.errorKey == "convention_draw_failed_late" && draw.commitment == nil)
            #expect(try await ConventionRepository(database: site.database).find(id: id, councilID: france.id)?.status == "registration")
            let page = try await staff.get("\(url)/draw").text
            #expect(page.contains("La loterie a été publiée après l&#39;heure annoncée") || page.contains("La loterie a été publiée après l&#x27;heure annoncée"))
            // Announced too far ahead, or not at all in the future: refused.
            #expect(try await staff.post("\(url)/draw/request", [("seed_source", "Loto"), ("seed_not_before", "2028-01-01T12:00")]).status
                    == .unprocessableContent)
            #expect(try await staff.post("\(url)/draw/request", [("seed_source", "Loto\u{202E}"), ("seed_not_before", "2026-12-12T21:00")]).status
                    == .unprocessableContent)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func theSecretariatAbandonsADrawWhoseEventDidNotTakePlace(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            let url = try await Self.openConvention(staff)
            let id = ConventionTests.conventionID(url)
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let draws = ConventionDrawRepository(database: site.database)
            #expect(try await staff.post("\(url)/draw/abandon", []).status == .conflict)
            #expect(try await staff.post("\(url)/draw/request", Self.announcement).status == .seeOther)
            #expect(try await Self.worker(site).processNext())
            #expect(try await staff.get("\(url)/draw").text.contains("Abandonner ce tirage</button>"))
            for email in ["citoyen@hemicycle.example", "membre@cese-fr.example", "secretariat@cese-ma.example"] {
                let someone = Visitor(client)
                try await someone.signIn(email)
                #expect(try await someone.post("\(url)/draw/abandon", []).status == .forbidden, "\(email)")
            }
            let visitor = Visitor(client)
            _ = try await visitor.get("/")
            #expect(try await visitor.post("\(url)/draw/abandon", []).status == .unauthorized)
            #expect(try await draws.draws(conventionID: id).first?.status == "committed")
            #expect(try await staff.post("\(url)/draw/abandon", []).status == .seeOther)
            #expect(try await draws.draws(conventionID: id).first?.status == "abandoned")
            #expect(try await ConventionRepository(database: site.database).find(id: id, councilID: france.id)?.status == "registration")
            #expect(try await staff.post("\(url)/draw/abandon", []).status == .conflict)
            #expect(try await staff.get("\(url)/draw").text.contains("Ce tirage a été abandonné."))
            // A new announcement, a new draw.
            #expect(try await staff.post("\(url)/draw/request", Self.announcement).status == .seeOther)
            #expect(try await draws.draws(conventionID: id).map(\.status) == ["abandoned", "queued"])
            // Once the seed can be known, the committed lottery can only be picked: abandoning it would allow a re-draw.
            #expect(try await Self.worker(site).processNext())
            try Self.wait(site, days: 13)
            try await staff.signIn("secretariat@cese-fr.example")
            #expect(try await staff.post("\(url)/draw/abandon", []).status == .conflict)
            #expect(!(try await staff.get("\(url)/draw").text.contains("Abandonner ce tirage</button>")))
            #expect(try await draws.draws(conventionID: id).last?.status == "committed")
        }
    }

    @Test func aDrawWhoseWorkerStoppedIsTakenAgainAfterItsLease() async throws {
        try await Harness.run(.sqlite) { site, client in
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            let url = try await Self.openConvention(staff)
            let draws = ConventionDrawRepository(database: site.database)
            #expect(try await staff.post("\(url)/draw/request", Self.announcement).status == .seeOther)
            let claimed = try #require(try await draws.claimNext(at: 1_000, staleBefore: 940))
            // While its worker beats, nobody else takes it; once the heartbeat is older than the lease, another does.
            #expect(try await draws.beat(drawID: claimed.id, startedAt: 1_000, progress: DrawProgress(settled: 3, pool: 26, panels: 4), at: 1_030))
            #expect(try await draws.claimNext(at: 1_060, staleBefore: 1_000) == nil)
            let again = try #require(try await draws.claimNext(at: 1_200, staleBefore: 1_140))
            #expect(again.id == claimed.id)
            // The first worker's late results are refused: the draw is the second one's.
            #expect(try await !draws.beat(drawID: claimed.id, startedAt: 1_000, progress: DrawProgress(settled: 5, pool: 26, panels: 6), at: 1_210))
            #expect(try await !draws.commit(drawID: claimed.id, startedAt: 1_000, pool: "", quotas: "", lottery: "", manifest: "", commitment: "",
                                            at: 1_220))
            #expect(try await draws.draws(conventionID: claimed.conventionID).first?.status == "running")
        }
    }
}

/// The first column of a CSV file, after its header.
enum CSVTableReader {
    static func ids(_ text: String) throws -> [String] {
        text.split(separator: "\n").dropFirst().map { String($0.split(separator: ",", omittingEmptySubsequences: false)[0]) }
    }
}
