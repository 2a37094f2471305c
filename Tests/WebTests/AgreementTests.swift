import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

/// Agreements between councils: anyone reads a signed one under each party's address; the parties' members follow
/// its action plan (what is late first); each party's secretariat keeps it and shares its own works; a partner reads a
/// shared work in full only while the agreement is in force in the sharing council's calendar.
@Suite struct AgreementTests {
    static let youthDraft = "Financer le permis"

    func demo(_ site: Site) async throws -> (france: Council, morocco: Council, agreement: AgreementRecord, youth: WorkRecord) {
        let france = try #require(try await site.councils.find(slug: "cese-fr"))
        let morocco = try #require(try await site.councils.find(slug: "cese-ma"))
        let agreement = try #require(try await AgreementRepository(database: site.database).all(councilID: france.id).first)
        let youth = try #require(try await site.works.all(councilID: france.id).first { $0.status == "in_preparation" })
        return (france, morocco, agreement, youth)
    }

    @Test(arguments: TestDatabase.kinds)
    func anyoneReadsASignedAgreementAndThePartiesFollowItsPlan(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let (_, morocco, agreement, youth) = try await demo(site)
            let visitor = Visitor(client, acceptLanguage: "fr")
            let home = try await visitor.get("/cese-fr/cooperation")
            #expect(home.status == .ok && home.text.contains("Accord-cadre de coopération") && home.text.contains("En vigueur")
                && home.text.contains("Signé le 14 mars 2024 à Paris."))
            #expect(home.text.contains("href=\"/cese-fr/cooperation/partners\"") && home.text.contains("href=\"/cese-fr/cooperation/missions\""))
            #expect(try await visitor.get("/cese-fr/cooperation/agreements").location == "/cese-fr/cooperation")
            let page = try await visitor.get("/cese-fr/cooperation/agreements/\(agreement.id)")
            #expect(page.status == .ok && page.text.contains("Claire Dumas, présidente") && page.text.contains("Karim Alaoui, président"))
            #expect(page.text.contains("Traitement des opinions divergentes") && page.text.contains("Article 2 — Échanges de bonnes pratiques"))
            #expect(page.text.contains("13 mars 2028") && page.text.contains("href=\"/cese-fr/cooperation/partners/cese-ma\""))
            // The document is titled with the agreement's name (a page model's own `title` does not replace it).
            #expect(page.text.contains("<title>Accord-cadre de coopération entre le Conseil économique"))
            // The plan and what is shared are the parties' business.
            #expect(!page.text.contains("Plan d’action") && !page.text.contains("Séminaire commun") && !page.text.contains("/edit"))
            // Under the other party's address too, in Arabic; not under a council that is no party.
            let arabic = Visitor(client, acceptLanguage: "ar")
            let other = try await arabic.get("/cese-ma/cooperation/agreements/\(agreement.id)")
            #expect(other.status == .ok && other.text.contains("سارية المفعول") && other.text.contains("المادة 1"))
            #expect(try await visitor.get("/cese-fr/cooperation/agreements/\(agreement.id + 100)").status == .notFound)
            // The partner's page lists it; so does the API, with its status today.
            #expect(try await visitor.get("/cese-fr/cooperation/partners/cese-ma").text.contains("Accord-cadre de coopération"))
            let api = try await visitor.get("/api/v1/cese-fr/cooperation/agreements")
            #expect(api.status == .ok && api.text.contains("\"status\":\"in_force\"") && api.text.contains("\"parties\":[\"cese-fr\",\"cese-ma\"]")
                && api.text.contains("\"signedOn\":\"2024-03-14\"") && api.text.contains("\"endsOn\":\"2028-03-13\"") && api.text.contains("\"dissent\""))
            #expect(try await visitor.get("/api/v1/cese-ma/cooperation/agreements/\(agreement.id)").status == .ok)

            // A member of either party follows the plan: what is late first, the longest overdue first, what is done last.
            for email in ["membre@cese-fr.example", "membre@cese-ma.example"] {
                let member = Visitor(client, acceptLanguage: "fr")
                try await member.signIn(email)
                let slug = email.hasSuffix("cese-fr.example") ? "cese-fr" : "cese-ma"
                let plan = try await member.get("/\(slug)/cooperation/agreements/\(agreement.id)").text
                // In the reader's language: the Moroccan member reads Arabic.
                #expect(plan.contains(slug == "cese-fr" ? "2 actions sont en retard." : "إجراءان متأخران."), "\(email)")
                let order = ["Séminaire commun", "Accueil de deux agents", "Comparaison des méthodes", "Parangonnage des budgets", "Échange de notes"]
                let positions = order.compactMap { plan.range(of: $0)?.lowerBound }
                #expect(positions.count == order.count && positions == positions.sorted(), "\(email)")
                #expect(!plan.contains("agreements/\(agreement.id)/actions"), "\(email)")
            }
            // The Moroccan council shares its referral on the social and solidarity economy: the French members find it.
            let referral = try #require(try await site.works.all(councilID: morocco.id).first)
            let french = Visitor(client, acceptLanguage: "fr")
            try await french.signIn("membre@cese-fr.example")
            let theirs = try await french.get("/cese-fr/cooperation/agreements/\(agreement.id)").text
            #expect(theirs.contains("économie sociale et solidaire, levier") && theirs.contains("href=\"/cese-ma/works/\(referral.id)\""))
            let moroccan = Visitor(client)
            try await moroccan.signIn("secretariat@cese-ma.example")
            let ours = try await moroccan.get("/cese-ma/cooperation/agreements/\(agreement.id)").text
            // In the reader's language (Arabic, from his profile), with the form to withdraw it.
            #expect(ours.contains("الاقتصاد الاجتماعي والتضامني") && ours.contains("/shares/") && ours.contains("name=\"grantee\""))
            _ = youth
            // A citizen does not follow it.
            let citizen = Visitor(client, acceptLanguage: "fr")
            try await citizen.signIn("citoyen@hemicycle.example")
            #expect(!(try await citizen.get("/cese-fr/cooperation/agreements/\(agreement.id)")).text.contains("Plan d’action"))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aPartnerReadsASharedWorkOnlyWhileTheAgreementIsInForceInTheSharingCouncilsCalendar(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let (_, morocco, agreement, youth) = try await demo(site)
            let clock = try #require(site.clock as? TestClock)
            let work = "/cese-fr/works/\(youth.id)"
            let readers = ["membre@cese-ma.example", "secretariat@cese-ma.example", "bureau@cese-ma.example"]
            func reads(_ email: String) async throws -> Bool {
                let someone = Visitor(client, acceptLanguage: "fr")
                try await someone.signIn(email)
                let page = try await someone.get(work)
                #expect(page.status == .ok, "\(email)")
                return page.text.contains(Self.youthDraft)
            }
            // Not shared yet: the partner's people see the progress only.
            #expect(try await !reads("membre@cese-ma.example"))
            let staff = Visitor(client)
            try await staff.signIn("secretariat@cese-fr.example")
            #expect(try await staff.post("/cese-fr/cooperation/agreements/\(agreement.id)/shares", [("work", "\(youth.id)"), ("grantee", "\(morocco.id)")])
                .status == .seeOther)
            // Shared: the partner's members, bureau and secretariat read the draft; its citizens, a visitor and the
            // instance's other citizens see the progress only.
            for email in readers { #expect(try await reads(email), "\(email)") }
            for email in ["citoyenne@cese-ma.example", "citoyen@hemicycle.example"] { #expect(try await !reads(email), "\(email)") }
            #expect(!(try await Visitor(client).get(work)).text.contains(Self.youthDraft))
            // Reading is all they do.
            let partner = Visitor(client)
            try await partner.signIn("membre@cese-ma.example")
            #expect(try await partner.post("\(work)/amendments", [("text", "x")]).status != .seeOther)

            // The agreement ends today (30 November 2026) in Paris: read until 23:59:59 there, not a second after, though
            // it is still 30 November in UTC.
            var fields = try await Self.fields(site, agreement)
            fields = fields.map { $0.0 == "ends_on" ? ($0.0, "2026-11-30") : $0 }
            #expect(try await staff.post("/cese-fr/cooperation/agreements/\(agreement.id)", fields).status == .seeOther)
            #expect(try await reads("membre@cese-ma.example"))
            let untilMidnight = Date(timeIntervalSince1970: 1_796_079_599) // 2026-11-30 23:59:59 in Paris
            clock.advance(by: untilMidnight.timeIntervalSince(clock.now()) - 5)
            #expect(try await reads("membre@cese-ma.example"))
            clock.advance(by: 10)
            #expect(CivilDayText.utc(clock.now()) == "2026-11-30")
            #expect(try await !reads("membre@cese-ma.example"))
            #expect(try await Visitor(client).get("/api/v1/cese-fr/cooperation/agreements/\(agreement.id)").text.contains("\"status\":\"expired\""))
            // The work appears again once the agreement runs longer; then stops on the day a termination takes effect.
            #expect(try await staff.post("/cese-fr/cooperation/agreements/\(agreement.id)", fields.map { $0.0 == "ends_on" ? ($0.0, "") : $0 }).status
                == .seeOther)
            #expect(try await reads("secretariat@cese-ma.example"))
            #expect(try await staff.post("/cese-fr/cooperation/agreements/\(agreement.id)",
                                         fields.map { $0.0 == "ends_on" ? ($0.0, "") : $0 } + [("terminated_on", "2026-12-01")]).status == .seeOther)
            #expect(try await !reads("secretariat@cese-ma.example"))
            #expect(try await Visitor(client, acceptLanguage: "fr").get("/cese-fr/cooperation/agreements/\(agreement.id)").text.contains("Résilié"))
        }
    }

    /// The demo agreement's fields as its form posts them.
    static func fields(_ site: Site, _ agreement: AgreementRecord) async throws -> [(String, String)] {
        let repository = AgreementRepository(database: site.database)
        var fields: [(String, String)] = [("title_fr", agreement.titleFr ?? ""), ("title_ar", agreement.titleAr ?? ""), ("title_en", agreement.titleEn ?? ""),
                                          ("text_fr", agreement.textFr), ("text_ar", agreement.textAr), ("text_en", agreement.textEn),
                                          ("place", agreement.place), ("signed_on", agreement.signedOn ?? ""), ("in_force_from", agreement.inForceFrom ?? ""),
                                          ("ends_on", agreement.endsOn ?? "")]
        for party in try await repository.parties(agreementID: agreement.id) { fields.append(("party", "\(party)")) }
        for signatory in try await repository.signatories(agreementID: agreement.id) { fields.append(("signatories_\(signatory.councilId)", signatory.name)) }
        for theme in try await repository.themes(agreementID: agreement.id) { fields.append(("theme", "\(theme.id)")) }
        return fields
    }
}

enum CivilDayText {
    static func utc(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }
}
