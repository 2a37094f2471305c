import Foundation
import HemicycleDomain
import SQLKit
import Storage
import Testing
import TestSupport

@Suite struct CouncilStructureTests {
    struct Fixture {
        let france: Int64
        let morocco: Int64
        let unsa: Int64
        let experts: Int64
        let person: Int64
    }

    static func fixture(_ database: any Database) async throws -> Fixture {
        let councils = CouncilRepository(database: database)
        let groups = GroupRepository(database: database)
        let france = try await councils.create(NewCouncil(slug: "cese-fr", name: LocalizedText(fr: "CESE", ar: nil, en: nil),
                                                          country: "FR", defaultLanguage: .fr, languages: [.fr, .en]), at: TestClock.start)
        let morocco = try await councils.create(NewCouncil(slug: "cese-ma", name: LocalizedText(fr: "CESE Maroc", ar: "المجلس", en: nil),
                                                           country: "MA", defaultLanguage: .ar, languages: [.ar, .fr]), at: TestClock.start)
        let unsa = try await groups.create(councilID: france, name: LocalizedText(fr: "Groupe UNSA", ar: nil, en: nil),
                                           acronym: "UNSA", description: LocalizedText(), at: TestClock.start)
        let experts = try await groups.create(councilID: morocco, name: LocalizedText(fr: nil, ar: "فئة الخبراء", en: nil),
                                              acronym: nil, description: LocalizedText(), at: TestClock.start)
        let person = try await AccountRepository(database: database).create(
            email: "p@example.org", passwordHash: nil, displayName: "P", language: nil, now: TestClock.start)
        return Fixture(france: france, morocco: morocco, unsa: unsa, experts: experts, person: person)
    }

    @Test(arguments: TestDatabase.kinds)
    func councilsKeepTheirLocalizedNamesAndLanguages(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            _ = try await Self.fixture(database)
            let morocco = try #require(try await CouncilRepository(database: database).find(slug: "cese-ma"))
            #expect(morocco.name[.ar] == "المجلس")
            #expect(morocco.name[.en] == nil)
            #expect(morocco.language == .ar)
            #expect(morocco.publishedLanguages == [.ar, .fr])
            #expect(try await CouncilRepository(database: database).all().map(\.slug) == ["cese-fr", "cese-ma"])
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func councilsNeedAFreeSlugAndAName(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            let councils = CouncilRepository(database: database)
            await #expect(throws: ValidationFailure(field: "slug", key: "error_slug_reserved")) {
                try await councils.create(NewCouncil(slug: "admin", name: LocalizedText(fr: "X", ar: nil, en: nil),
                                                     country: "FR", defaultLanguage: .fr, languages: [.fr]), at: TestClock.start)
            }
            await #expect(throws: ValidationFailure.self) {
                try await councils.create(NewCouncil(slug: "cese-be", name: LocalizedText(), country: "BE",
                                                     defaultLanguage: .fr, languages: [.fr]), at: TestClock.start)
            }
            let count = try await councils.count()
            #expect(count == 0)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aMemberSitsInOneGroupOfTheirOwnCouncil(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            let f = try await Self.fixture(database)
            let memberships = MembershipRepository(database: database)
            await #expect(throws: ValidationFailure.self) {
                try await memberships.add(councilID: f.france, accountID: f.person, role: .member, groupID: nil, now: TestClock.start)
            }
            await #expect(throws: StoreError.groupNotInCouncil) {
                try await memberships.add(councilID: f.france, accountID: f.person, role: .member, groupID: f.experts, now: TestClock.start)
            }
            let id = try await memberships.add(councilID: f.france, accountID: f.person, role: .member, groupID: f.unsa, now: TestClock.start)
            await #expect(throws: StoreError.alreadyMember) {
                try await memberships.add(councilID: f.france, accountID: f.person, role: .citizen, groupID: nil, now: TestClock.start)
            }
            // The same person may hold another role in another council.
            try await memberships.add(councilID: f.morocco, accountID: f.person, role: .citizen, groupID: nil, now: TestClock.start)
            #expect(try await memberships.all(accountID: f.person).count == 2)
            // Nothing of one council is reachable through the other's id.
            #expect(try await memberships.find(id: id, councilID: f.morocco) == nil)
            await #expect(throws: StoreError.notFound) { try await memberships.remove(id: id, councilID: f.morocco, now: TestClock.start) }
            await #expect(throws: StoreError.groupHasMembers) {
                try await GroupRepository(database: database).delete(id: f.unsa, councilID: f.france, at: 0)
            }
            // A seat sits from when it is seated; one that stops sitting has no date, and starts anew when it sits again.
            let records = PublicRecordRepository(database: database)
            #expect(try await records.seatedSince(membershipID: id, councilID: f.france) == TestClock.start.timeIntervalSince1970)
            try await memberships.update(id: id, councilID: f.france, role: .bureau, groupID: f.unsa, now: TestClock.start.addingTimeInterval(60))
            #expect(try await records.seatedSince(membershipID: id, councilID: f.france) == TestClock.start.timeIntervalSince1970)
            try await memberships.update(id: id, councilID: f.france, role: .staff, groupID: nil, now: TestClock.start.addingTimeInterval(120))
            #expect(try await records.seatedSince(membershipID: id, councilID: f.france) == nil)
            try await GroupRepository(database: database).delete(id: f.unsa, councilID: f.france, at: 0)
            #expect(try await GroupRepository(database: database).all(councilID: f.france).isEmpty)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func commissionSeatsStayInsideTheCouncil(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            let f = try await Self.fixture(database)
            let commissions = CommissionRepository(database: database)
            let european = try await commissions.create(
                councilID: f.france, name: LocalizedText(fr: "Commission Affaires européennes et internationales", ar: nil, en: nil),
                description: LocalizedText(), at: TestClock.start)
            let moroccan = try await commissions.create(
                councilID: f.morocco, name: LocalizedText(fr: "Commission de l'environnement", ar: nil, en: nil),
                description: LocalizedText(), at: TestClock.start)
            let membership = try await MembershipRepository(database: database).add(
                councilID: f.france, accountID: f.person, role: .member, groupID: f.unsa, now: TestClock.start)
            await #expect(throws: StoreError.notFound) {
                try await commissions.setSeats(membershipID: membership, commissionIDs: [european, moroccan], councilID: f.france, at: 0)
            }
            #expect(try await commissions.seats(councilID: f.france).isEmpty)
            try await commissions.setSeats(membershipID: membership, commissionIDs: [european, european], councilID: f.france, at: 0)
            let seats = try await commissions.seats(councilID: f.france)
            #expect(seats.count == 1 && seats[0].commissionID == european && seats[0].membershipID == membership)
            #expect(try await commissions.seats(councilID: f.morocco).isEmpty)
            try await commissions.delete(id: european, councilID: f.france, at: 0)
            #expect(try await commissions.seats(councilID: f.france).isEmpty)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func persistedValuesExpire(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            let persist = PersistRepository(database: database)
            #expect(try await persist.create(key: "k", value: "v1", expiresAt: 100, now: 50))
            #expect(try await !persist.create(key: "k", value: "v2", expiresAt: 100, now: 60))
            #expect(try await persist.get(key: "k", now: 60)?.value == "v1")
            #expect(try await persist.get(key: "k", now: 100) == nil)
            #expect(try await persist.create(key: "k", value: "v3", expiresAt: nil, now: 120))
            try await persist.set(key: "k", value: "v4", expiresAt: nil, keepExpiry: true)
            #expect(try await persist.get(key: "k", now: 10_000)?.value == "v4")
            try await persist.remove(key: "k")
            #expect(try await persist.get(key: "k", now: 0) == nil)
        }
    }
}
