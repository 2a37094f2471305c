import Foundation
import HemicycleDomain
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport
@testable import Web

/// What an agreement shares is explicit: a party's secretariat shares one of its practice notes with a partner by
/// name, which the partner reads while the agreement is in force, whatever the note's audience; nobody else does.
@Suite struct PracticeGrantTests {
    @Test(arguments: TestDatabase.kinds)
    func aNoteSharedByNameUnderAnAgreementIsReadByThatPartnerOnly(kind: DatabaseKind) async throws {
        try await Harness.run(kind) { site, client in
            let france = try #require(try await site.councils.find(slug: "cese-fr"))
            let morocco = try #require(try await site.councils.find(slug: "cese-ma"))
            let agreement = try #require(try await AgreementRepository(database: site.database).all(councilID: morocco.id).first)
            let kept = try #require(try await PracticeNoteRepository(database: site.database).all(councilID: morocco.id).first { $0.audience == "council" })
            let frenchNote = try #require(try await PracticeNoteRepository(database: site.database).all(councilID: france.id).first)
            _ = try await CooperationOutsiderTests.outsider(site)
            let note = "/cese-ma/practices/\(kept.id)", shares = "/cese-ma/cooperation/agreements/\(agreement.id)/shares"
            let french = Visitor(client, acceptLanguage: "fr")
            try await french.signIn("membre@cese-fr.example")
            #expect(try await french.get(note).status != .ok)

            // Only the Moroccan secretariat shares it, and only its own notes, with a party.
            let member = Visitor(client, acceptLanguage: "fr")
            try await member.signIn("membre@cese-ma.example")
            #expect(try await member.post(shares, [("note", "\(kept.id)"), ("grantee", "\(france.id)")]).status == .forbidden)
            let staff = Visitor(client, acceptLanguage: "fr")
            try await staff.signIn("secretariat@cese-ma.example")
            let senegal = try #require(try await site.councils.find(slug: "cese-sn"))
            #expect(try await staff.post(shares, [("note", "\(frenchNote.id)"), ("grantee", "\(france.id)")]).status == .unprocessableContent)
            #expect(try await staff.post(shares, [("note", "\(kept.id)"), ("grantee", "\(senegal.id)")]).status == .unprocessableContent)
            #expect(try await french.get(note).status != .ok)
            let form = try await staff.get("/cese-ma/cooperation/agreements/\(agreement.id)").text
            #expect(form.contains("name=\"note\"") && form.contains(kept.title))
            #expect(try await staff.post(shares, [("note", "\(kept.id)"), ("grantee", "\(france.id)")]).status == .seeOther)
            #expect(try await staff.post(shares, [("note", "\(kept.id)"), ("grantee", "\(france.id)")]).status == .seeOther)

            // The French member reads it, finds it in the library and on the agreement; the outsider does not.
            #expect(try await french.get(note).status == .ok)
            #expect(try await french.get("/cese-ma/practices").text.contains(kept.title))
            #expect(try await french.get("/cese-fr/cooperation/agreements/\(agreement.id)").text.contains(note))
            let outsider = Visitor(client, acceptLanguage: "fr")
            try await outsider.signIn("secretariat@cese-sn.example", password: "un mot de passe")
            #expect(try await outsider.get(note).status != .ok)
            #expect(try await Visitor(client).get(note).status != .ok)

            // Withdrawn, it is the Moroccan council's alone again.
            let share = try #require(try await AgreementPlanRepository(database: site.database).shares(agreementID: agreement.id)
                .first { $0.itemKind == AgreementShare.practiceNote && $0.itemId == kept.id })
            #expect(try await staff.post("\(shares)/\(share.id)/delete", []).status == .seeOther)
            #expect(try await french.get(note).status != .ok)
            // Shared again, then the agreement terminated: no longer read.
            #expect(try await staff.post(shares, [("note", "\(kept.id)"), ("grantee", "\(france.id)")]).status == .seeOther)
            #expect(try await french.get(note).status == .ok)
            let frenchStaff = Visitor(client, acceptLanguage: "fr")
            try await frenchStaff.signIn("secretariat@cese-fr.example")
            let fields = try await AgreementTests.fields(site, agreement) + [("terminated_on", CivilDayText.utc(site.clock.now()))]
            #expect(try await frenchStaff.post("/cese-fr/cooperation/agreements/\(agreement.id)", fields).status == .seeOther)
            #expect(try await french.get(note).status != .ok)
            // Nor is its title shown on the agreement's page any more.
            #expect(!(try await french.get("/cese-fr/cooperation/agreements/\(agreement.id)").text.contains(note)))
        }
    }
}
