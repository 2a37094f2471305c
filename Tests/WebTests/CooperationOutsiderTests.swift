import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

/// A council outside an agreement sees nothing it shares; what is shared stops at midnight in the calendar of the
/// council that shares it (Casablanca's, which differs from Paris's in summer).
@Suite struct CooperationOutsiderTests {
    /// A third council hosted here, with a secretariat account: the strongest outsider.
    static func outsider(_ site: Site) async throws -> Int64 {
        let senegal = try await site.councils.create(NewCouncil(
            slug: "cese-sn", name: LocalizedText(fr: "Conseil économique, social et environnemental du Sénégal", ar: nil, en: nil), country: "SN",
            defaultLanguage: .fr, languages: [.fr], networks: ["UCESIF"], timeZone: "Africa/Dakar"), at: site.clock.now())
        let hash = try await Passwords(cost: 4).hash("un mot de passe")
        let account = try await site.accounts.create(email: "secretariat@cese-sn.example", passwordHash: hash, displayName: "Awa Secrétariat",
                                                     language: .fr, verified: true, now: site.clock.now())
        try await site.memberships.add(councilID: senegal, accountID: account, role: .staff, groupID: nil, now: site.clock.now())
        return senegal
    }

    @Test(arguments: TestDatabase.kinds)
    func aCouncilOutsideTheAgreementSeesNothingItShares(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let morocco = try #require(try await site.councils.find(slug: "cese-ma"))
            let agreement = try #require(try await AgreementRepository(database: site.database).all(councilID: france.id).first)
            let youth = try #require(try await site.works.all(councilID: france.id).first { $0.status == "in_preparation" })
            _ = try await AgreementPlanRepository(database: site.database).shareWork(
                agreementID: agreement.id, grantingID: france.id, granteeID: morocco.id, workID: youth.id, at: site.clock.now().timeIntervalSince1970)
            let notes = PracticeNoteRepository(database: site.database)
            let forPartners = try #require(try await notes.all(councilID: france.id).first { $0.audience == "partners" })
            let contribution = try #require(try await PartnerContributionRepository(database: site.database).all(councilID: morocco.id).first)
            let question = try #require(try await PracticeRequestRepository(database: site.database).all(councilID: france.id).first)
            _ = try await Self.outsider(site)

            // The Moroccan member reads what the agreement shares; the Senegalese secretariat reads none of it.
            let partner = Visitor(client, acceptLanguage: "fr")
            try await partner.signIn("membre@cese-ma.example")
            #expect(try await partner.get("/cese-fr/works/\(youth.id)").text.contains(AgreementTests.youthDraft))
            #expect(try await partner.get("/cese-fr/practices/\(forPartners.id)").status == .ok)
            let outsider = Visitor(client, acceptLanguage: "fr")
            try await outsider.signIn("secretariat@cese-sn.example", password: "un mot de passe")
            let work = try await outsider.get("/cese-fr/works/\(youth.id)")
            #expect(work.status == .ok && !work.text.contains(AgreementTests.youthDraft))
            #expect(try await outsider.get("/cese-fr/practices/\(forPartners.id)").status != .ok)
            #expect(!(try await outsider.get("/cese-fr/practices").text.contains(forPartners.title)))
            #expect(!(try await outsider.get("/practices").text.contains(forPartners.title)))
            #expect(!(try await outsider.get("/api/v1/cese-fr/practices").text.contains(forPartners.title)))
            #expect(try await outsider.get("/cese-ma/cooperation/contributions/\(contribution.id)").status != .ok)
            #expect(try await outsider.get("/cese-fr/practices/requests/\(question.id)").status == .forbidden)
            #expect(try await outsider.get("/cese-fr/cooperation/instances").status == .forbidden)
            // The signed agreement is public; its plan is the parties'.
            let page = try await outsider.get("/cese-fr/cooperation/agreements/\(agreement.id)")
            #expect(page.status == .ok && !page.text.contains("Séminaire commun"))
            // Nor does it write: no contribution to the shared work, no answer to the question.
            #expect(try await outsider.post("/cese-fr/works/\(youth.id)/amendments", [("text", "x")]).status != .seeOther)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aSharedWorkStopsAtMidnightInTheSharingCouncilsCalendar(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let clock = try #require(site.clock as? TestClock)
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let morocco = try #require(try await site.councils.find(slug: "cese-ma"))
            let agreements = AgreementRepository(database: site.database)
            let agreement = try #require(try await agreements.all(councilID: morocco.id).first)
            // A Moroccan work with a summary its council keeps, shared with the French council.
            let summary = "Un résumé que seuls le Conseil du Maroc et ses partenaires lisent."
            let work = try await site.works.create(councilID: morocco.id, NewWork(
                kind: "avis", title: LocalizedText(fr: "La gouvernance de l'eau", ar: "حكامة الماء", en: nil),
                summary: LocalizedText(fr: summary, ar: nil, en: nil), referralSource: "self_referral", referralReference: nil, procedure: "ordinary"),
                accountID: nil, at: clock.now().timeIntervalSince1970)
            _ = try await AgreementPlanRepository(database: site.database).shareWork(
                agreementID: agreement.id, grantingID: morocco.id, granteeID: france.id, workID: work, at: clock.now().timeIntervalSince1970)
            // The agreement ends on 30 June 2027: Paris is then at UTC+2, Casablanca at UTC+1.
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-fr.example")
            let fields = try await AgreementTests.fields(site, agreement).map { $0.0 == "ends_on" ? ($0.0, "2027-06-30") : $0 }
            #expect(try await staff.post("/cese-fr/cooperation/agreements/\(agreement.id)", fields).status == .seeOther)
            func reads() async throws -> Bool {
                let member = Visitor(client, acceptLanguage: "fr")
                try await member.signIn("membre@cese-fr.example")
                return try await member.get("/cese-ma/works/\(work)").text.contains(summary)
            }
            #expect(try await reads())
            // 22:30 UTC: already 1 July in Paris, still 30 June in Casablanca, whose council shares the work.
            let lateEvening = Date(timeIntervalSince1970: 1_814_394_600) // 2027-06-30 22:30:00 UTC
            clock.advance(by: lateEvening.timeIntervalSince(clock.now()))
            #expect(try await reads())
            // 23:00:05 UTC: 1 July in Casablanca too.
            clock.advance(by: 30 * 60 + 5)
            #expect(try await !reads())
        }
    }
}
