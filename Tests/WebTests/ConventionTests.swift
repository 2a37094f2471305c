import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Sortition
import Storage
import Testing
import TestSupport
@testable import Web

@Suite struct ConventionTests {
    static let criteria = """
        criterion,value,share,criterion_fr,criterion_ar,value_fr,value_ar
        sex,female,51.6%,Sexe,الجنس,Femme,امرأة
        sex,male,48.4%,Sexe,الجنس,Homme,رجل
        area,urban,80%,Milieu,الوسط,Urbain,حضري
        area,rural,20%,Milieu,الوسط,Rural,قروي
        """

    /// A pool of `count` volunteers: every fourth one rural, every other one a woman.
    static func pool(_ count: Int, from first: Int = 1) -> String {
        "id,sex,area,name,email\n" + (first..<(first + count)).map { i in
            "v\(i),\(i % 2 == 0 ? "female" : "male"),\(i % 4 == 0 ? "rural" : "urban"),Volontaire \(i),v\(i)@example.org"
        }.joined(separator: "\n") + "\n"
    }

    /// The secretariat of the French council creates a convention of `panel` people and gives it the criteria above.
    static func prepare(_ staff: Visitor, panel: Int = 10) async throws -> String {
        let created = try await staff.post("/cese-fr/conventions", [
            ("title_fr", "Convention citoyenne sur l’eau"), ("title_ar", "الاتفاقية المواطنة حول الماء"),
            ("mandate_fr", "Le cadre d'accompagnement de la fin de vie est-il adapté ?"), ("panel_size", "\(panel)"), ("tolerance", "0"),
        ])
        #expect(created.status == .seeOther)
        let url = try #require(created.location?.components(separatedBy: "?").first)
        let saved = try await staff.post("\(url)/criteria", [("criteria", criteria)])
        #expect(saved.status == .seeOther, "\(saved.text)")
        return url
    }

    static func conventionID(_ url: String) -> Int64 { Int64(url.split(separator: "/").last!)! }

    @Test(arguments: TestDatabase.kinds)
    func secretariatDefinesCriteriaDerivesAndEditsQuotas(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            let url = try await Self.prepare(staff, panel: 150)
            let page = try await staff.get(url)
            #expect(page.status == .ok)
            // 150 × 51.6% = 77.4 ideal seats: a quota of 77 to 78, and the rounding shown.
            #expect(page.text.contains("77,4") && page.text.contains(#"value="77""#) && page.text.contains(#"value="78""#))
            #expect(page.text.contains("Panel de 150 personnes tirées au sort"))
            let repository = ConventionRepository(database: site.database)
            let id = Self.conventionID(url)
            let stored = try await repository.criteria(conventionID: id)
            #expect(stored.map(\.key) == ["sex", "area"])
            let female = stored[0].values[0], male = stored[0].values[1]

            // Minimums asking for more seats than the panel has: refused with the criterion named, nothing changed.
            var fields: [(String, String)] = []
            for criterion in stored {
                for value in criterion.values { fields += [("min_\(value.id)", "\(value.quotaMin)"), ("max_\(value.id)", "\(value.quotaMax)")] }
            }
            let tooMany = fields.map { $0.0 == "min_\(female.id)" ? ($0.0, "80") : $0 }.map { $0.0 == "max_\(female.id)" ? ($0.0, "80") : $0 }
            let refused = try await staff.post("\(url)/quotas", tooMany)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Les minimums du critère « sex » demandent 152 sièges"))
            #expect(try await repository.criteria(conventionID: id) == stored)

            let edited = fields.map { $0.0 == "min_\(male.id)" ? ($0.0, "70") : $0 }
            #expect(try await staff.post("\(url)/quotas", edited).status == .seeOther)
            #expect(try await repository.criteria(conventionID: id)[0].values[1].quotaMin == 70)
            #expect(try await staff.get(url).text.contains("Les parts de la population donnent : de 72 à 73."))
            // Seats moved from one value to the other in one edit.
            let moved = fields.map { name, value -> (String, String) in
                switch name {
                case "min_\(female.id)", "max_\(female.id)": (name, "80")
                case "min_\(male.id)", "max_\(male.id)": (name, "70")
                default: (name, value)
                }
            }
            #expect(try await staff.post("\(url)/quotas", moved).status == .seeOther)
            #expect(try await repository.criteria(conventionID: id)[0].values.map(\.quotaMax) == [80, 70])
            // Quotas checked against a panel size that changed meanwhile are not stored.
            await #expect(throws: StoreError.stateChanged) {
                try await repository.setQuotas(conventionID: id, councilID: try #require(try await site.councils.find(slug: "cese-fr")).id,
                                               [female.id: (0, 149)], whileIn: ["preparing"], panelSize: 149, tolerance: 0)
            }
            #expect(try await staff.post("\(url)/quotas", [("derive", "1")]).status == .seeOther)
            #expect(try await repository.criteria(conventionID: id) == stored)

            // A criteria file with an error names its line and column; the criteria stay as they were.
            let bad = try await staff.post("\(url)/criteria", [("criteria", "criterion,value,share\nsex,female,0.5\nsex,male,moitié\n")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("Ligne 3, colonne 10 : « moitié » n&#39;est pas une part entre 0 et 100 %.")
                    || bad.text.contains("Ligne 3, colonne 10 : « moitié » n&#x27;est pas une part entre 0 et 100 %."))
            let shares = try await staff.post("\(url)/criteria", [("criteria", "criterion,value,share\nsex,female,0.5\nsex,male,0.3\n")])
            #expect(shares.status == .unprocessableContent && shares.text.contains("Les parts du critère « sex » totalisent 80"))
            #expect(try await repository.criteria(conventionID: id) == stored)

            // A new panel size derives the quotas again.
            let redefined = try await staff.post("\(url)/definition", [
                ("title_fr", "Convention citoyenne sur l’eau"), ("mandate_fr", "Question"), ("panel_size", "185"), ("tolerance", "0"),
            ])
            #expect(redefined.status == .seeOther)
            // 185 × 51.6% = 95.46.
            #expect(try await repository.criteria(conventionID: id)[0].values[0].quotaMin == 95)
            let arabic = try await Visitor(client, acceptLanguage: "ar").get("/cese-fr/conventions")
            #expect(!arabic.text.contains("الاتفاقية المواطنة حول الماء"), "a convention in preparation is not listed for visitors")
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func thePoolIsImportedAllOrNothingAndSetAgainstTheQuotas(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            let url = try await Self.prepare(staff, panel: 10)
            let repository = ConventionRepository(database: site.database)
            let id = Self.conventionID(url)

            // Wrong columns, an unknown value, a person twice: each refused with its line, nothing kept.
            let missing = try await staff.postFile("\(url)/pool", fileName: "pool.csv", content: Array("id,sex,region\n1,female,north\n".utf8))
            #expect(missing.status == .unprocessableContent)
            #expect(missing.text.contains("Ligne 1, colonne 1 : Il manque la colonne du critère « area »."))
            let unknown = try await staff.postFile("\(url)/pool", fileName: "pool.csv",
                                                   content: Array("id,sex,area\n1,female,urban\n2,female,suburban\n".utf8))
            #expect(unknown.text.contains("Ligne 3, colonne 10 : « suburban » n&#39;est pas une valeur du critère « area ».")
                    || unknown.text.contains("Ligne 3, colonne 10 : « suburban » n&#x27;est pas une valeur du critère « area »."))
            let twice = try await staff.postFile("\(url)/pool", fileName: "pool.csv",
                                                 content: Array("id,sex,area,email\n1,female,urban,a@example.org\n2,male,rural,A@Example.org\n".utf8))
            #expect(twice.status == .unprocessableContent)
            #expect(twice.text.contains("Ligne 3, colonne 1 : Même adresse électronique que la personne de la ligne 2."))
            #expect(try await repository.volunteerCount(conventionID: id) == 0)

            // Six volunteers for a panel of ten: the page says the pool is too small and names the short values.
            #expect(try await staff.postFile("\(url)/pool", fileName: "pool.csv", content: Array(Self.pool(6).utf8)).status == .seeOther)
            #expect(try await repository.volunteerCount(conventionID: id) == 6)
            let page = try await staff.get(url)
            #expect(page.text.contains("6 volontaires dans le vivier"))
            #expect(page.text.contains("Le vivier compte 6 personnes pour un panel de 10."))
            #expect(page.text.contains("Sexe : 3 volontaires ont la valeur « Femme », il en faut au moins 5."))
            #expect(page.text.contains("<svg") && page.text.contains("pool-chart"))
            // Someone already in the pool, in a new file: refused, named by their id.
            let again = try await staff.postFile("\(url)/pool", fileName: "pool.csv",
                                                 content: Array("id,sex,area,email\nw1,female,urban,V2@example.org\n".utf8))
            #expect(again.text.contains("Ligne 2, colonne 1 : Même adresse électronique que le volontaire v2, déjà dans le vivier."))
            #expect(try await staff.postFile("\(url)/pool", fileName: "pool.csv", content: Array(Self.pool(20, from: 7).utf8)).status == .seeOther)
            let counts = try await repository.valueCounts(conventionID: id)
            #expect(counts.values.reduce(0, +) == 2 * 26)
            let full = try await staff.get(url)
            #expect(full.text.contains("26 volontaires dans le vivier") && !full.text.contains("Le vivier ne permet pas"))

            // Volunteers answered the criteria: they can no longer change.
            let frozen = try await staff.post("\(url)/criteria", [("criteria", Self.criteria)])
            #expect(frozen.status == .conflict)
            #expect(try await repository.criteria(conventionID: id).count == 2)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func onlyTheCouncilsSecretariatPreparesAConvention(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let staff = Visitor(client)
            try await staff.signIn("secretariat@cese-fr.example")
            let url = try await Self.prepare(staff)
            let id = Self.conventionID(url)
            let repository = ConventionRepository(database: site.database)
            let before = try await repository.criteria(conventionID: id)

            let visitor = Visitor(client)
            let member = Visitor(client)
            try await member.signIn("membre@cese-fr.example")
            let citizen = Visitor(client)
            try await citizen.signIn("citoyen@hemicycle.example")
            let morocco = Visitor(client)
            try await morocco.signIn("secretariat@cese-ma.example")
            for (person, creating) in [(visitor, HTTPResponse.Status.unauthorized), (member, .forbidden), (citizen, .forbidden), (morocco, .forbidden)] {
                #expect(try await person.get("/cese-fr/conventions/new").status == creating)
                #expect(try await person.post("/cese-fr/conventions", [("title_fr", "X"), ("mandate_fr", "Y"), ("panel_size", "10")]).status == creating)
                // In preparation the convention is not shown: not found, whatever is tried on it.
                #expect(try await person.get(url).status == .notFound)
                #expect(try await person.post("\(url)/criteria", [("criteria", "criterion,value,share\nx,y,1\n")]).status == .notFound)
                #expect(try await person.post("\(url)/quotas", [("derive", "1")]).status == .notFound)
                #expect(try await person.post("\(url)/open-registration", []).status == .notFound)
                #expect(try await person.postFile("\(url)/pool", fileName: "pool.csv", content: Array(Self.pool(3).utf8)).status == .notFound)
            }
            // The Moroccan secretariat does not see it under its own council either.
            #expect(try await morocco.get("/cese-ma/conventions/\(id)").status == .notFound)

            // Registration open: the convention is public, its forms still the secretariat's.
            #expect(try await staff.post("\(url)/open-registration", []).status == .seeOther)
            #expect(try await staff.post("\(url)/open-registration", []).status == .conflict)
            let arabic = try await Visitor(client, acceptLanguage: "ar").get(url)
            #expect(arabic.status == .ok && arabic.text.contains(#"dir="rtl""#) && arabic.text.contains("الاتفاقية المواطنة حول الماء"))
            #expect(arabic.text.contains("هيئة من 10 أشخاص يُختارون بالقرعة") || arabic.text.contains("هيئة من ١٠ أشخاص يُختارون بالقرعة"))
            #expect(!arabic.text.contains("pool-chart"), "the pool's figures are the secretariat's")
            for (person, status) in [(visitor, HTTPResponse.Status.unauthorized), (member, .forbidden), (citizen, .forbidden), (morocco, .forbidden)] {
                #expect(try await person.get(url).status == .ok)
                #expect(try await person.post("\(url)/quotas", [("derive", "1")]).status == status)
                #expect(try await person.post("\(url)/criteria", [("criteria", "criterion,value,share\nx,y,1\n")]).status == status)
                #expect(try await person.postFile("\(url)/pool", fileName: "pool.csv", content: Array(Self.pool(3).utf8)).status == status)
            }
            #expect(try await repository.criteria(conventionID: id) == before)
            #expect(try await repository.volunteerCount(conventionID: id) == 0)
        }
    }

    @Test func theDemoHasAConventionWithAPoolOfTwoThousand() async throws {
        try await Harness.run(.sqlite) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let repository = ConventionRepository(database: site.database)
            let demo = try #require(try await repository.all(councilID: france.id, statuses: ["registration"]).first)
            #expect(demo.panelSize == 150)
            #expect(try await repository.criteria(conventionID: demo.id).count == 6)
            #expect(try await repository.volunteerCount(conventionID: demo.id) == 2_000)
            // Every volunteer has one value per criterion.
            #expect(try await repository.valueCounts(conventionID: demo.id).values.reduce(0, +) == 6 * 2_000)
            let url = "/cese-fr/conventions/\(demo.id)"
            #expect(try await Visitor(client).get("/cese-fr/conventions").text.contains(url))
            let staff = Visitor(client)
            try await staff.signIn("secretariat@cese-fr.example")
            let page = try await staff.get(url)
            #expect(page.text.contains("2 000 volontaires dans le vivier") || page.text.contains("2\u{202F}000 volontaires dans le vivier"))
            #expect(page.text.components(separatedBy: "class=\"pool-chart\"").count == 7)
            // Graduates volunteer more readily than they are in the population; the chart and table show it.
            #expect(!page.text.contains("Le vivier ne permet pas"))
        }
    }

    /// The demo's climate convention was drawn in public from 2,000 volunteers on six criteria and has sat once: its
    /// published files verify, and its first session's votes have their results.
    @Test func theDemoHasAConventionDrawnInPublicAndSitting() async throws {
        try await Harness.run(.sqlite) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let repository = ConventionRepository(database: site.database)
            let demo = try #require(try await repository.all(councilID: france.id, statuses: ["sitting"]).first)
            #expect(try await repository.criteria(conventionID: demo.id).count == 6)
            #expect(try await repository.volunteerCount(conventionID: demo.id) == 2_000)
            let draws = try await ConventionDrawRepository(database: site.database).draws(conventionID: demo.id)
            #expect(draws.map(\.status) == ["drawn"] && draws.first?.seed == DemoDrawnConvention.publicSeed)
            #expect(try await ConventionDrawRepository(database: site.database).panel(conventionID: demo.id).count == 150)
            let url = "/cese-fr/conventions/\(demo.id)"
            let files = try ConventionDrawTests.unzip(Array(try await Visitor(client).get("\(url)/draw/proof.zip").body.readableBytesView))
            let report = DrawVerifier.verify(files: files)
            #expect(report.passed, "\(report.checks.filter { !$0.passed }.map(\.detail))")
            #expect(try Set(CSVTableReader.ids(try #require(files["panel.csv"]))).count == 150)
            // Six criteria, every one within its quotas, and nobody's chance near zero.
            let page = try await Visitor(client, acceptLanguage: "ar").get("\(url)/draw")
            #expect(page.status == .ok && page.text.contains("probability-chart"))
            let proposals = try await ConventionSittingRepository(database: site.database).proposals(conventionID: demo.id)
            #expect(proposals.map(\.status) == ["closed", "closed", "closed"] && proposals.map(\.adopted) == [true, true, false])
            #expect(proposals.allSatisfy { $0.membersAtClose == 150 } && proposals[1].minorityPosition != nil)
            let sessions = try await Visitor(client).get("\(url)/sessions")
            #expect(sessions.status == .ok && sessions.text.contains("Abaisser la vitesse maximale sur autoroute à 110 km/h"))
            #expect(try await Visitor(client).get("/api/v1/cese-fr/conventions/\(demo.id)/sessions").text.contains("\"majorityGrade\""))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aPersonVolunteersOnceWithConsent(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let repository = ConventionRepository(database: site.database)
            let demo = try #require(try await repository.all(councilID: france.id, statuses: ["registration"]).first)
            let criteria = try await repository.criteria(conventionID: demo.id)
            let url = "/cese-fr/conventions/\(demo.id)"
            var answers = criteria.map { ("value_\($0.id)", "\($0.values[0].id)") }
            answers += [("name", "Camille Citoyenne"), ("phone", "06 11 22 33 44"), ("birth_date", "1990-05-17")]

            // A visitor is asked to sign in, on the form and on its submission.
            let visitor = Visitor(client)
            #expect(try await visitor.get("\(url)/register").status == .unauthorized)
            #expect(try await visitor.post("\(url)/register", answers + [("consent_data", "on"), ("consent_draw", "on")]).status == .unauthorized)
            #expect(try await visitor.get(url).text.contains("\(url)/register"))

            let citizen = Visitor(client, acceptLanguage: "fr")
            try await citizen.signIn("citoyen@hemicycle.example")
            #expect(try await citizen.get("\(url)/register").status == .ok)
            // Both consents are needed; a value of another criterion is refused; nothing is stored.
            let noConsent = try await citizen.post("\(url)/register", answers + [("consent_data", "on")])
            #expect(noConsent.status == .unprocessableContent && noConsent.text.contains("Les deux accords sont nécessaires"))
            let mixed = answers.map { $0.0 == "value_\(criteria[0].id)" ? ($0.0, "\(criteria[1].values[0].id)") : $0 }
            #expect(try await citizen.post("\(url)/register", mixed + [("consent_data", "on"), ("consent_draw", "on")]).status == .unprocessableContent)
            #expect(try await repository.volunteerCount(conventionID: demo.id) == 2_000)

            let done = try await citizen.post("\(url)/register", answers + [("consent_data", "on"), ("consent_draw", "on")])
            #expect(done.status == .seeOther && done.location?.contains("notice=convention_registered") == true)
            #expect(try await repository.volunteerCount(conventionID: demo.id) == 2_001)
            let account = try #require(try await site.accounts.find(email: "citoyen@hemicycle.example"))
            #expect(try await repository.isRegistered(conventionID: demo.id, accountID: account.id))
            #expect(try await citizen.get(url).text.contains("Vous êtes inscrit comme volontaire"))
            #expect(try await citizen.post("\(url)/register", answers + [("consent_data", "on"), ("consent_draw", "on")]).status == .conflict)
            // The volunteer is named by a fresh identifier from the site's generator (t1, t2... here), never by their
            // account's number.
            let registered = try #require(try await repository.volunteers(conventionID: demo.id, limit: 5_000, offset: 0).first { $0.email == account.email })
            #expect(registered.reference.hasPrefix("F-t") && registered.reference != "F-\(account.id)")

            // Another account with the same telephone is the same person.
            let member = Visitor(client)
            try await member.signIn("membre@cese-fr.example")
            let twice = try await member.post("\(url)/register", answers + [("consent_data", "on"), ("consent_draw", "on")])
            #expect(twice.status == .conflict)
            #expect(try await repository.volunteerCount(conventionID: demo.id) == 2_001)

            // The secretariat sees the volunteers with their contact details; no one else does.
            let staffList = Visitor(client)
            try await staffList.signIn("secretariat@cese-fr.example")
            let list = try await staffList.get("\(url)/volunteers")
            #expect(list.status == .ok && list.text.contains("Volontaires, page 1 sur 21") && list.text.contains("06 11 22 33 44"))
            #expect(try await staffList.get("\(url)/volunteers?page=99").text.contains("Volontaires, page 21 sur 21"))
            for (person, status) in [(visitor, HTTPResponse.Status.unauthorized), (member, .forbidden), (citizen, .forbidden)] {
                #expect(try await person.get("\(url)/volunteers").status == status)
                #expect(try await person.post("\(url)/volunteers/1/delete", []).status == status)
            }
            #expect(try await repository.volunteerCount(conventionID: demo.id) == 2_001)

            // The volunteer withdraws: answers and contact details go; withdrawing again is refused.
            let withdrawn = try await citizen.post("\(url)/withdraw", [])
            #expect(withdrawn.status == .seeOther && withdrawn.location?.contains("notice=convention_withdrawn") == true)
            #expect(try await repository.volunteerCount(conventionID: demo.id) == 2_000)
            #expect(try await repository.valueCounts(conventionID: demo.id).values.reduce(0, +) == 6 * 2_000)
            #expect(try await citizen.post("\(url)/withdraw", []).status == .forbidden)
            #expect(try await visitor.post("\(url)/withdraw", []).status == .unauthorized)
            // The member, refused as the same person before, may now register; the secretariat removes them.
            #expect(try await member.post("\(url)/register", answers + [("consent_data", "on"), ("consent_draw", "on")]).status == .seeOther)
            let memberAccount = try #require(try await site.accounts.find(email: "membre@cese-fr.example"))
            let volunteer = try #require(try await repository.volunteers(conventionID: demo.id, limit: 5_000, offset: 0)
                .first { $0.email == memberAccount.email })
            #expect(try await staffList.post("\(url)/volunteers/\(volunteer.id)/delete", []).status == .seeOther)
            #expect(try await staffList.post("\(url)/volunteers/\(volunteer.id)/delete", []).status == .notFound)
            #expect(try await repository.volunteerCount(conventionID: demo.id) == 2_000)

            // A convention still in preparation takes no one.
            let staff = Visitor(client)
            try await staff.signIn("secretariat@cese-fr.example")
            let preparing = try await Self.prepare(staff)
            #expect(try await citizen.get("\(preparing)/register").status == .notFound)
            #expect(try await staff.get("\(preparing)/register").status == .conflict)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func theAPIPublishesWhatThePublicPageShows(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let staff = Visitor(client)
            try await staff.signIn("secretariat@cese-fr.example")
            let preparing = Self.conventionID(try await Self.prepare(staff, panel: 150))
            let visitor = Visitor(client)
            let list = try await visitor.get("/api/v1/cese-fr/conventions")
            #expect(list.status == .ok)
            let conventions = try #require(try JSONSerialization.jsonObject(with: Data(list.text.utf8)) as? [[String: Any]])
            // The demo's two (the one in preparation is not public): one open to volunteers, one sitting.
            #expect(conventions.compactMap { $0["status"] as? String }.sorted() == ["registration", "sitting"])
            let open = try #require(conventions.first { $0["status"] as? String == "registration" })
            #expect(open["panelSize"] as? Int == 150)
            let demo = try #require(open["id"] as? Int)
            let detail = try await visitor.get("/api/v1/cese-fr/conventions/\(demo)")
            let convention = try #require(try JSONSerialization.jsonObject(with: Data(detail.text.utf8)) as? [String: Any])
            let criteria = try #require(convention["criteria"] as? [[String: Any]])
            #expect(criteria.count == 6 && criteria[0]["key"] as? String == "sex")
            let female = try #require((criteria[0]["values"] as? [[String: Any]])?.first)
            #expect(female["quota"] as? [String: Int] == ["min": 77, "max": 78])
            #expect(abs((female["idealSeats"] as? Double ?? 0) - 77.4) < 1e-9)
            #expect(!detail.text.contains("V0001"), "volunteers are never in the API")
            // In preparation: not found for a visitor, shown to the secretariat.
            #expect(try await visitor.get("/api/v1/cese-fr/conventions/\(preparing)").status == .notFound)
            #expect(try await staff.get("/api/v1/cese-fr/conventions/\(preparing)").status == .ok)
            #expect(try await staff.get("/api/v1/cese-fr/conventions?status=preparing").text.contains("\"id\":\(preparing)"))
            #expect(try await visitor.get("/api/v1/cese-fr/conventions?status=unknown").status == .badRequest)
            #expect(try await visitor.get("/api/v1/cese-ma/conventions/\(demo)").status == .notFound)
        }
    }

    @Test func oneHouseholdPerSeatIsCountedFromTheAddresses() async throws {
        try await Harness.run(.sqlite) { site, client in
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            let created = try await staff.post("/cese-fr/conventions", [
                ("title_fr", "Convention locale"), ("mandate_fr", "Question"), ("panel_size", "4"), ("tolerance", "100"), ("one_per_household", "on"),
            ])
            let url = try #require(created.location?.components(separatedBy: "?").first)
            #expect(try await staff.post("\(url)/criteria", [("criteria", "criterion,value,share\nsex,female,0.5\nsex,male,0.5\n")]).status == .seeOther)
            // Five volunteers, three households: two couples at the same address (written two ways), one alone.
            let file = """
                id,sex,address,postcode
                a,female,"12, rue de la Paix",75002
                b,male,12 Rue de la paix,75002
                """
            let refused = try await staff.postFile("\(url)/pool", fileName: "pool.csv", content: Array((file + "\n").utf8))
            #expect(refused.text.contains("Ligne 3, colonne 1 : Même foyer que la personne de la ligne 2"))
            // Without the rule, a couple and two people alone come in: five volunteers, four households.
            #expect(try await staff.post("\(url)/definition", [("title_fr", "Convention locale"), ("mandate_fr", "Question"),
                                                             ("panel_size", "5"), ("tolerance", "100")]).status == .seeOther)
            let pool = "id,sex,address,postcode\na,female,1 place Bellecour,69002\nb,male,1 Place Bellecour,69002\nc,female,,\nd,male,3 quai,69001\ne,female,4 quai,69001\n"
            #expect(try await staff.postFile("\(url)/pool", fileName: "pool.csv", content: Array(pool.utf8)).status == .seeOther)
            #expect(!(try await staff.get(url).text.contains("foyers pour un panel")))
            // With it, four households cannot fill five seats.
            #expect(try await staff.post("\(url)/definition", [("title_fr", "Convention locale"), ("mandate_fr", "Question"),
                                                             ("panel_size", "5"), ("tolerance", "100"), ("one_per_household", "on")]).status == .seeOther)
            #expect(try await staff.get(url).text.contains("Le vivier ne compte que 4 foyers pour un panel de 5, à une personne par foyer."))
            #expect(try await ConventionRepository(database: site.database).volunteerCount(conventionID: Self.conventionID(url)) == 5)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aDeletedAccountTakesItsRegistrationWithIt(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let repository = ConventionRepository(database: site.database)
            let demo = try #require(try await repository.all(councilID: france.id, statuses: ["registration"]).first)
            let criteria = try await repository.criteria(conventionID: demo.id)
            let citizen = Visitor(client)
            try await citizen.signIn("citoyen@hemicycle.example")
            let answers = criteria.map { ("value_\($0.id)", "\($0.values[0].id)") } + [("name", "Camille"), ("phone", "0611223344"),
                                                                                    ("consent_data", "on"), ("consent_draw", "on")]
            #expect(try await citizen.post("/cese-fr/conventions/\(demo.id)/register", answers).status == .seeOther)
            let account = try #require(try await site.accounts.find(email: "citoyen@hemicycle.example"))
            try await site.accounts.erase(id: account.id, at: TestClock().now())
            #expect(try await repository.volunteerCount(conventionID: demo.id) == 2_000)
            #expect(try await repository.valueCounts(conventionID: demo.id).values.reduce(0, +) == 6 * 2_000)
            #expect(try await repository.volunteers(conventionID: demo.id, limit: 5_000, offset: 0).allSatisfy { $0.phone == nil })
        }
    }
}
